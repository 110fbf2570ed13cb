// `npm run bench`: every benchmark section in turn, each printing its tables; with --json, one JSON
// object on stdout instead, every section's figures side by side, each baseline beside its figure
// (`idleCpuPercent` and `idleCpuPercentFullFrames`, `taskBytesPerCycle` and
// `taskBytesPerCycleNaive`…), for scripts that track them over time. npm run bench builds first:
// the sim start-up and screen sections run the compiled CLI.
//
//   --json               one JSON object on stdout, no tables
//   --idle-seconds N     the screen section's idle window (default 60)
//   --presses N          `j` presses in the screen section (default 20)
//   --small-world        a smoke run (npm test runs one): a small scale world for polling, one start-up
//                        per case (healthy only), 1,000 tasks for key-to-frame, and the RSS figure on
//                        an incident job instead of the 100,000-task one
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { defaultPollingOptions, polling } from "./polling.js";
import { defaultScreenOptions, screen } from "./screen.js";
import { defaultStartupOptions, simStartup } from "./simStartup.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface KeyToFrameOptions {
  /** Tasks in the job whose pane `j` moves through; by default 1,000, 50,000 and 100,000. */
  tasks?: number;
  presses: number;
  /** Presses of the naive baseline pane (a few: each takes seconds with thousands of rows). */
  naivePresses: number;
  print: boolean;
}

/**
 * Key-to-frame (test/bench/render.tsx) in a process of its own: React must start in production mode
 * (the build users get) before it loads, and its heap figures and 1 GB of fixtures stay its own. With
 * BENCH_JSON=1 it prints its figures (`keyToFrame…`, each baseline's with its suffix) as one line.
 */
async function keyToFrame(options: KeyToFrameOptions): Promise<Record<`keyToFrame${string}`, number>> {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    BENCH_PRESSES: String(options.presses),
    BENCH_NAIVE_PRESSES: String(options.naivePresses),
    ...(options.tasks === undefined
      ? {}
      : { BENCH_TASKS: String(options.tasks), BENCH_NAIVE_TASKS: String(options.tasks) }),
    ...(options.print ? {} : { BENCH_JSON: "1" }),
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "test/bench/render.tsx"],
    { cwd: root, env, maxBuffer: 64 * 2 ** 20 },
  );
  if (options.print) {
    process.stdout.write(stdout);
    return {};
  }
  const line = stdout.split("\n").find((text) => text.startsWith("{"));
  if (line === undefined) throw new Error(`test/bench/render.tsx printed no figures:\n${stdout}`);
  return JSON.parse(line) as Record<`keyToFrame${string}`, number>;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message} (flags: --json, --idle-seconds N, --presses N, --small-world)\n`);
  process.exit(2);
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    usage(`--${name} takes a whole number of at least 1, got "${text}"`);
  return value;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      json: { type: "boolean" },
      "idle-seconds": { type: "string" },
      presses: { type: "string" },
      "small-world": { type: "boolean" },
    },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values } = parsed;
const print = values.json !== true;
const small = values["small-world"] === true;
const idleSeconds = positiveInteger("idle-seconds", values["idle-seconds"], defaultScreenOptions.idleSeconds);
const presses = positiveInteger("presses", values.presses, defaultScreenOptions.presses);

const startup = await simStartup(
  small ? { runs: 1, scenarios: ["healthy"], print } : { ...defaultStartupOptions, print },
);
const poll = await polling(
  small
    ? {
        // Past the 15 cycles of TaskSync's overlap window, so there is a settled cycle to count.
        cycles: 16,
        baselineCycles: 1,
        tailPolls: 2,
        timelineSamples: 1,
        world: { pools: 2, nodesPerPool: 20, tasks: 1_500, bigJobTasks: 1_000 },
        print,
      }
    : { ...defaultPollingOptions, print },
);
const keys = await keyToFrame({
  ...(small ? { tasks: 1_000 } : {}),
  presses: small ? 2 : Number(process.env.BENCH_PRESSES ?? 50),
  naivePresses: small ? 1 : Number(process.env.BENCH_NAIVE_PRESSES ?? 5),
  print,
});
const terminal = await screen({
  ...defaultScreenOptions,
  idleSeconds,
  // Long enough for the first polls' follow-up reads (node lists, the log tail) to land.
  settleSeconds: Math.min(defaultScreenOptions.settleSeconds, Math.max(1, idleSeconds / 2)),
  presses,
  ...(small ? { rssScenario: "incident", rssJob: "adfv2-etl-linux-d4", storage: false } : {}),
  print,
});

if (!print) console.log(JSON.stringify({ ...startup, ...poll, ...keys, ...terminal }));
// The simulators' keep-alive sockets and Azurite would hold the process open for a while.
process.exit(0);
