import { Box, Text, useApp, useInput } from "ink";
import { useEffect, useMemo, useReducer, useSyncExternalStore } from "react";
import { useLiveReducer } from "./hooks/useLiveReducer.js";
import { footerHints, helpSections } from "../model/keymap/keyHelp.js";
import type { Keymap } from "../model/keymap/keymap.js";
import { initialUiState } from "../model/navigation/uiState.js";
import { uiReducer } from "../model/navigation/uiReducer.js";
import type { Theme } from "../model/theme/theme.js";
import { resolveStyle } from "../model/theme/theme.js";
import { detailLines } from "../model/views/detailsView.js";
import { runLines } from "../model/views/runLines.js";
import { logLines } from "../model/views/logView.js";
import { compileSearch, findLogMatches } from "../model/views/logSearch.js";
import { footerHeight, headerHeight, planLayout, type PaneId } from "../model/views/paneLayout.js";
import type { DashboardStore } from "../store/dashboardStore.js";
import type { DashboardServices } from "./services.js";
import { Footer } from "./chrome/Footer.js";
import { ActionDialog } from "./dialogs/ActionDialog.js";
import { Header, type HeaderInfo } from "./chrome/Header.js";
import { AccountFailures } from "./chrome/AccountFailures.js";
import { accountFailuresHeight, useAccountFailures } from "./hooks/useAccountFailures.js";
import { HelpScreen, helpLines } from "./chrome/HelpScreen.js";
import { detailsSubject, selectedObject } from "./detailsTarget.js";
import { handleKey } from "./keys/handleKey.js";
import type { KeyContext } from "./keys/keyContext.js";
import { findAndLand } from "./keys/findAndLand.js";
import { DetailsPane } from "./panes/DetailsPane.js";
import { accountBadge } from "../model/freshness.js";
import { freshnessOf } from "./panes/paneTitle.js";
import { JobsPane } from "./panes/JobsPane.js";
import { LogPane } from "./panes/LogPane.js";
import { NodesPane } from "./panes/NodesPane.js";
import { PoolsPane } from "./panes/PoolsPane.js";
import { TasksPane } from "./panes/TasksPane.js";
import { useTheme } from "./theme/ThemeContext.js";
import { useDashboardData } from "./hooks/useDashboardData.js";
import { useNotice } from "./hooks/useNotice.js";
import { useNow } from "./hooks/useNow.js";
import { useActionOutcomes } from "./hooks/useActionOutcomes.js";
import { useTerminalSize } from "./hooks/useTerminalSize.js";

export interface DashboardProps {
  store: DashboardStore;
  header: HeaderInfo;
  keymap: Keymap;
  services: DashboardServices;
  setTheme(theme: Theme): void;
  /** `batchtop --find <id>`: land there once the account has been read. */
  find?: string;
  /** Resolves with a line for the header when the data's source fails on its own (see useNotice). */
  notice?: Promise<string>;
}

const helpHints = [
  { key: "esc", hint: "close" },
  { key: "↑/↓", hint: "scroll" },
];

/** How long a flash stays: long enough to read twice, short enough not to go stale on screen. */
const flashMs = 8000;

/**
 * The dashboard: header, the panes that fit the terminal, footer. Owns the screen's own state (a
 * pure reducer), reads the store's snapshots, and keeps the store polling what is on screen.
 */
