import { Box, useApp } from "ink";
import { useMemo, useSyncExternalStore } from "react";
import { footerHints, helpSections } from "../model/keymap/keyHelp.js";
import type { Keymap } from "../model/keymap/keymap.js";
import { initialUiState } from "../model/navigation/uiState.js";
import { uiReducer } from "../model/navigation/uiReducer.js";
import type { Theme } from "../model/theme/theme.js";
import { logSubject } from "../model/views/logSubject.js";
import { footerHeight, headerHeight } from "../model/views/paneLayout.js";
import type { DashboardStore } from "../store/dashboardStore.js";
import { AccountFailures } from "./chrome/AccountFailures.js";
import { Footer } from "./chrome/Footer.js";
import { Header, type HeaderInfo } from "./chrome/Header.js";
import { HelpScreen, helpFooterHints, helpLines } from "./chrome/HelpScreen.js";
import { TooSmall } from "./chrome/TooSmall.js";
import { ActionDialog } from "./dialogs/ActionDialog.js";
import { CycleDialog } from "./dialogs/CycleDialog.js";
import { AutoscaleDialog } from "./dialogs/AutoscaleDialog.js";
import { IdentityPickerDialog, pickerHints } from "./dialogs/IdentityPickerDialog.js";
import { RerunDialog } from "./dialogs/RerunDialog.js";
import { accountFailuresHeight, useAccountFailures } from "./hooks/useAccountFailures.js";
import { useActionOutcomes } from "./hooks/useActionOutcomes.js";
import { useRecoveryLanding } from "./hooks/useRecoveryLanding.js";
import { useCycles } from "./hooks/useCycles.js";
import { useDashboardData } from "./hooks/useDashboardData.js";
import { useDetails } from "./hooks/useDetails.js";
import { useFindOnLoad } from "./hooks/useFindOnLoad.js";
import { useFlashExpiry } from "./hooks/useFlashExpiry.js";
import { useKeyHandler } from "./hooks/useKeyHandler.js";
import { useLiveReducer } from "./hooks/useLiveReducer.js";
import { useLogView } from "./hooks/useLogView.js";
import { useNotice } from "./hooks/useNotice.js";
import { usePaneLayout } from "./hooks/usePaneLayout.js";
import { usePollFocus } from "./hooks/usePollFocus.js";
import { useTerminalSize } from "./hooks/useTerminalSize.js";
import { findAndLand } from "./keys/findAndLand.js";
import { showChanges } from "./keys/commandRunner.js";
import { useChangesOnLoad } from "./hooks/useChangesOnLoad.js";
import { focusScope } from "../model/navigation/focusScope.js";
import { Pane } from "./panes/Pane.js";
import { LiveSnapshotContext } from "./hooks/useFreshness.js";
import type { DashboardServices } from "./services.js";

export interface DashboardProps {
  store: DashboardStore;
  header: HeaderInfo;
  keymap: Keymap;
  services: DashboardServices;
  setTheme(theme: Theme): void;
  /** `batchtop --find <id>`: land there once the account has been read. */
  find?: string;
  /** `batchtop --since 30m`: open on `:changes` for that window once the account has been read. */
  since?: number;
  /** Resolves with a line for the header when the data's source fails on its own (see useNotice). */
  notice?: Promise<string>;
}

/**
 * The dashboard: header, the panes that fit the terminal (or a dialog, or the help), footer. Owns
 * the screen's own state (a pure reducer) and reads the store's snapshots; each of its other jobs
 * is a hook named for it.
 */
