import type { WorldBuilder } from "./builder.js";

export interface ScenarioDefinition {
  description: string;
  /**
   * How long before the hand-over the scenario is laid out; the world simulates this lead-in so it
   * arrives with finished runs, busy nodes and tasks part-way through.
   */
  leadTimeMs: number;
  build(builder: WorldBuilder): void;
}
