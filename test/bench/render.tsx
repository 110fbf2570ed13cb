// What a key press costs on screen with a big job: the time from a key reaching Ink to the first
// bytes the terminal receives, and the bytes that key sends, for the dashboard's tasks pane (rows
// derived once per snapshot, only the visible ones formatted). Each is drawn as batchtop draws it
// (Ink, then the screen stream sending only the changed cells) and, as the baseline, with Ink's own
// whole-frame writes (BATCHTOP_FULL_FRAMES=1); a naive pane that derives and formats every row on
// every render is the third. Colours are on, as on an operator's terminal, and Ink's frame throttle
// is lifted (maxFps 1000) so the numbers are the work of drawing, not the 33 ms wait between frames
// the real screen allows itself. Run it as `npm run bench` does, with NODE_ENV=production: the React
// build an installed batchtop draws with.
import chalk from "chalk";
import { Box, Text, useInput } from "ink";
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { useState, type ReactNode } from "react";
import { loadTheme } from "../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../src/model/keymap/keymap.js";
import type { TaskRow } from "../../src/model/tasks.js";
import { formatRow, layoutColumns } from "../../src/model/views/tableLayout.js";
import { deriveTaskViews, sortTaskViews, taskCells, taskColumnsFor } from "../../src/model/views/taskRows.js";
import { ThemedDashboard } from "../../src/ui/runDashboard.js";
import { renderScreen } from "../../src/ui/screen/renderScreen.js";
import { frameOfInkWrite } from "../../src/ui/screen/screenStream.js";
import { fakeDashboardStore } from "../helpers/fakeDashboardStore.js";
import { FakeStdin } from "../helpers/renderTerminal.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
// 256 colours, as TERM=xterm-256color gives: styled frames cost Ink more than plain ones.
chalk.level = 2;

export interface KeyToFrameOptions {
  taskCounts: readonly number[];
  presses: number;
  naiveCounts: readonly number[];
  naivePresses: number;
}

export interface KeyToFrameResult {
  strategy: "batchtop" | "full frames" | "naive";
  tasks: number;
  presses: number;
  p50Ms: number;
  p95Ms: number;
  bytesPerKey: number;
  heapMiB: number;
}

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

// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const synchronizedUpdate = /\u001b\[\?2026[hl]/g;

/**
 * A 160x48 terminal that notes when each write arrives, how big it is, and whether it changed what
 * the screen shows: Ink alone rewrites the whole frame even when nothing in it changed, and such a
 * write is not the frame a key press waits for.
 */
