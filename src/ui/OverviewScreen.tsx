import { Box, Text, useApp, useInput, useStdout } from "ink";
import { useEffect, useState, useSyncExternalStore } from "react";
import { unhealthyNodeStates } from "../model/nodes.js";
import type { OverviewStore } from "../store/overviewStore.js";
import { cell, formatAge } from "./format.js";

export interface OverviewScreenProps {
  store: OverviewStore;
  accountLabel: string;
}

/** Ticks once a second so ages ("refreshed 3s ago") stay true between snapshots. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The first screen: live pools and the selected pool's nodes. ↑/↓ (or j/k) pick a pool, q quits.
 * The full dashboard of panes grows from here.
 */
export function OverviewScreen({ store, accountLabel }: OverviewScreenProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const now = useNow();
  const rows = stdout.rows ?? 24;
  const { pools, nodes, selectedPoolId, nodeCounts } = snapshot;
  const selectedIndex = Math.max(
    0,
    pools.findIndex((pool) => pool.id === selectedPoolId),
  );

  useInput((input, key) => {
    if (input === "q") exit();
    const step = key.downArrow || input === "j" ? 1 : key.upArrow || input === "k" ? -1 : 0;
    if (step !== 0 && pools.length > 0) {
      const next = pools[Math.min(pools.length - 1, Math.max(0, selectedIndex + step))];
      store.selectPool(next?.id);
    }
  });

  const freshness = snapshot.error
    ? `stale ${formatAge(snapshot.fetchedAt, now)}: ${snapshot.error}`
    : snapshot.fetchedAt
      ? `refreshed ${formatAge(snapshot.fetchedAt, now)} ago`
      : "loading…";
  const nodeRows = Math.max(1, rows - pools.length - 9);

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>batchtop</Text> {cell(accountLabel, 60)}{" "}
        <Text color={snapshot.error ? "red" : "gray"}>{freshness}</Text>
      </Text>
      <Text bold>{` Pools (${pools.length})`}</Text>
      <Text
        dimColor
      >{`   ${cell("POOL", 22)} ${cell("VM SIZE", 18)} ${cell("ALLOC", 9)} ${cell("DEDICATED", 9, "right")} ${cell("SPOT", 7, "right")} ${cell("UNHEALTHY", 9, "right")}  RESIZE ERROR`}</Text>
      {pools.map((pool, index) => {
        const counts = nodeCounts.get(pool.id)?.byState ?? {};
        const unhealthy = [...unhealthyNodeStates].reduce((sum, state) => sum + (counts[state] ?? 0), 0);
        const marker = index === selectedIndex ? " ▸ " : "   ";
        const line = `${marker}${cell(pool.id, 22)} ${cell(pool.vmSize, 18)} ${cell(pool.allocationState, 9)} ${cell(`${pool.currentDedicatedNodes}/${pool.targetDedicatedNodes}`, 9, "right")} ${cell(`${pool.currentSpotNodes}/${pool.targetSpotNodes}`, 7, "right")} ${cell(unhealthy, 9, "right")}  ${cell(pool.resizeErrors[0]?.code ?? "", 30)}`;
        return (
          <Text
            key={pool.id}
            inverse={index === selectedIndex}
            color={pool.resizeErrors.length > 0 ? "red" : undefined}
          >
            {line}
          </Text>
        );
      })}
      <Text bold>{` Nodes of ${cell(selectedPoolId ?? "-", 40).trimEnd()} (${nodes.length})`}</Text>
      <Text
        dimColor
      >{`   ${cell("NODE", 30)} ${cell("STATE", 20)} ${cell("FOR", 8, "right")} ${cell("TASKS", 5, "right")} ${cell("KIND", 9)} ERROR`}</Text>
      {nodes.slice(0, nodeRows).map((node) => (
        <Text key={node.id} color={unhealthyNodeStates.has(node.state) ? "red" : undefined}>
          {`   ${cell(node.id, 30)} ${cell(node.state, 20)} ${cell(formatAge(node.stateTransitionTime, now), 8, "right")} ${cell(node.runningTasksCount, 5, "right")} ${cell(node.isDedicated ? "dedicated" : "spot", 9)} ${cell(node.errors[0]?.code ?? "", 30)}`}
        </Text>
      ))}
      {nodes.length > nodeRows ? <Text dimColor>{`   … ${nodes.length - nodeRows} more`}</Text> : null}
      <Text dimColor> ↑/↓ pool · q quit</Text>
    </Box>
  );
}
