// What batchtop's polling costs against the demo account, next to what a naive poller would send in
// the same run: the selected job's tasks (TaskSync vs listing the whole job every cycle), the overview
// (scale vs healthy account), a log tail (ranged reads vs the whole file every poll) and the
// timeline (counts per bucket summarised by Log Analytics vs pulling the raw rows). Everything
// goes through batchtop's real adapters: managed identity tokens, HTTPS with the demo CA, the SDKs.
// Time is frozen in the simulator and stepped between cycles, so every run sees the same world.
// `polling(options)` returns the figures (test/bench/run.ts gathers every section's); run alone, this
// file prints its tables.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import { createBatchClient } from "../../src/azure/batchClient.js";
import { abortable, allPagesOf, pagesOf } from "../../src/azure/batchPaging.js";
import { LogTail } from "../../src/store/logTail.js";
import { streamBytes } from "../../src/azure/streamBytes.js";
import { TaskSync } from "../../src/store/taskSync.js";
import { createLogsClient } from "../../src/azure/logsClient.js";
import { queryLogs, type LogsQueryTarget } from "../../src/azure/logsQuery.js";
import { AccountThrottle } from "../../src/azure/throttle.js";
import { timelineBuckets, timelineRanges, toSeries, type TimelineRange } from "../../src/model/timeline.js";
import { scaleScenario, type ScaleSize } from "../../src/sim/world/scenarios/scale.js";
import { measure, startSimAccount, type SimAccount } from "../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../helpers/simManagement.js";

const bigJob = "adfv2-etl-pool-00";
/** The dashboard's default `--refresh`: simulated time between two cycles. */
const refreshMs = 2_000;
/** The log tail polls every second. */
const tailIntervalMs = 1_000;
/**
 * TaskSync's default overlap window (the dashboard uses the defaults): for this long after listing
 * the whole job, each cycle asks again for the changes stamped within it of the newest one.
 */
const overlapMs = 30_000;

export interface PollingOptions {
  /** TaskSync and overview cycles: 25 are 50 s of simulated time, in the overlap window and after it. */
  cycles: number;
  /**
   * A whole-job list takes seconds (both ends of it run in this process), so the baselines take
   * fewer samples to keep the bench within two minutes; the table says how many each row has.
   */
  baselineCycles: number;
  /** 120 are two simulated minutes: a running task writes a line every few tens of seconds. */
  tailPolls: number;
  /** Samples per timeline range; a minute of simulated time between them, as the chart polls. */
  timelineSamples: number;
  /** A smaller scale world than the named one (100,000 tasks in the big job), for a smoke run. */
  world?: ScaleSize;
  print: boolean;
}

export const defaultPollingOptions: PollingOptions = {
  cycles: Number(process.env.BENCH_CYCLES ?? 25),
  baselineCycles: Number(process.env.BENCH_BASELINE_CYCLES ?? 3),
  tailPolls: Number(process.env.BENCH_TAIL_POLLS ?? 120),
  timelineSamples: Number(process.env.BENCH_TIMELINE_SAMPLES ?? 5),
  print: true,
};

/** Mean bytes and requests per cycle (or poll) of each strategy; a baseline names itself at the end. */
export interface PollingFigures {
  taskBytesPerCycle: number;
  taskBytesPerCycleNaive: number;
  taskBytesPerCycleBatchExplorer: number;
  taskRequestsPerCycle: number;
  taskRequestsPerCycleNaive: number;
  taskRequestsPerCycleBatchExplorer: number;
  overviewBytesPerCycleScale: number;
  overviewBytesPerCycleHealthy: number;
  logTailBytesPerPoll: number;
  logTailBytesPerPollNaive: number;
  /** The widest range's (24h): the one whose raw pull grows most. */
  timelineBytesPerPoll: number;
  timelineBytesPerPollNaive: number;
}
/**
 * The columns Batch Explorer's task list asks for (a narrower `$select` than batchtop's, which also
 * carries nodeInfo): the naive strategy at its cheapest.
 */
const batchExplorerSelect = "id,state,creationTime,lastModified,executionInfo";

// A full collection before each heap reading, so "retained" is live data and not garbage awaiting
// collection. Exposed at run time so `node --import tsx test/bench/polling.ts` works as it is.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap held by what `release` lets go of. Measured by letting go rather than against a reading
 * taken before, because the simulator in this process fills caches of its own while it answers.
 */
