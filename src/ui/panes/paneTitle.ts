import { describeFreshness, type ThrottleView } from "../../model/freshness.js";
import { defaultSorts, sortLabels, type ListPane } from "../../model/navigation/listSorts.js";
import type { ListState } from "../../model/navigation/uiState.js";
import { formatCount } from "../../model/views/numberFormat.js";
import type { ResourceState } from "../../store/resourceState.js";
import type { PaneTitle } from "./PaneFrame.js";

/** How old a pane's data is and why, for its title: "3s ago", "stale 34s: 429 throttled…". */
export function freshnessOf(
  resource: ResourceState<unknown>,
  intervalMs: number,
  now: number,
  throttle?: ThrottleView,
): Required<Pick<PaneTitle, "age" | "stale">> {
  const freshness = describeFreshness({
    ...(resource.fetchedAt !== undefined ? { fetchedAt: resource.fetchedAt } : {}),
    ...(resource.error !== undefined ? { error: resource.error } : {}),
    ...(throttle ? { throttle } : {}),
    intervalMs,
    now,
  });
  return { age: freshness.text, stale: freshness.stale };
}

/** "3 of 120" while faults-only or a filter hides rows (or the list holds only part), else "1,200". */
export function countOf(shown: number, total: number): string {
  return shown === total ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`;
}

/** The list's settings that change what it shows: sort (unless the default), filter, faults-only. */
export function listNotes(pane: ListPane, state: ListState): string[] {
  const notes: string[] = [];
  if (state.sort !== defaultSorts[pane]) notes.push(`by ${sortLabels[state.sort]}`);
  if (state.faultsOnly) notes.push("faults only");
  if (state.filter) notes.push(`/${state.filter}`);
  return notes;
}
