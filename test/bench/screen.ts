// What the screen costs, measured on the real, compiled batchtop in a pseudo-terminal (160x48,
// xterm-256color, NODE_ENV=production), the way an operator on a jump host runs it: against a demo
// account already up (`batchtop sim`, its exports in the environment as `eval "$(batchtop sim …)"`
// leaves them), with no user config or state. Each figure is measured twice: with the default
// renderer, and with BATCHTOP_FULL_FRAMES=1, which keeps Ink's own full-frame writes (the baseline).
// Only the dashboard process is measured: the simulator is a process of its own.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertBuilt, batchtopBin } from "../helpers/builtCli.js";
import { startInPty, type PtyScreen } from "../helpers/ptyScreen.js";

const columns = 160;
const rows = 48;
/** Linux's clock ticks per second for utime and stime in /proc/<pid>/stat (`getconf CLK_TCK`). */
const ticksPerSecond = 100;
/** How often the screen and the bytes written are looked at: the resolution of the times below. */
const pollMs = 10;

export interface ScreenOptions {
  /** The window idle CPU and idle bytes are measured over. */
  idleSeconds: number;
  /** After first data, before the idle window: the first polls' follow-up reads settle. */
  settleSeconds: number;
  /** `j` presses in the tasks pane; each at least `quietMs` after the terminal went quiet. */
  presses: number;
  /** The scenario and job whose tasks are opened for the RSS figure (the 100,000-task job by default). */
  rssScenario: string;
  rssJob: string;
  /** Start the simulator's storage (Azurite) too, as `batchtop sim` does by default. */
  storage: boolean;
  print: boolean;
}

export const defaultScreenOptions: ScreenOptions = {
  idleSeconds: 60,
  settleSeconds: 5,
  presses: 20,
  rssScenario: "scale",
  rssJob: "adfv2-etl-pool-00",
  storage: true,
  print: true,
};

/** One renderer's figures. */
interface Run {
  firstDataMs: number;
  idleCpuPercent: number;
  idleTerminalBytesPerMinute: number;
  bytesPerKeyPress: number;
  rssMiB: number;
  peakRssMiB: number;
  /** The count the tasks pane showed when RSS was read. */
  rssTasks: number;
}

/** The default renderer's figures, and the full-frame baseline's beside each (`…FullFrames`). */
export type ScreenFigures = Run & { [K in keyof Run as `${K}FullFrames`]: Run[K] };

const renderers = [
  { name: "default renderer", env: {} },
  { name: "baseline: full frames", env: { BATCHTOP_FULL_FRAMES: "1" } },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the demo account --------------------------------------------------------------------------

interface SimProcess {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `batchtop sim --scenario <name>` in the foreground; resolves with its exports once it is ready. */
async function startSim(scenario: string, storage: boolean): Promise<SimProcess> {
  const args = [
    batchtopBin,
    "sim",
    "--scenario",
    scenario,
    "--seed",
    "1",
    ...(storage ? [] : ["--no-storage"]),
  ];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  // Read to the end: the simulator stops when nobody reads its stdout (it writes an empty line now and then).
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/ready in/.test(stderr)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`batchtop sim exited ${code}: ${stderr}`)));
  });
  const env: Record<string, string> = {};
  // The exports are single-quoted, a quote inside written '\'' (src/cli/detachedSim.ts).
  for (const match of stdout.matchAll(/^export (\w+)='((?:[^']|'\\'')*)'$/gm))
    env[match[1]!] = match[2]!.replaceAll(`'\\''`, "'");
  if (!env.AZURE_BATCH_ENDPOINT) throw new Error(`batchtop sim printed no exports:\n${stdout}`);
  return {
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      }),
  };
}

// --- the dashboard process ---------------------------------------------------------------------

interface Dashboard {
  pty: PtyScreen;
  spawnedAt: number;
  /** Bytes written to the terminal so far. */
  bytes(): number;
  /** The node process running batchtop (`script` execs a shell that execs it). */
  pid(): number;
  close(): Promise<void>;
}

function startDashboard(sim: SimProcess, rendererEnv: Record<string, string>, home: string): Dashboard {
  assertBuilt();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sim.env,
    ...rendererEnv,
    TERM: "xterm-256color",
    NODE_ENV: "production",
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_STATE_HOME: join(home, "state"),
  };
  // Ink draws no frame until exit when it believes it runs in CI; the default row must not inherit
  // the baseline's variable from the shell running the bench.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  if (!("BATCHTOP_FULL_FRAMES" in rendererEnv)) delete env.BATCHTOP_FULL_FRAMES;
  const spawnedAt = performance.now();
  const pty = startInPty(`${process.execPath} ${batchtopBin}`, columns, rows, env);
  return {
    pty,
    spawnedAt,
    // raw() is the output decoded chunk by chunk: a character split between two chunks counts a few
    // bytes too many, noise next to the kilobytes a frame is.
    bytes: () => Buffer.byteLength(pty.raw()),
    pid: () => {
      const script = pty.pid!;
      const children = readFileSync(`/proc/${script}/task/${script}/children`, "utf8").trim().split(/\s+/);
      if (children.length !== 1 || !children[0])
        throw new Error(`script ${script} runs ${children.join(",")}`);
      return Number(children[0]);
    },
    async close() {
      pty.type("q");
      try {
        await pty.exitCode("q", 10_000);
      } finally {
        pty.kill();
      }
    },
  };
}

