import type { NodeSummary } from "./nodes.js";

const minute = 60_000;

/**
 * How long a node may sit in a passing state before an operator should look: several times what the
 * state normally takes (a node is created and started in minutes; a start task or a reimage takes
 * longer). A node past this is stuck: the identity documents' "node stuck in Starting" (an application
 * package it may not read), a start task that never returns, a reboot that never comes back.
 */
export const stuckAfterMs: Readonly<Record<string, number>> = {
  creating: 20 * minute,
  starting: 20 * minute,
  waitingforstarttask: 30 * minute,
  rebooting: 20 * minute,
  reimaging: 30 * minute,
  leavingpool: 30 * minute,
};

/** The states a node passes through on its way somewhere: the ones it can be stuck in. */
export const passingNodeStates: readonly string[] = Object.keys(stuckAfterMs);

export function isNodeStuck(node: Pick<NodeSummary, "state" | "stateTransitionTime">, now: number): boolean {
  const limit = stuckAfterMs[node.state.toLowerCase()];
  const since = node.stateTransitionTime?.getTime();
  return limit !== undefined && since !== undefined && now - since > limit;
}
