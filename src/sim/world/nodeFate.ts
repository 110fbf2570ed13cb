import type { ComputeNodeError } from "./entities.js";

/** How a node will behave from allocation on; decided once, when the node is allocated. */
export type NodeFate =
  | { kind: "healthy" }
  | { kind: "startTaskFails"; exitCode: number }
  /** Never gets past `starting` (a pool whose node identity cannot be resolved). */
  | { kind: "stuckStarting" }
  /** Boots, then turns unusable with these errors (e.g. ApplicationPackageError). */
  | { kind: "unusable"; errors: ComputeNodeError[] };