export function Dashboard({ store, header, keymap, services, setTheme, find, notice }: DashboardProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [ui, dispatch, liveUi] = useLiveReducer(uiReducer, initialUiState);
  const theme = useTheme();
  const { exit } = useApp();
  const now = useNow();
  const { width, height } = useTerminalSize();
  const data = useDashboardData(snapshot, ui);
  const failures = useAccountFailures(snapshot, keymap, height);
  const panesHeight = height - (failures ? accountFailuresHeight : 0);
  const layout = useMemo(() => planLayout(width, panesHeight, ui.focused), [width, panesHeight, ui.focused]);
  const placements = useMemo(() => {
    const byPane = new Map<PaneId, { width: number; height: number }>();
    if (layout.kind === "panes")
      for (const row of layout.rows) for (const placement of row.panes) byPane.set(placement.pane, placement);
    return byPane;
  }, [layout]);

  // The store polls what is on screen: the selected pool's nodes, the selected job's tasks, and the
  // selected task's log while the log pane is drawn.
  const poolId = data.pools.selectedRow?.id;
  const jobId = data.jobs.selectedRow?.id;
  // `l` on a node puts its start task output in the log pane instead of the selected task's log.
  const startTask = placements.has("log") ? ui.startTaskNode : undefined;
  const taskId = placements.has("log") && !startTask ? data.tasks.selectedRow?.id : undefined;
  const stream = ui.log.stream;
  const taskFaultsOnly = ui.lists.tasks.faultsOnly;
  useEffect(() => {
    store.setFocus({
      ...(poolId ? { poolId } : {}),
      ...(jobId ? { jobId } : {}),
      ...(jobId && taskId ? { taskId, stream } : {}),
      ...(jobId && taskFaultsOnly ? { taskFaultsOnly } : {}),
      ...(startTask ? { startTask, stream } : {}),
    });
  }, [store, poolId, jobId, taskId, startTask, stream, taskFaultsOnly]);

  useActionOutcomes(ui.pending, snapshot, now, dispatch, services.attempts);

  useEffect(() => {
    if (!ui.flash) return;
    const timer = setTimeout(() => dispatch({ type: "flash", flash: undefined }), flashMs);
    return () => clearTimeout(timer);
  }, [ui.flash]);

  const tail = snapshot.tail.data;
  const lines = useMemo(() => (tail ? logLines(tail) : []), [tail]);
  const search = ui.log.search?.query;
  const compiled = useMemo(() => (search ? compileSearch(search) : undefined), [search]);
  const found = useMemo(
    () => (compiled ? findLogMatches(lines, compiled.pattern) : undefined),
    [compiled, lines],
  );
  // Looked up once per snapshot, not on every one-second tick: a task's job can hold 50,000.
  const detailsObject = useMemo(
    () => (ui.details ? selectedObject(ui.details, snapshot) : undefined),
    [ui.details, snapshot],
  );
  const runs = snapshot.runs;
  const runsJobId = snapshot.focus.jobId;
  const textLines = useMemo(() => {
    if (ui.details?.pane === "text") return ui.details.lines;
    if (ui.details?.pane === "runs") return runLines(ui.details.jobId, runs, runsJobId);
    return undefined;
  }, [ui.details, runs, runsJobId]);
  const details = useMemo(
    () => textLines ?? (detailsObject === undefined ? [] : detailLines(detailsObject)),
    [textLines, detailsObject],
  );
  const help = useMemo(() => helpLines(helpSections(keymap)), [keymap]);

  const context: KeyContext = {
    // Read live: a second key before the next frame sees what the first one did.
    get ui() {
      return liveUi();
    },
    dispatch,
    data,
    snapshot,
    store,
    keymap,
    services,
    setTheme,
    exit,
    placements,
    lines,
    details,
    found,
    helpLength: help.length,
    readOnlySource: header.readOnlySource,
  };
  useInput((input, key) => handleKey(context, input, key));

  // `--find`: once the account has been read, land as if `:find <id>` had been typed.
  const overviewLoaded = snapshot.overview.fetchedAt !== undefined;
  const [findDone, markFindDone] = useReducer(() => true, find === undefined);
  useEffect(() => {
    if (findDone || !overviewLoaded || find === undefined) return;
    markFindDone();
    findAndLand(context, find);
  });

  const overview = freshnessOf(snapshot.overview, snapshot.intervals.overviewMs, now, snapshot.throttle);
  const badge = accountBadge(snapshot.throttle, now);
  const sourceNotice = useNotice(notice);

  if (layout.kind === "too-small") {
    return (
      <Box flexDirection="column">
        <Text {...resolveStyle(theme, "status.warning")}>{`batchtop: terminal ${layout.notice}`}</Text>
        <Text {...resolveStyle(theme, "text.muted")} wrap="truncate">
          make the window larger, or press q to quit
        </Text>
      </Box>
    );
  }

  const throttle = snapshot.throttle;
  const pane = (id: PaneId, size: { width: number; height: number }) => {
    const focused = ui.focused === id;
    const common = { focused, width: size.width, height: size.height, now };
    switch (id) {
      case "pools":
        return (
          <PoolsPane
            key={id}
            {...common}
            data={data.pools}
            list={ui.lists.pools}
            resource={snapshot.overview}
            intervalMs={snapshot.intervals.overviewMs}
            {...(throttle ? { throttle } : {})}
          />
        );
      case "jobs":
        return (
          <JobsPane
            key={id}
            {...common}
            data={data.jobs}
            list={ui.lists.jobs}
            resource={snapshot.overview}
            intervalMs={snapshot.intervals.overviewMs}
            {...(throttle ? { throttle } : {})}
          />
        );
      case "nodes":
        return (
          <NodesPane
            key={id}
            {...common}
            {...(poolId ? { poolId } : {})}
            data={data.nodes}
            allNodes={snapshot.nodes.data ?? []}
            list={ui.lists.nodes}
            resource={snapshot.nodes}
            intervalMs={snapshot.intervals.overviewMs}
            {...(throttle ? { throttle } : {})}
          />
        );
      case "tasks":
        return (
          <TasksPane
            key={id}
            {...common}
            {...(jobId ? { jobId } : {})}
            {...(ui.taskNodeId ? { nodeId: ui.taskNodeId } : {})}
            data={data.tasks}
            list={ui.lists.tasks}
            resource={data.taskSource === "failed" ? snapshot.failedTasks : snapshot.tasks}
            failureSummary={data.failureSummary}
            hasPipelineContext={data.hasPipelineContext}
            intervalMs={
              data.taskSource === "failed" ? snapshot.intervals.failedTasksMs : snapshot.intervals.overviewMs
            }
            {...(throttle ? { throttle } : {})}
          />
        );
      case "log":
        return (
          <LogPane
            key={id}
            {...common}
            {...(taskId ? { taskId } : {})}
            {...(startTask ? { startTaskNodeId: startTask.nodeId } : {})}
            {...(data.tasks.selectedRow && !startTask ? { task: data.tasks.selectedRow.task } : {})}
            resource={snapshot.tail}
            lines={lines}
            log={ui.log}
            {...(found ? { found } : {})}
            intervalMs={snapshot.intervals.tailMs}
          />
        );
      case "details":
        return (
          <DetailsPane
            key={id}
            {...common}
            {...(ui.details && (detailsObject !== undefined || textLines)
              ? { subject: detailsSubject(ui.details) }
              : {})}
            lines={details}
            anchor={ui.detailsAnchor}
          />
        );
    }
  };

  const bodyHeight = panesHeight - headerHeight - footerHeight;
  const dialog = ui.dialog;
  const dialogPool =
    dialog?.kind === "rescale"
      ? snapshot.overview.data?.pools.find((pool) => pool.id === dialog.poolId)
      : undefined;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        info={header}
        freshness={{ text: overview.age, stale: overview.stale }}
        {...(badge ? { badge } : {})}
        {...(sourceNotice ? { notice: sourceNotice } : {})}
        width={width}
      />
      {failures ? <AccountFailures {...failures} /> : null}
      {ui.dialog ? (
        <ActionDialog
          dialog={ui.dialog}
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
            {row.panes.map((placement) => pane(placement.pane, placement))}
          </Box>
        ))
      )}
      <Footer
        hints={
          ui.dialog
            ? footerHints(keymap, "dialogs")
            : ui.input.kind === "help"
              ? helpHints
              : footerHints(keymap, ui.focused)
        }
        input={ui.input}
        {...(ui.flash ? { flash: ui.flash } : {})}
        width={width}
      />
    </Box>
  );
}
