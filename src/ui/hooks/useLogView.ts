import { useMemo } from "react";
import type { LogState } from "../../model/navigation/uiState.js";
import type { TailSnapshot } from "../../model/tailSnapshot.js";
import { compileSearch, findLogMatches, type LogMatches } from "../../model/views/logSearch.js";
import { logLines } from "../../model/views/logView.js";

export interface LogViewData {
  /** The tail as lines, split once per new tail. */
  lines: readonly string[];
  /** The search's matches in those lines, while a search is set. */
  found?: LogMatches;
}

/** The log's lines and search matches, derived again only when the tail or the search changes. */
export function useLogView(tail: TailSnapshot | undefined, search: LogState["search"]): LogViewData {
  const lines = useMemo(() => (tail ? logLines(tail) : []), [tail]);
  const query = search?.query;
  const compiled = useMemo(() => (query ? compileSearch(query) : undefined), [query]);
  const found = useMemo(
    () => (compiled ? findLogMatches(lines, compiled.pattern) : undefined),
    [compiled, lines],
  );
  return useMemo(() => (found ? { lines, found } : { lines }), [lines, found]);
}