function retainedBy(release: () => void): number {
  const holding = heapAfterGc();
  release();
  return holding - heapAfterGc();
}

interface Cycle {
  requests: number;
  bytes: number;
  ms: number;
  /** The path of each request, for telling which resource took the requests. */
  paths: string[];
}

async function timed(account: SimAccount, work: () => Promise<unknown>): Promise<Cycle> {
  const started = performance.now();
  const traffic = await measure(account.sim, work);
  const ms = performance.now() - started;
  const paths = traffic.requests.map((request) => request.path);
  return { requests: traffic.count, bytes: traffic.responseBytes, ms, paths };
}

/** Runs `work` once per step, stepping the world by `stepMs` before each. */
async function stepped(
  account: SimAccount,
  count: number,
  stepMs: number,
  work: () => Promise<unknown>,
): Promise<Cycle[]> {
  const samples: Cycle[] = [];
  for (let index = 0; index < count; index++) {
    account.sim.world.advance(stepMs);
    samples.push(await timed(account, work));
  }
  return samples;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/** Nearest rank: with few samples p95 is the slowest one, which is the honest reading. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function bytes(value: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(scaled)} B` : `${scaled.toFixed(1)} ${units[unit]}`;
}

const mib = (value: number) => `${(value / 2 ** 20).toFixed(1)} MiB`;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const count = (value: number) => (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2));
const percent = (part: number, whole: number) => `${((part / whole) * 100).toPrecision(2)}%`;

/** The traffic and latency columns every table shares. */
function cycleCells(samples: Cycle[]): string[] {
  const latencies = samples.map((sample) => sample.ms);
  return [
    String(samples.length),
    count(mean(samples.map((sample) => sample.requests))),
    bytes(mean(samples.map((sample) => sample.bytes))),
    ms(percentile(latencies, 50)),
    ms(percentile(latencies, 95)),
  ];
}

/** The first column left-aligned, numbers right-aligned. */
function printTable(options: PollingOptions, title: string, header: string[], rows: string[][]): void {
  if (!options.print) return;
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/**
 * A Batch client on batchtop's pipeline (token, demo CA, read-only guard) for the baselines, which
 * send what batchtop's reader does not: another `$select`, an unranged file read.
 */
function baselineClient({ sim, credential }: SimAccount): BatchServiceClient {
  return createBatchClient(
    sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    { ca: sim.certificates.caPem },
    { readOnly: true },
  );
}

// --- 1. The selected job's tasks ---------------------------------------------------------------

/** Every task of the job with `select`, page by page through the account's throttle. */
function listWithSelect(
  account: SimAccount,
  client: BatchServiceClient,
  select: string,
): Promise<BatchServiceModels.CloudTask[]> {
  return allPagesOf(
    pagesOf(
      account.adapters.throttles.batch,
      undefined,
      (attempt) => client.task.list(bigJob, { taskListOptions: { select }, ...abortable(attempt) }),
      (link, attempt) => client.task.listNext(link, abortable(attempt)),
    ),
  );
}

async function taskPolling(
  account: SimAccount,
  options: PollingOptions,
): Promise<Pick<PollingFigures, Extract<keyof PollingFigures, `task${string}`>>> {
  const { cycles, baselineCycles } = options;
  const { sim, adapters } = account;
  const header = ["strategy", "cycles", "req/cycle", "bytes/cycle", "p50", "p95", "rows held", "heap held"];
  const rows: string[][] = [];

  // TaskSync's overlap window runs on this process's clock, which in the app moves with the
  // service's; here the world's clock stands still between steps, so TaskSync reads the world's.
  const clock = { now: () => sim.world.now().getTime() };
  let sync: TaskSync | undefined = new TaskSync(adapters.reader, bigJob, { clock });
  const first = await timed(account, () => sync!.sync());
  const incremental = await stepped(account, cycles, refreshMs, () => sync!.sync());
  const inOverlap = incremental.filter((_, index) => (index + 1) * refreshMs <= overlapMs);
  const settled = incremental.slice(inOverlap.length);
  const resync = await stepped(account, 1, refreshMs, () => {
    sync!.requestFullResync();
    return sync!.sync();
  });
  const held = count(sync.tasks().size);
  // The resync leaves the same rows held as the cycles before it.
  const syncHeap = mib(retainedBy(() => (sync = undefined)));
  rows.push(
    ["TaskSync, first cycle (full list)", ...cycleCells([first]), held, ""],
    [`TaskSync, incremental, within ${overlapMs / 1000} s of the list`, ...cycleCells(inOverlap), held, ""],
    ["TaskSync, incremental, settled", ...cycleCells(settled), held, syncHeap],
    ["TaskSync, periodic resync (every 10 min)", ...cycleCells(resync), held, ""],
  );

  // Each baseline keeps the rows of its latest cycle, as a dashboard showing them would.
  let naiveRows = await adapters.reader.listTasks(bigJob);
  const naive = await stepped(account, baselineCycles, refreshMs, async () => {
    naiveRows = await adapters.reader.listTasks(bigJob);
  });
  rows.push([
    "naive: whole job each cycle, batchtop's $select",
    ...cycleCells(naive),
    count(naiveRows.length),
    mib(retainedBy(() => (naiveRows = []))),
  ]);

  const client = baselineClient(account);
  let explorerRows = await listWithSelect(account, client, batchExplorerSelect);
  const explorer = await stepped(account, baselineCycles, refreshMs, async () => {
    explorerRows = await listWithSelect(account, client, batchExplorerSelect);
  });
  rows.push([
    "naive: whole job each cycle, Batch Explorer's $select",
    ...cycleCells(explorer),
    count(explorerRows.length),
    mib(retainedBy(() => (explorerRows = []))),
  ]);

  printTable(
    options,
    `1. Tasks of ${bigJob} (${held} tasks, scale scenario), ${refreshMs / 1000} s of simulated time between cycles`,
    header,
    rows,
  );
  const meanBytes = (samples: Cycle[]) => mean(samples.map((sample) => sample.bytes));
  const meanRequestCount = (samples: Cycle[]) => mean(samples.map((sample) => sample.requests));
  const figures = {
    taskBytesPerCycle: meanBytes(settled),
    taskBytesPerCycleNaive: meanBytes(naive),
    taskBytesPerCycleBatchExplorer: meanBytes(explorer),
    taskRequestsPerCycle: meanRequestCount(settled),
    taskRequestsPerCycleNaive: meanRequestCount(naive),
    taskRequestsPerCycleBatchExplorer: meanRequestCount(explorer),
  };
  if (!options.print) return figures;
  const memory = process.memoryUsage();
  console.log(
    `process after section 1: heap ${mib(memory.heapUsed)}, RSS ${mib(memory.rss)} (the simulated account lives in this process too)`,
  );
  const meanRequests = (samples: Cycle[]) => count(meanRequestCount(samples));
  const naiveBytes = meanBytes(naive);
  console.log(
    `→ a settled TaskSync cycle moves ${percent(meanBytes(settled), naiveBytes)} of the naive baseline's bytes ` +
      `(${bytes(meanBytes(settled))} vs ${bytes(naiveBytes)}, ${meanRequests(settled)} request vs ${meanRequests(naive)}); ` +
      `a cycle within the overlap window after a list ${percent(meanBytes(inOverlap), naiveBytes)}, ` +
      `a resync ${percent(meanBytes(resync), naiveBytes)}.`,
  );
  return figures;
}

// --- 2. The overview ---------------------------------------------------------------------------

interface OverviewRun {
  scenario: string;
  pools: number;
  jobs: number;
  tasks: number;
  samples: Cycle[];
}

/** The dashboard's overview cycle: pools, node counts and jobs, at `--refresh`. */
async function overview(account: SimAccount, scenario: string, cycles: number): Promise<OverviewRun> {
  const { sim, adapters } = account;
  const { reader } = adapters;
  const samples = await stepped(account, cycles, refreshMs, () =>
    Promise.all([reader.listPools(), reader.poolNodeCounts(), reader.listJobs()]),
  );
  const jobs = sim.world.listJobs();
  return {
    scenario,
    pools: sim.world.listPools().length,
    jobs: jobs.length,
    tasks: jobs.reduce((sum, job) => sum + sim.world.listTasks(job.id).length, 0),
    samples,
  };
}

/**
 * The healthy account needs a simulator of its own, and a simulator's tokens are good only for it
 * while the credential caches tokens for the whole process: a child process measures it.
 */
async function healthyOverviewInChild(cycles: number): Promise<OverviewRun> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...process.execArgv, script, "--section", "overview-healthy"],
    { env: { ...process.env, BENCH_CYCLES: String(cycles) } },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as OverviewRun;
}