export function Dashboard({
  store,
  header,
  keymap,
  services,
  setTheme,
  find,
  since,
  notice,
}: DashboardProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [ui, dispatch, liveUi] = useLiveReducer(uiReducer, initialUiState);
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const data = useDashboardData(snapshot, ui);
  const failures = useAccountFailures(snapshot, keymap, height);
  const panesHeight = height - (failures ? accountFailuresHeight : 0);
  const { layout, placements } = usePaneLayout(width, panesHeight, ui.focused);
  const shownLog = logSubject(data, ui, placements.has("log"));
  usePollFocus(store, data, ui, shownLog, placements.has("details"));
  useActionOutcomes(ui.pending, snapshot, dispatch, services.attempts);
  useRecoveryLanding(ui, data.tasks.selectedRow?.id, snapshot, dispatch);
  const cycles = useCycles(services.cycles, dispatch);
  useFlashExpiry(ui.flash, dispatch);
  const log = useLogView(snapshot.tail.data, ui.log.search);
  const details = useDetails(ui.details, snapshot);
  const help = useMemo(() => helpLines(helpSections(keymap)), [keymap]);
  const keyContext = useKeyHandler({
    liveUi,
    dispatch,
    data,
    snapshot,
    store,
    keymap,
    services,
    setTheme,
    exit,
    placements,
    lines: log.lines,
    found: log.found,
    details: details.lines,
    helpLength: help.length,
    readOnlySource: header.readOnlySource,
  });
  useFindOnLoad(find, snapshot.overview.fetchedAt !== undefined, (id) => void findAndLand(keyContext, id));
  useChangesOnLoad(
    since,
    snapshot.overview.fetchedAt !== undefined,
    (ms) => void showChanges(keyContext, ms),
  );
  const sourceNotice = useNotice(notice);

  if (layout.kind === "too-small") return <TooSmall notice={layout.notice} />;

  const overviewMs = snapshot.intervals.overviewMs;
  const bodyHeight = panesHeight - headerHeight - footerHeight;
  const dialog = ui.dialog;
  const dialogPool =
    dialog?.kind === "rescale" || dialog?.kind === "autoscale"
      ? snapshot.overview.data?.pools.find((pool) => pool.id === dialog.poolId)
      : undefined;
  const sources = { ui, data, snapshot, log, logSubject: shownLog, details, cycles };
  // No clock here: the texts that change with time (ages, freshness, the badge) are leaves that read
  // the clock and the store's newest snapshot themselves, and re-render alone when their text changes.
  return (
    <LiveSnapshotContext.Provider value={store}>
      <Box flexDirection="column" width={width} height={height}>
        <Header
          info={header}
          freshness={{ resource: "overview", intervalMs: overviewMs, throttled: true }}
          {...(sourceNotice ? { notice: sourceNotice } : {})}
          width={width}
        />
        {failures ? <AccountFailures {...failures} /> : null}
        {dialog?.kind === "cycle" || dialog?.kind === "cycle-unfinished" ? (
          <CycleDialog dialog={dialog} cycles={cycles} width={width} height={bodyHeight} />
        ) : dialog?.kind === "autoscale" ? (
          <AutoscaleDialog
            dialog={dialog}
            {...(dialogPool ? { pool: dialogPool } : {})}
            readOnly={keymap.readOnly}
            width={width}
            height={bodyHeight}
          />
        ) : dialog?.kind === "identity-picker" ? (
          <IdentityPickerDialog picker={dialog} width={width} height={bodyHeight} />
        ) : dialog?.kind === "rerun" ? (
          <RerunDialog dialog={dialog} width={width} height={bodyHeight} />
        ) : dialog ? (
          <ActionDialog
            dialog={dialog}
            {...(dialogPool ? { pool: dialogPool } : {})}
            width={width}
            height={bodyHeight}
          />
        ) : ui.input.kind === "help" ? (
          <HelpScreen
            lines={help}
            offset={ui.input.offset}
            readOnly={keymap.readOnly}
            width={width}
            height={bodyHeight}
          />
        ) : (
          layout.rows.map((row, index) => (
            <Box key={index} flexDirection="row" height={row.height}>
              {row.panes.map(({ pane, width, height }) => (
                <Pane key={pane} id={pane} width={width} height={height} sources={sources} />
              ))}
            </Box>
          ))
        )}
        <Footer
          hints={
            dialog?.kind === "identity-picker"
              ? pickerHints(keymap)
              : dialog
                ? footerHints(keymap, "dialogs")
                : ui.input.kind === "help"
                  ? helpFooterHints
                  : footerHints(keymap, focusScope(ui))
          }
          input={ui.input}
          {...(ui.flash ? { flash: ui.flash } : {})}
          width={width}
        />
      </Box>
    </LiveSnapshotContext.Provider>
  );
}
