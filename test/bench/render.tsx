// What a key press costs on screen with a big job: the time from a key reaching Ink to the frame it
// causes, and the bytes of that frame, for the dashboard's tasks pane (rows derived once per
// snapshot, only the visible ones formatted) next to a naive pane in the same run that derives and
// formats every row on every render. Ink's frame throttle is lifted (maxFps 1000) so the numbers are
// the work of rendering, not the 33 ms wait between frames the real screen allows itself. Run it as
// `npm run bench` does, with NODE_ENV=production: the React build an installed batchtop draws with.
import { Box, Text } from "ink";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadTheme } from "../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../src/model/keymap/keymap.js";
import type { TaskRow } from "../../src/model/tasks.js";
import { formatRow, layoutColumns } from "../../src/model/views/tableLayout.js";
import { deriveTaskViews, sortTaskViews, taskCells, taskColumnsFor } from "../../src/model/views/taskRows.js";
import { ThemedDashboard } from "../../src/ui/runDashboard.js";
import { fakeDashboardStore } from "../helpers/fakeDashboardStore.js";
import { renderTerminal, type Terminal } from "../helpers/renderTerminal.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const presses = Number(process.env.BENCH_PRESSES ?? 50);
const naivePresses = Number(process.env.BENCH_NAIVE_PRESSES ?? 5);

function tasks(count: number): TaskRow[] {
  const start = Date.parse("2026-11-22T00:00:00Z");
  return Array.from({ length: count }, (_, index) => {
    const failed = index % 17 === 0;
    return {
      id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      state: index % 5 === 0 ? "running" : "completed",
      ...(index % 5 === 0 ? {} : { result: failed ? "failure" : "success", exitCode: failed ? 1 : 0 }),
      ...(failed ? { failure: { category: "usererror", code: "FailureExitCode" } } : {}),
      nodeId: `tvmps_${index % 40}`,
      retryCount: 0,
      requeueCount: 0,
      startTime: new Date(start + index * 1000),
      stateTransitionTime: new Date(start + index * 1000 + 60_000),
    };
  });
}

/** The naive pane: derives, sorts and formats every task on every render, and draws them all. */
function NaiveTasks({ rows, selected }: { rows: readonly TaskRow[]; selected: number }) {
  const now = new Date();
  const views = sortTaskViews(deriveTaskViews(rows), "recent", now);
  const layout = layoutColumns(taskColumnsFor(false), 156);
  return (
    <Box flexDirection="column" height={40} overflow="hidden">
      {views.map((view, index) => (
        <Text key={view.id} inverse={index === selected} wrap="truncate">
          {formatRow(layout, taskCells(view, now)).text}
        </Text>
      ))}
    </Box>
  );
}

interface Result {
  strategy: string;
  tasks: number;
  presses: number;
  p50: number;
  p95: number;
  bytesPerFrame: number;
  heapMiB: number;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

async function measurePresses(
  terminal: Terminal,
  frames: () => readonly string[],
  count: number,
  key: string,
): Promise<{ latencies: number[]; bytes: number }> {
  const latencies: number[] = [];
  let bytes = 0;
  for (let press = 0; press < count; press += 1) {
    const before = frames().length;
    const started = performance.now();
    terminal.send(key);
    await terminal.settle(before);
    // The first new frame's arrival is what a user waits for.
    latencies.push(terminal.firstFrameAt(before) - started);
    bytes += frames()
      .slice(before)
      .reduce((sum, frame) => sum + Buffer.byteLength(frame), 0);
  }
  return { latencies, bytes };
}

async function dashboard(count: number): Promise<Result> {
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const store = fakeDashboardStore({
    pools: [],
    jobs: [{ id: "adfv2-big", state: "active", priority: 0 }],
    tasksByJob: { "adfv2-big": tasks(count) },
  });
  const { keymap } = createKeymap({}, { readOnly: true });
  const terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "bench" }}
      keymap={keymap}
      theme={theme}
      services={{ themes: { names: [], load: async () => theme }, saveLog: async () => "" }}
    />,
  );
  await terminal.waitFor(/Tasks of adfv2-big/);
  await terminal.press("\t", "\t", "\t");
  const { latencies, bytes } = await measurePresses(terminal, terminal.frames, presses, "j");
  collectGarbage();
  const heap = process.memoryUsage().heapUsed;
  terminal.unmount();
  latencies.sort((a, b) => a - b);
  return {
    strategy: "batchtop (visible rows only)",
    tasks: count,
    presses,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    bytesPerFrame: Math.round(bytes / presses),
    heapMiB: heap / 2 ** 20,
  };
}

async function naive(count: number): Promise<Result> {
  const rows = tasks(count);
  let select: (index: number) => void = () => undefined;
  const { useState } = await import("react");
  function Harness() {
    const [selected, setSelected] = useState(0);
    select = setSelected;
    return <NaiveTasks rows={rows} selected={selected} />;
  }
  const terminal = renderTerminal(<Harness />);
  await terminal.waitFor(/00000000-0000-4000/);
  const latencies: number[] = [];
  let bytes = 0;
  for (let press = 0; press < naivePresses; press += 1) {
    const before = terminal.frames().length;
    const started = performance.now();
    select(press + 1);
    await terminal.settle(before);
    latencies.push(terminal.firstFrameAt(before) - started);
    bytes += terminal
      .frames()
      .slice(before)
      .reduce((sum, frame) => sum + Buffer.byteLength(frame), 0);
  }
  collectGarbage();
  const heap = process.memoryUsage().heapUsed;
  terminal.unmount();
  latencies.sort((a, b) => a - b);
  return {
    strategy: "naive (every row, every render)",
    tasks: count,
    presses: naivePresses,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    bytesPerFrame: Math.round(bytes / naivePresses),
    heapMiB: heap / 2 ** 20,
  };
}

const results = [
  await dashboard(1_000),
  await dashboard(50_000),
  await dashboard(100_000),
  await naive(1_000),
  await naive(5_000),
];
console.log("\nKey press (j in the tasks pane) to frame, 160x48, Ink's frame throttle lifted");
console.table(
  results.map((result) => ({
    strategy: result.strategy,
    tasks: result.tasks.toLocaleString("en-US"),
    presses: result.presses,
    "p50 ms": result.p50.toFixed(1),
    "p95 ms": result.p95.toFixed(1),
    "bytes/frame": result.bytesPerFrame.toLocaleString("en-US"),
    "heap MiB": result.heapMiB.toFixed(0),
    requests: 0,
  })),
);
process.exit(0);