/** Requests a cycle spent on `GET nodecounts`, which Batch pages at 10 pools at most. */
function nodeCountPages(run: OverviewRun): number {
  return mean(
    run.samples.map((sample) => sample.paths.filter((path) => path.endsWith("/nodecounts")).length),
  );
}

function printOverview(options: PollingOptions, scale: OverviewRun, healthy: OverviewRun): void {
  if (!options.print) return;
  const header = [
    "scenario",
    "pools",
    "jobs",
    "tasks",
    "cycles",
    "req/cycle",
    "bytes/cycle",
    "p50",
    "p95",
    "of which nodecounts",
  ];
  const rows = [scale, healthy].map((run) => [
    run.scenario,
    count(run.pools),
    count(run.jobs),
    count(run.tasks),
    ...cycleCells(run.samples),
    count(nodeCountPages(run)),
  ]);
  printTable(
    options,
    `2. Overview cycle (pools, nodecounts, jobs), ${refreshMs / 1000} s of simulated time between cycles`,
    header,
    rows,
  );
  const requests = (run: OverviewRun) => count(mean(run.samples.map((sample) => sample.requests)));
  console.log(
    `→ ${requests(scale)} requests on ${count(scale.tasks)} tasks, ${requests(healthy)} on ${count(healthy.tasks)}: ` +
      `requests and bytes follow pools and jobs (${scale.pools + scale.jobs} vs ${healthy.pools + healthy.jobs}; ` +
      `nodecounts pages 10 pools a request), never tasks.`,
  );
}

