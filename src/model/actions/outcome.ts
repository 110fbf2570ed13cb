/**
 * How a sent action stands, as the account shows it. An action is done when its effect is there,
 * not when Batch accepted the request: a resize is done when the pool is steady at its new targets,
 * and one that stopped short (a quota, a timeout) failed, in Batch's words.
 */
export type PlanOutcome =
  /** The polls do not show the request yet. */
  | { kind: "waiting" }
  /** Batch took it and is working on it: a resize on its way. */
  | { kind: "underway"; progress: string }
  | { kind: "done"; detail: string }
  | { kind: "failed"; reason: string };
