// What a pipeline is made of, apart from how its runs go (pipelines.ts): its activities, schedule
// and host. Separate so the run book can name a run's pipeline without importing the run logic.

import type { PipelineHost } from "./history.js";
import type { ProgramSpec } from "./programs.js";
import type { Random } from "./random.js";

export interface CustomActivitySpec {
  type: "Custom";
  name: string;
  program: ProgramSpec;
  /** Parallel runs of the activity (a ForEach over partitions); each is its own task. */
  fanOut: number;
  maxTaskRetryCount: number;
  /**
   * The activity policy's timeout: ADF fails an activity run that runs longer, and does not stop its
   * Batch task, which runs on with nothing in the pipeline waiting for it.
   */
  timeoutMs?: number;
}

export interface WebActivitySpec {
  type: "WebActivity";
  name: string;
  /** The Azure ML batch endpoint the activity invokes. */
  url: string;
  durationMs: readonly [number, number];
  /** Chance the call is refused (the factory's identity lacks access to the workspace). */
  failureRate: number;
}

export type ActivitySpec = CustomActivitySpec | WebActivitySpec;

export interface PipelineSpec {
  name: string;
  host: PipelineHost;
  /** The Batch pool the Custom activities' linked service points at. */
  poolId: string;
  triggerName: string;
  everyMs: number;
  /** Absolute simulated time of the first run. */
  firstRunMs: number;
  activities: ActivitySpec[];
  /**
   * A bad deploy: from `fromMs` on, the named Custom activity runs `program` instead, until the fix
   * is deployed (`fixedFromMs`, set by the demo's fix drill through `World.fixPipeline`).
   */
  breakage?: { fromMs: number; activityName: string; program: ProgramSpec; fixedFromMs?: number };
  /** The user-assigned identity the storage linked service signs in with (seed 000's UAMI setup). */
  storageIdentity?: string;
  /**
   * Its own stream of run and activity run ids. Without it ids come from the world's stream, so a
   * pipeline added to a scenario would change the ids of every other run after it, and with them
   * every outcome drawn from an id (a program's duration, a Web activity's refusal).
   */
  ids?: Random;
}