/** Seconds of CPU (user and system) the process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

/** Resolves with the time the screen first matched `pattern`, to within `pollMs` and xterm's parsing. */
async function screenShows(dashboard: Dashboard, pattern: RegExp, what: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (pattern.test(dashboard.pty.screen())) return performance.now();
    await sleep(pollMs);
  }
  throw new Error(`the dashboard never showed ${what}:\n${dashboard.pty.screen()}`);
}

/** Waits until nothing has been written for `quietMs` (or `capMs` has passed). */
async function quiet(dashboard: Dashboard, quietMs: number, capMs: number): Promise<void> {
  const deadline = performance.now() + capMs;
  let length = dashboard.pty.raw().length;
  let since = performance.now();
  while (performance.now() < deadline && performance.now() - since < quietMs) {
    await sleep(pollMs);
    const now = dashboard.pty.raw().length;
    if (now !== length) {
      length = now;
      since = performance.now();
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * First data, idle CPU and bytes, and bytes per `j`, on the incident account; then the RSS figures in
 * the same dashboard when the job to open is the incident account's (a smoke run's small world).
 */
async function incidentFigures(
  sim: SimProcess,
  rendererEnv: Record<string, string>,
  home: string,
  options: ScreenOptions,
): Promise<Partial<Run>> {
  const dashboard = startDashboard(sim, rendererEnv, home);
  try {
    // Pool rows: the pools pane's count is drawn from the same snapshot as its rows.
    const firstData = await screenShows(dashboard, /▸ Pools \([1-9][\d,]*\)/, "pool rows", 60_000);
    const firstDataMs = firstData - dashboard.spawnedAt;
    const pid = dashboard.pid();

    await sleep(options.settleSeconds * 1000);
    const cpuBefore = cpuSeconds(pid);
    const bytesBefore = dashboard.bytes();
    const idleStarted = performance.now();
    await sleep(options.idleSeconds * 1000);
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const idleCpuPercent = ((cpuSeconds(pid) - cpuBefore) / idleSeconds) * 100;
    const idleTerminalBytesPerMinute = ((dashboard.bytes() - bytesBefore) / idleSeconds) * 60;

    // Pools → nodes → jobs → tasks: the tasks of the selected job, focused.
    dashboard.pty.type("\t\t\t");
    await screenShows(dashboard, /┃▸ Tasks of \S+ \([\d,]+\) · row 1 of/, "the tasks pane focused", 10_000);
    // The idle background (a redraw each second for the ages, one per poll) must not be counted as
    // the key's: each press is sent once nothing has been written for 150 ms, right after a
    // background write rather than just before one, and its bytes are those written from the press
    // until the terminal is quiet again for 150 ms after the frame showing the moved selection. A
    // background write can still fall in that window now and then; the median leaves those out.
    const perPress: number[] = [];
    for (let press = 0; press < options.presses; press++) {
      await quiet(dashboard, 150, 3_000);
      const before = dashboard.bytes();
      dashboard.pty.type("j");
      await screenShows(
        dashboard,
        new RegExp(`┃▸ Tasks of .* row ${press + 2} of`),
        `row ${press + 2}`,
        10_000,
      );
      await quiet(dashboard, 150, 1_000);
      perPress.push(dashboard.bytes() - before);
    }
    const rss = options.rssScenario === "incident" ? await openJobAndReadMemory(dashboard, options) : {};
    return {
      firstDataMs,
      idleCpuPercent,
      idleTerminalBytesPerMinute,
      bytesPerKeyPress: median(perPress),
      ...rss,
    };
  } finally {
    await dashboard.close();
  }
}

/** The job's tasks opened as an operator would (`:jobs`, a filter, Enter), then the process's memory. */
async function openJobAndReadMemory(
  dashboard: Dashboard,
  options: ScreenOptions,
): Promise<Pick<Run, "rssMiB" | "peakRssMiB" | "rssTasks">> {
  dashboard.pty.type(":jobs\r");
  await screenShows(dashboard, /▸ Jobs \([\d,]+\)/, "the jobs pane", 10_000);
  dashboard.pty.type(`/${options.rssJob}\r`);
  await screenShows(dashboard, /▸ Jobs \(1 of [\d,]+\)/, `only ${options.rssJob}`, 10_000);
  dashboard.pty.type("\r");
  const escaped = options.rssJob.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // `(93)`, or `(52,000 of 100,000)` when the pane holds the newest of a job too big to hold whole.
  const header = new RegExp(`▸ Tasks of ${escaped} \\(([1-9][\\d,]*)(?: of [\\d,]+)?\\)`);
  await screenShows(dashboard, header, `the tasks of ${options.rssJob}`, 180_000);
  // The listing may land a page (1,000 tasks) at a time: memory is read once the count the pane
  // shows has held still for the settle time.
  const held = () => Number(header.exec(dashboard.pty.screen())?.[1]?.replaceAll(",", "") ?? NaN);
  const deadline = performance.now() + 180_000;
  let rssTasks = held();
  let stillSince = performance.now();
  while (performance.now() - stillSince < options.settleSeconds * 1000) {
    if (performance.now() > deadline) throw new Error(`the tasks of ${options.rssJob} kept changing`);
    await sleep(250);
    if (held() !== rssTasks) {
      rssTasks = held();
      stillSince = performance.now();
    }
  }
  const { rss, peak } = memoryMiB(dashboard.pid());
  return { rssMiB: rss, peakRssMiB: peak, rssTasks };
}

/** A dashboard of its own on the big account, for the RSS figures alone. */
async function rssFigures(
  sim: SimProcess,
  rendererEnv: Record<string, string>,
  home: string,
  options: ScreenOptions,
): Promise<Pick<Run, "rssMiB" | "peakRssMiB" | "rssTasks">> {
  const dashboard = startDashboard(sim, rendererEnv, home);
  try {
    await screenShows(dashboard, /▸ Pools \([1-9][\d,]*\)/, "pool rows", 60_000);
    return await openJobAndReadMemory(dashboard, options);
  } finally {
    await dashboard.close();
  }
}

// --- the section -------------------------------------------------------------------------------

export async function screen(options: ScreenOptions = defaultScreenOptions): Promise<ScreenFigures> {
  const home = mkdtempSync(join(tmpdir(), "batchtop-bench-screen-"));
  const runs: Partial<Run>[] = renderers.map(() => ({}));
  try {
    // One incident account for both renderers (its story runs in real time, so the baseline sees it
    // a minute or two later: the idle redraws do not depend on which minute it is).
    const incident = await startSim("incident", options.storage);
    try {
      for (const [index, renderer] of renderers.entries())
        Object.assign(runs[index]!, await incidentFigures(incident, renderer.env, home, options));
    } finally {
      await incident.stop();
    }
    if (options.rssScenario !== "incident") {
      const big = await startSim(options.rssScenario, options.storage);
      try {
        for (const [index, renderer] of renderers.entries())
          Object.assign(runs[index]!, await rssFigures(big, renderer.env, home, options));
      } finally {
        await big.stop();
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const [current, baseline] = runs as [Run, Run];
  const figures = { ...current } as ScreenFigures;
  for (const [key, value] of Object.entries(baseline))
    (figures as unknown as Record<string, number>)[`${key}FullFrames`] = value;
  if (options.print) printScreen(runs as Run[], options);
  return figures;
}

function printScreen(runs: Run[], options: ScreenOptions): void {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const header = [
    "renderer",
    "first data",
    "idle CPU",
    "idle bytes/min",
    "bytes per j",
    `RSS, ${options.rssJob} open`,
    "peak RSS",
  ];
  const table = runs.map((run, index) => [
    renderers[index]!.name,
    `${(run.firstDataMs / 1000).toFixed(2)} s`,
    `${run.idleCpuPercent.toFixed(1)}%`,
    kb(run.idleTerminalBytesPerMinute),
    kb(run.bytesPerKeyPress),
    `${run.rssMiB.toFixed(0)} MiB (${run.rssTasks.toLocaleString("en-US")} tasks held)`,
    `${run.peakRssMiB.toFixed(0)} MiB`,
  ]);
  const goals = ["goal", "≤ 1.5 s", "≤ 2%", "≤ 30 KB", "≤ 2 KB", "≤ 200 MB", ""];
  const widths = header.map((title, column) =>
    Math.max(title.length, goals[column]!.length, ...table.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  console.log(
    `\nThe screen's cost: compiled batchtop in a ${columns}x${rows} pseudo-terminal, NODE_ENV=production, ` +
      `incident account (idle over ${options.idleSeconds} s of one core, median of ${options.presses} j ` +
      `in the tasks pane), RSS with ${options.rssJob} of the ${options.rssScenario} account open`,
  );
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(line(goals));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await screen();
