import { defaultSorts, sortLabels, type ListPane } from "../../model/navigation/listSorts.js";
import type { ListState } from "../../model/navigation/uiState.js";
import { formatCount } from "../../model/views/numberFormat.js";

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
