import { compareText } from "./compareText.js";

/**
 * The order node states are shown in, by the heatmap, its legend and the pools' node bar: trouble
 * first, so a heatmap cut short or a bar read left to right shows it before anything else; then
 * nodes on their way in, working, idle, and on their way out. States this version does not know
 * come last, by name.
 */
const nodeStateOrder: readonly string[] = [
  "unusable",
  "starttaskfailed",
  "unknown",
  "offline",
  "creating",
  "starting",
  "waitingforstarttask",
  "rebooting",
  "reimaging",
  "upgradingos",
  "running",
  "idle",
  "leavingpool",
  "deallocating",
  "deallocated",
  "preempted",
];

const rankByState = new Map(nodeStateOrder.map((state, rank) => [state, rank]));

function rank(state: string): number {
  return rankByState.get(state) ?? nodeStateOrder.length;
}

export function compareNodeStates(a: string, b: string): number {
  return rank(a) - rank(b) || compareText(a, b);
}