// --- 3. A log tail -----------------------------------------------------------------------------

async function logTail(
  account: SimAccount,
  options: PollingOptions,
): Promise<Pick<PollingFigures, Extract<keyof PollingFigures, `logTail${string}`>>> {
  const { tailPolls } = options;
  const { sim, adapters } = account;
  const taskId = sim.world
    .listTasks(bigJob)
    .find((task) => task.state === "running" && sim.world.readTaskFile(bigJob, task.id, "stdout.txt"))?.id;
  if (!taskId) throw new Error(`no running task of ${bigJob} has a stdout.txt`);
  const sizeNow = () => sim.world.readTaskFile(bigJob, taskId, "stdout.txt")?.bytes.length ?? 0;
  const client = baselineClient(account);
  const wholeFile = () =>
    adapters.throttles.batch.run(async (attempt) =>
      streamBytes(
        (await client.file.getFromTask(bigJob, taskId, "stdout.txt", abortable(attempt))).readableStreamBody,
      ),
    );

  const tail = new LogTail({ jobId: bigJob, taskId, stream: "stdout" }, { reader: adapters.reader });
  const startSize = sizeNow();
  const first = await timed(account, () => tail.poll());
  const firstNaive = await timed(account, wholeFile);
  // Both read the same file at the same simulated instants.
  const polls: Cycle[] = [];
  const naive: Cycle[] = [];
  for (let poll = 0; poll < tailPolls; poll++) {
    sim.world.advance(tailIntervalMs);
    polls.push(await timed(account, () => tail.poll()));
    naive.push(await timed(account, wholeFile));
  }
  const header = ["strategy", "polls", "req/poll", "bytes/poll", "p50", "p95", "bytes in all"];
  const total = (samples: Cycle[]) => bytes(samples.reduce((sum, sample) => sum + sample.bytes, 0));
  printTable(
    options,
    `3. Log tail of ${bigJob}/${taskId}/stdout.txt, ${tailIntervalMs / 1000} s of simulated time between polls ` +
      `(file ${bytes(startSize)} → ${bytes(sizeNow())})`,
    header,
    [
      ["LogTail, first poll (HEAD + GET)", ...cycleCells([first]), total([first])],
      ["LogTail, next polls (HEAD + ranged GET)", ...cycleCells(polls), total(polls)],
      ["naive: GET the whole file, first poll", ...cycleCells([firstNaive]), total([firstNaive])],
      ["naive: GET the whole file, next polls", ...cycleCells(naive), total(naive)],
    ],
  );
  const tailBytes = polls.reduce((sum, sample) => sum + sample.bytes, 0);
  const naiveBytes = naive.reduce((sum, sample) => sum + sample.bytes, 0);
  const figures = {
    logTailBytesPerPoll: tailBytes / tailPolls,
    logTailBytesPerPollNaive: naiveBytes / tailPolls,
  };
  if (!options.print) return figures;
  console.log(
    `→ after the first poll, LogTail moves ${percent(tailBytes, naiveBytes)} of the naive baseline's bytes ` +
      `(${bytes(tailBytes)} vs ${bytes(naiveBytes)} over ${tailPolls} polls: only what the file grew by).`,
  );
  return figures;
}

