import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { assertBuilt } from "../helpers/builtCli.js";

// `npm run bench -- --json` at its smallest (two idle seconds, three presses, a small scale world, the
// RSS figure on a 93-task incident job): every section runs and every figure the scripts tracking
// them read comes out as a number. Their values depend on the machine and are not checked here.

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What each section must report. */
const expected = [
  // sim start-up, a bare node process beside it
  "simStartupMsHealthy",
  "simPeakRssMiBHealthy",
  "simStartupMsBareNode",
  "simPeakRssMiBBareNode",
  // polling, the naive and Batch Explorer request patterns beside it
  "taskBytesPerCycle",
  "taskBytesPerCycleNaive",
  "taskBytesPerCycleBatchExplorer",
  "taskRequestsPerCycle",
  "taskRequestsPerCycleNaive",
  "taskRequestsPerCycleBatchExplorer",
  "overviewBytesPerCycleScale",
  "overviewBytesPerCycleHealthy",
  "logTailBytesPerPoll",
  "logTailBytesPerPollNaive",
  "timelineBytesPerPoll",
  "timelineBytesPerPollNaive",
  // key to frame, Ink's whole frames and the naive pane beside it
  ...["keyToFrameP50Ms", "keyToFrameP95Ms", "keyToFrameBytesPerKey"].flatMap((key) => [
    key,
    `${key}FullFrames`,
    `${key}Naive`,
  ]),
  // the screen, on the real batchtop in a pseudo-terminal, the full-frame renderer beside it
  ...["firstDataMs", "idleCpuPercent", "idleTerminalBytesPerMinute", "bytesPerKeyPress"].flatMap((key) => [
    key,
    `${key}FullFrames`,
  ]),
  ...["rssMiB", "peakRssMiB", "rssTasks"].flatMap((key) => [key, `${key}FullFrames`]),
];

test("npm run bench -- --json prints one JSON object with every figure, each a finite number", async () => {
  assertBuilt();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/bench/run.ts",
      "--json",
      "--small-world",
      "--idle-seconds",
      "2",
      "--presses",
      "3",
    ],
    { cwd: root, maxBuffer: 16 * 2 ** 20 },
  );
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1, `one line on stdout, got:\n${stdout}`);
  const figures = JSON.parse(lines[0]!) as Record<string, unknown>;
  for (const key of expected) assert.ok(key in figures, `no ${key} in ${lines[0]}`);
  for (const [key, value] of Object.entries(figures))
    assert.ok(typeof value === "number" && Number.isFinite(value), `${key} is ${JSON.stringify(value)}`);
});
