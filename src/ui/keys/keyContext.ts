// What every key handler reads and changes, and the helpers they share: the flash line and the
// selection as the last key left it.
import type { Dispatch } from "react";
import type { Keymap } from "../../model/keymap/keymap.js";
import { type ListPane } from "../../model/navigation/listSorts.js";
import type { UiAction } from "../../model/navigation/uiReducer.js";
import type { UiState } from "../../model/navigation/uiState.js";
import type { Theme } from "../../model/theme/theme.js";
import type { DashboardData } from "../../model/views/dashboardData.js";
import { type LogMatches } from "../../model/views/logSearch.js";
import { type PaneId } from "../../model/views/paneLayout.js";
import type { DashboardSnapshot, DashboardStore } from "../../store/dashboardStore.js";
import type { DashboardServices } from "../services.js";

/**
 * What the keys ask of the store: a poll now (`r`, after an action), a search for a task (`:find`),
 * following the pipeline runs a recovery started, and the one-off reads of `:changes` and `:runs all`.
 */
export type KeyStore = Pick<
  DashboardStore,
  "refresh" | "findTask" | "followPipelineRuns" | "readChanges" | "readAccountRuns"
>;

/**
 * Everything a key handler can read or change, gathered once per render: the handlers depend on
 * this and nothing of the components, so a test drives them with a fake of it.
 */
export interface KeyContext {
  /** The screen's state as the last key left it (not as the last frame drew it). */
  readonly ui: UiState;
  dispatch: Dispatch<UiAction>;
  data: DashboardData;
  snapshot: DashboardSnapshot;
  store: KeyStore;
  keymap: Keymap;
  services: DashboardServices;
  setTheme(theme: Theme): void;
  exit(): void;
  placements: ReadonlyMap<PaneId, { width: number; height: number }>;
  lines: readonly string[];
  details: readonly string[];
  found?: LogMatches | undefined;
  helpLength: number;
  readOnlySource?: string | undefined;
}

export const info = (ctx: KeyContext, text: string) =>
  ctx.dispatch({ type: "flash", flash: { text, kind: "info" } });
export const fail = (ctx: KeyContext, text: string) =>
  ctx.dispatch({ type: "flash", flash: { text, kind: "error" } });

/**
 * The row selected in a list as the last key left it: the id is live, the rows are the last
 * frame's (a filter typed in the same burst is drawn before anything acts on it).
 */
export function selected<P extends ListPane>(ctx: KeyContext, pane: P): DashboardData[P]["selectedRow"] {
  const list = ctx.data[pane];
  const id = ctx.ui.lists[pane].selectedId;
  const at = id === undefined ? undefined : list.index.get(id);
  return (at === undefined ? list.selectedRow : list.rows[at]) as DashboardData[P]["selectedRow"];
}
