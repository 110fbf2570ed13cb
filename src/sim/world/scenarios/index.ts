import { healthy } from "./healthy.js";
import { identity } from "./identity.js";
import { incident } from "./incident.js";
import { scale } from "./scale.js";
import type { ScenarioDefinition } from "./scenario.js";

/** Every scenario `createWorld` can build, by name. */
export const scenarios: Readonly<Record<string, ScenarioDefinition>> = { healthy, incident, identity, scale };
