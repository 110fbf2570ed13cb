import { Box, Text, useApp, useInput, useStdout } from "ink";
import { useEffect, useState, useSyncExternalStore } from "react";
import { describeFreshness } from "../model/freshness.js";
import { unhealthyNodeStates } from "../model/nodes.js";
import { nodeStateLook, stateSymbol } from "../model/theme/stateGlyphs.js";
import { resolveStyle } from "../model/theme/theme.js";
import type { DashboardStore } from "../store/dashboardStore.js";
import { cell, formatAge } from "./format.js";
import { useTheme } from "./theme/ThemeContext.js";

export interface HeaderInfo {
  accountLabel: string;
  /** Set in read-only mode: who turned it on. */
  readOnlySource?: string;
}

export interface OverviewScreenProps {
  store: DashboardStore;
  header: HeaderInfo;
}

/** Ticks once a second so ages ("3s ago") stay true between snapshots. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The first screen: live pools and the selected pool's nodes. ↑/↓ (or j/k) pick a pool, r refreshes,
 * q quits. The full dashboard of panes grows from here.
 */
export function OverviewScreen({ store, header }: OverviewScreenProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const theme = useTheme();
  const style = (token: Parameters<typeof resolveStyle>[1]) => resolveStyle(theme, token);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const now = useNow();
  const rows = stdout.rows ?? 24;
  const pools = snapshot.overview.data?.pools ?? [];
  const nodeCounts = snapshot.overview.data?.nodeCounts ?? [];
  const nodes = snapshot.nodes.data ?? [];
  const selectedPoolId = snapshot.focus.poolId;
  const selectedIndex = Math.max(
    0,
    pools.findIndex((pool) => pool.id === selectedPoolId),
  );

  // The first pool is selected once pools arrive, so its nodes are polled without a keypress.
  useEffect(() => {
    if (selectedPoolId === undefined && pools[0]) store.setFocus({ ...snapshot.focus, poolId: pools[0].id });
  }, [pools, selectedPoolId, snapshot.focus, store]);

  useInput((input, key) => {
    if (input === "q") exit();
    if (input === "r") store.refresh();
    const step = key.downArrow || input === "j" ? 1 : key.upArrow || input === "k" ? -1 : 0;
    if (step !== 0 && pools.length > 0) {
      const next = pools[Math.min(pools.length - 1, Math.max(0, selectedIndex + step))];
      store.setFocus({ ...snapshot.focus, poolId: next?.id });
    }
  });

  const throttle = snapshot.throttle;
  const freshness = describeFreshness({
    ...(snapshot.overview.fetchedAt !== undefined ? { fetchedAt: snapshot.overview.fetchedAt } : {}),
    ...(snapshot.overview.error ? { error: snapshot.overview.error } : {}),
    ...(throttle ? { throttle } : {}),
    intervalMs: snapshot.intervals.overviewMs,
    now,
  });
  const nodeRows = Math.max(1, rows - pools.length - 10);
  const countsByPool = new Map(nodeCounts.map((entry) => [entry.poolId, entry.byState]));

  return (
    <Box flexDirection="column">
      <Text {...style("text.primary")}>
        <Text {...style("pane.title.focused")}>batchtop</Text> {cell(header.accountLabel, 60).trimEnd()}
        {header.readOnlySource ? (
          <Text
            {...style("badge.readOnly")}
          >{` READ-ONLY (${cell(header.readOnlySource, 50).trimEnd()}) `}</Text>
        ) : null}
      </Text>
      <Text
        {...style(freshness.stale ? "stale" : "text.muted")}
      >{` ${cell(freshness.text, 110).trimEnd()}`}</Text>
      <Text {...style("pane.title")}>{` Pools (${pools.length})`}</Text>
      <Text
        {...style("table.header")}
      >{`   ${cell("POOL", 22)} ${cell("VM SIZE", 18)} ${cell("ALLOC", 9)} ${cell("DEDICATED", 9, "right")} ${cell("SPOT", 7, "right")} ${cell("UNHEALTHY", 9, "right")}  RESIZE ERROR`}</Text>
      {pools.map((pool, index) => {
        const counts = countsByPool.get(pool.id) ?? {};
        const unhealthy = [...unhealthyNodeStates].reduce((sum, state) => sum + (counts[state] ?? 0), 0);
        const marker = index === selectedIndex ? " ▸ " : "   ";
        const line = `${marker}${cell(pool.id, 22)} ${cell(pool.vmSize, 18)} ${cell(pool.allocationState, 9)} ${cell(`${pool.currentDedicatedNodes}/${pool.targetDedicatedNodes}`, 9, "right")} ${cell(`${pool.currentSpotNodes}/${pool.targetSpotNodes}`, 7, "right")} ${cell(unhealthy, 9, "right")}  ${cell(pool.resizeErrors[0]?.code ?? "", 30)}`;
        return (
          <Text
            key={pool.id}
            {...style(
              index === selectedIndex
                ? "selection"
                : pool.resizeErrors.length > 0
                  ? "status.error"
                  : "text.primary",
            )}
          >
            {line}
          </Text>
        );
      })}
      <Text
        {...style("pane.title")}
      >{` Nodes of ${cell(selectedPoolId ?? "-", 40).trimEnd()} (${nodes.length})${snapshot.nodes.error ? `: ${cell(snapshot.nodes.error, 60).trimEnd()}` : ""}`}</Text>
      <Text
        {...style("table.header")}
      >{`   ${cell("NODE", 30)} ${cell("STATE", 20)} ${cell("FOR", 8, "right")} ${cell("TASKS", 5, "right")} ${cell("KIND", 9)} ERROR`}</Text>
      {nodes.slice(0, nodeRows).map((node) => {
        // The state's symbol and word go with its colour: state is never told by colour alone.
        const look = nodeStateLook(node.state);
        return (
          <Text key={node.id} {...style(look.token)}>
            {`   ${cell(node.id, 30)} ${cell(`${stateSymbol(look, theme.glyphs)} ${node.state}`, 20)} ${cell(formatAge(node.stateTransitionTime, new Date(now)), 8, "right")} ${cell(node.runningTasksCount, 5, "right")} ${cell(node.isDedicated ? "dedicated" : "spot", 9)} ${cell(node.errors[0]?.code ?? "", 30)}`}
          </Text>
        );
      })}
      {nodes.length > nodeRows ? (
        <Text {...style("text.muted")}>{`   … ${nodes.length - nodeRows} more`}</Text>
      ) : null}
      <Text {...style("hint.text")}> ↑/↓ pool · r refresh · q quit</Text>
    </Box>
  );
}