// --- 4. The timeline ---------------------------------------------------------------------------

/**
 * What a poller without `summarize` would send for the same chart: every failed activity run and
 * Batch event in the window, raw, bucketed in the terminal. The same three tables, the same filters.
 */
const rawTimelineQueries = [
  "ADFActivityRun | where Status == 'Failed' | project TimeGenerated, PipelineName",
  "SynapseIntegrationActivityRuns | where Status == 'Failed' | project TimeGenerated, PipelineName",
  [
    "AzureDiagnostics",
    "| where ResourceProvider == 'MICROSOFT.BATCH' and Category == 'ServiceLog'",
    "| where OperationName in ('TaskFailEvent', 'PoolResizeStartEvent', 'PoolResizeCompleteEvent')",
    "| project TimeGenerated, OperationName, executionInfo_exitCode_d, resultCode_s",
  ].join(" "),
];

async function timeline(
  options: PollingOptions,
): Promise<Pick<PollingFigures, Extract<keyof PollingFigures, `timeline${string}`>>> {
  const { timelineSamples } = options;
  // The incident morning 26 minutes after the hand-over: the failure burst and the resize error.
  const account = await startManagedSimAccount({ scenario: "incident", seed: 1, readOnly: true });
  account.sim.world.advance(26 * 60_000);
  const reader = account.adapters.timeline;
  if (!reader) throw new Error("the managed demo account has a workspace");
  const { logs } = simTargets(account.sim);
  const target: LogsQueryTarget = {
    client: createLogsClient({
      endpoint: logs.endpoint,
      credential: account.credential,
      transport: { ca: account.sim.certificates.caPem },
      readOnly: true,
    }),
    workspaceId: logs.workspaceId,
    throttle: new AccountThrottle(),
    serverTimeoutSeconds: 30,
  };
  // The demo workspace's Kusto parser loads on the first query: not inside a sample.
  await reader.counts({ durationMs: 60_000 }, 60_000);
  const rows: string[][] = [];
  const rowsReturned = new Map<string, number>();
  const widest = timelineRanges.at(-1)!;
  const widestBytes = { summarised: 0, raw: 0 };
  for (const range of timelineRanges) {
    const sample = async (work: () => Promise<number>, label: string, strategy: keyof typeof widestBytes) => {
      const samples: Cycle[] = [];
      for (let index = 0; index < timelineSamples; index++) {
        account.sim.world.advance(60_000);
        let returned = 0;
        samples.push(await timed(account, async () => (returned = await work())));
        rowsReturned.set(label, returned);
      }
      rows.push([label, ...cycleCells(samples), count(rowsReturned.get(label) ?? 0)]);
      if (range === widest) widestBytes[strategy] = mean(samples.map((one) => one.bytes));
    };
    const window = (r: TimelineRange) => {
      const buckets = timelineBuckets(r, account.sim.world.now().getTime());
      return { buckets, window: { start: new Date(buckets.startMs), end: new Date(buckets.nowMs) } };
    };
    await sample(
      async () => {
        const { buckets, window: w } = window(range);
        return (await reader.counts(w, buckets.bucketMs)).rows.length;
      },
      `${range}: summarize count() by bin()`,
      "summarised",
    );
    await sample(
      async () => {
        const { buckets, window: w } = window(range);
        const answers = await Promise.all(
          rawTimelineQueries.map((query) => queryLogs(target, query, w, "raw")),
        );
        // Bucketed here, as the naive poller must before it can draw anything.
        toSeries(
          answers.flatMap((answer) =>
            answer.rows.map((row) => ({
              kind: "task-failed" as const,
              key: String(row.PipelineName ?? row.OperationName ?? ""),
              source: "raw",
              time: row.TimeGenerated as Date,
              count: 1,
            })),
          ),
          buckets,
        );
        return answers.reduce((sum, answer) => sum + answer.rows.length, 0);
      },
      `${range}: naive, raw rows bucketed here`,
      "raw",
    );
  }
  await account.sim.stop();
  const figures = {
    timelineBytesPerPoll: widestBytes.summarised,
    timelineBytesPerPollNaive: widestBytes.raw,
  };
  if (!options.print) return figures;
  printTable(
    options,
    "4. Timeline of the incident account (30 buckets; failed activity runs, TaskFailEvents, pool resizes), " +
      "one poll of the chart",
    ["strategy", "polls", "req/poll", "bytes/poll", "p50", "p95", "rows returned"],
    rows,
  );
  console.log(
    "→ the summarised chart's result is bounded by buckets × series (at most 3,000 rows per table); the raw " +
      "pull grows with every event in the window.",
  );
  return figures;
}