class Terminal extends EventEmitter {
  isTTY = true;
  columns = 160;
  rows = 48;
  writes: { at: number; bytes: number; text: string; changes: boolean }[] = [];
  private shown = "";
  /** `wholeFrames`: Ink writes to it directly (the baseline), not through the screen stream. */
  constructor(private readonly wholeFrames: boolean) {
    super();
  }
  write = (data: string) => {
    const text = data.replace(synchronizedUpdate, "").replace("\u001b[?25l", "");
    // The screen stream writes changed cells only; Ink writes whole frames, changed or not.
    let changes = text !== "";
    if (this.wholeFrames) {
      const frame = frameOfInkWrite(text);
      changes = frame !== undefined && frame !== this.shown;
      if (frame !== undefined) this.shown = frame;
    }
    this.writes.push({ at: performance.now(), bytes: Buffer.byteLength(data), text: data, changes });
    return true;
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Until the key's first write has come (Ink's throttle, lifted to 1 ms, still waits on a timer) and
 * nothing more is written for ten turns of the event loop after it.
 */
async function settle(terminal: Terminal, before = terminal.writes.length): Promise<void> {
  for (let waited = 0; terminal.writes.length === before && waited < 2000; waited += 1)
    await new Promise((resolve) => setTimeout(resolve, 1));
  for (let quiet = 0, seen = terminal.writes.length; quiet < 10; quiet += 1) {
    await nextTurn();
    if (terminal.writes.length !== seen) [seen, quiet] = [terminal.writes.length, -1];
  }
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** Presses `press()` `count` times; each time, the wait for the first write and the bytes written. */
async function measure(
  terminal: Terminal,
  count: number,
  press: (index: number) => void,
): Promise<Pick<KeyToFrameResult, "p50Ms" | "p95Ms" | "bytesPerKey" | "heapMiB">> {
  const latencies: number[] = [];
  let bytes = 0;
  for (let index = 0; index < count; index += 1) {
    const before = terminal.writes.length;
    const started = performance.now();
    press(index);
    await settle(terminal, before);
    const written = terminal.writes.slice(before);
    latencies.push((written.find((write) => write.changes)?.at ?? Number.NaN) - started);
    bytes += written.reduce((sum, write) => sum + write.bytes, 0);
  }
  collectGarbage();
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    bytesPerKey: Math.round(bytes / count),
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

function draw(tree: ReactNode, terminal: Terminal, input: FakeStdin, fullFrames: boolean) {
  return renderScreen(tree, {
    output: terminal as unknown as NodeJS.WriteStream,
    input: input as unknown as NodeJS.ReadStream,
    fullFrames,
    maxFps: 1000,
  });
}

async function dashboard(count: number, presses: number, fullFrames: boolean): Promise<KeyToFrameResult> {
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const store = fakeDashboardStore({
    pools: [],
    jobs: [{ id: "adfv2-big", state: "active", priority: 0 }],
    tasksByJob: { "adfv2-big": tasks(count) },
  });
  const { keymap } = createKeymap({}, { readOnly: true });
  const terminal = new Terminal(fullFrames);
  const input = new FakeStdin();
  const { app, dispose } = draw(
    <ThemedDashboard
      store={store}
      header={{ account: "bench" }}
      keymap={keymap}
      theme={theme}
      services={{ themes: { names: [], load: async () => theme }, saveLog: async () => "" }}
    />,
    terminal,
    input,
    fullFrames,
  );
  await settle(terminal, 0);
  if (!terminal.writes.some((write) => write.text.includes("Tasks of adfv2-big")))
    throw new Error("the dashboard never showed the big job's tasks");
  for (const key of ["\t", "\t", "\t"]) {
    const before = terminal.writes.length;
    input.write(key);
    await settle(terminal, before);
  }
  const figures = await measure(terminal, presses, () => input.write("j"));
  app.unmount();
  dispose();
  return { strategy: fullFrames ? "full frames" : "batchtop", tasks: count, presses, ...figures };
}

/** The naive pane: derives, sorts and formats every task on every render, and draws them all. */
function NaiveTasks({ rows, selected }: { rows: readonly TaskRow[]; selected: number }) {
  const now = new Date();
  const views = sortTaskViews(deriveTaskViews(rows), "recent", now);
  const layout = layoutColumns(taskColumnsFor(false), 156);
  return (
    <Box flexDirection="column" height={40} overflow="hidden">
      {views.map((view, index) => (
        // Rows keep their height (Yoga would shrink a thousand rows into forty) and the box clips them.
        <Box key={view.id} flexShrink={0}>
          <Text inverse={index === selected} wrap="truncate">
            {formatRow(layout, taskCells(view, now)).text}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

async function naive(count: number, presses: number): Promise<KeyToFrameResult> {
  const rows = tasks(count);
  function Harness() {
    const [selected, setSelected] = useState(0);
    useInput((input) => {
      if (input === "j") setSelected((index) => index + 1);
    });
    return <NaiveTasks rows={rows} selected={selected} />;
  }
  const terminal = new Terminal(true);
  const input = new FakeStdin();
  const { app, dispose } = draw(<Harness />, terminal, input, true);
  await settle(terminal, 0);
  const figures = await measure(terminal, presses, () => input.write("j"));
  app.unmount();
  dispose();
  return { strategy: "naive", tasks: count, presses, ...figures };
}

/**
 * Every size asked for, drawn as batchtop draws; the full-frame baseline at the largest job, before
 * and after them, so neither gains from running second in a warmed-up process.
 */
export async function keyToFrame(options: KeyToFrameOptions): Promise<KeyToFrameResult[]> {
  const largest = Math.max(...options.taskCounts);
  const results = [await dashboard(largest, options.presses, true)];
  for (const count of options.taskCounts) results.push(await dashboard(count, options.presses, false));
  results.push(await dashboard(largest, options.presses, true));
  for (const count of options.naiveCounts) results.push(await naive(count, options.naivePresses));
  return results;
}

export function printKeyToFrame(results: readonly KeyToFrameResult[]): void {
  console.log(
    "\nKey press (j in the tasks pane) to the terminal's first byte, 160x48, colours on, throttle lifted",
  );
  console.table(
    results.map((result) => ({
      strategy: result.strategy,
      tasks: result.tasks.toLocaleString("en-US"),
      presses: result.presses,
      "p50 ms": result.p50Ms.toFixed(1),
      "p95 ms": result.p95Ms.toFixed(1),
      "bytes/key": result.bytesPerKey.toLocaleString("en-US"),
      "heap MiB": result.heapMiB.toFixed(0),
      requests: 0,
    })),
  );
}

/**
 * The figures `npm run bench -- --json` reports: batchtop's at the largest job, the full-frame
 * baseline's better run, the naive pane's at its largest.
 */
export function keyToFrameFigures(
  results: readonly KeyToFrameResult[],
): Record<`keyToFrame${string}`, number> {
  const largest = (strategy: KeyToFrameResult["strategy"]) =>
    results
      .filter((result) => result.strategy === strategy)
      .sort((a, b) => b.tasks - a.tasks || a.p95Ms - b.p95Ms)[0];
  const figures: Record<`keyToFrame${string}`, number> = {};
  for (const [suffix, strategy] of [
    ["", "batchtop"],
    ["FullFrames", "full frames"],
    ["Naive", "naive"],
  ] as const) {
    const result = largest(strategy);
    if (result === undefined) continue;
    figures[`keyToFrameP50Ms${suffix}`] = result.p50Ms;
    figures[`keyToFrameP95Ms${suffix}`] = result.p95Ms;
    figures[`keyToFrameBytesPerKey${suffix}`] = result.bytesPerKey;
  }
  return figures;
}

// Run alone, or by the bench runner as a child (React must start in production mode before it loads):
// BENCH_TASKS and BENCH_NAIVE_TASKS pick one size each; BENCH_JSON=1 prints the figures as one JSON
// line instead of the table.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { BENCH_TASKS, BENCH_NAIVE_TASKS, BENCH_PRESSES, BENCH_NAIVE_PRESSES, BENCH_JSON } = process.env;
  const results = await keyToFrame({
    taskCounts: BENCH_TASKS ? [Number(BENCH_TASKS)] : [1_000, 50_000, 100_000],
    presses: Number(BENCH_PRESSES ?? 50),
    naiveCounts: BENCH_NAIVE_TASKS ? [Number(BENCH_NAIVE_TASKS)] : [1_000, 5_000],
    naivePresses: Number(BENCH_NAIVE_PRESSES ?? 5),
  });
  if (BENCH_JSON === "1") console.log(JSON.stringify(keyToFrameFigures(results)));
  else printKeyToFrame(results);
  process.exit(0);
}