/**
 * The timeline in a process of its own, for the reason the healthy overview has one: its simulator's
 * tokens are good only for it, and the credential (msal-node's statics) would keep asking the scale
 * simulator's identity endpoint, closed by then ("Network unreachable"). Its tables come through
 * its stdout; its figures are the last line.
 */
async function timelineInChild(options: PollingOptions): Promise<Awaited<ReturnType<typeof timeline>>> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...process.execArgv, script, "--section", "timeline"],
    {
      env: {
        ...process.env,
        BENCH_TIMELINE_SAMPLES: String(options.timelineSamples),
        BENCH_PRINT: options.print ? "1" : "0",
      },
    },
  );
  const lines = stdout.trim().split("\n");
  if (options.print) console.log(lines.slice(0, -1).join("\n"));
  return JSON.parse(lines.at(-1)!) as Awaited<ReturnType<typeof timeline>>;
}

// --- main --------------------------------------------------------------------------------------

/** Every section, on the scale world (or `options.world`), the healthy account and the incident one. */
export async function polling(options: PollingOptions = defaultPollingOptions): Promise<PollingFigures> {
  const started = performance.now();
  const account = await startSimAccount({
    scenario: "scale",
    ...(options.world ? { scenarioDefinition: scaleScenario(options.world) } : {}),
    seed: 1,
    storage: false,
    readOnly: true,
  });
  if (options.print)
    console.log(
      `batchtop polling against the demo account; scale world ready in ${ms(performance.now() - started)}, ` +
        `RSS ${mib(process.memoryUsage().rss)}. Latencies are wall time on loopback HTTPS with the simulator ` +
        `in this process, so they include its work too.`,
    );
  const tasks = await taskPolling(account, options);
  // The scale simulator idles (its time is frozen) while the child measures the healthy account.
  const scale = await overview(account, "scale", options.cycles);
  const healthy = await healthyOverviewInChild(options.cycles);
  printOverview(options, scale, healthy);
  const tail = await logTail(account, options);
  await account.sim.stop();
  const chart = await timelineInChild(options);
  if (options.print) console.log(`\nwhole bench ${ms(performance.now() - started)}`);
  const overviewBytes = (run: OverviewRun) => mean(run.samples.map((sample) => sample.bytes));
  return {
    ...tasks,
    overviewBytesPerCycleScale: overviewBytes(scale),
    overviewBytesPerCycleHealthy: overviewBytes(healthy),
    ...tail,
    ...chart,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sectionIndex = process.argv.indexOf("--section");
  const section = sectionIndex === -1 ? undefined : process.argv[sectionIndex + 1];
  if (section === "timeline") {
    const print = process.env.BENCH_PRINT !== "0";
    console.log(JSON.stringify(await timeline({ ...defaultPollingOptions, print })));
  } else if (section === "overview-healthy") {
    const account = await startSimAccount({ scenario: "healthy", seed: 1, storage: false, readOnly: true });
    const run = await overview(account, "healthy", defaultPollingOptions.cycles);
    await account.sim.stop();
    console.log(JSON.stringify(run));
  } else {
    await polling();
  }
}
