// The pool start task (pip installing the program's requirements) as it runs on each boot of a node:
// how long it takes, whether it fails, and what it prints to startup/stdout.txt and stderr.txt.

import type { AttemptOutput, TimedLine } from "./programOutput.js";
import { Random } from "./random.js";
import { SECOND_MS, STEP_MS } from "./time.js";

export interface StartTaskRun {
  /** Run time of one attempt; a failing start task is retried up to its maxTaskRetryCount. */
  attemptMs: number;
  exitCode: number;
}

export function decideStartTask(
  seed: number,
  nodeId: string,
  bootCount: number,
  exitCode: number,
): StartTaskRun {
  const rng = Random.derive(seed, `${nodeId}#boot${bootCount}`);
  const attemptMs = Math.round(rng.between(20 * SECOND_MS, 70 * SECOND_MS) / STEP_MS) * STEP_MS;
  return { attemptMs, exitCode };
}

const packages = [
  ["pandas", "2.1.4", "12.3 MB"],
  ["pyarrow", "14.0.2", "38.0 MB"],
  ["azure-storage-blob", "12.19.0", "394 kB"],
  ["azure-identity", "1.15.0", "164 kB"],
  ["numpy", "1.26.3", "18.2 MB"],
] as const;

function wheel(name: string, version: string, os: "linux" | "windows"): string {
  const base = `${name.replaceAll("-", "_")}-${version}`;
  if (name.startsWith("azure")) return `${base}-py3-none-any.whl`;
  return os === "linux"
    ? `${base}-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl`
    : `${base}-cp311-cp311-win_amd64.whl`;
}

/** What the start task's last attempt printed, spread over its run time. */
export function renderStartTaskOutput(run: StartTaskRun, os: "linux" | "windows"): AttemptOutput {
  const messages: string[] = [];
  for (const [name, version, size] of packages) {
    messages.push(`Collecting ${name}==${version}`, `  Downloading ${wheel(name, version, os)} (${size})`);
  }
  const failed = run.exitCode !== 0;
  if (failed) messages.push("Collecting pyodbc==5.9.9");
  else {
    messages.push(`Installing collected packages: ${packages.map(([name]) => name).join(", ")}`);
    messages.push(
      `Successfully installed ${packages.map(([name, version]) => `${name}-${version}`).join(" ")}`,
    );
  }
  const stdout: TimedLine[] = messages.map((text, index) => ({
    offsetMs: Math.round(((index + 1) / (messages.length + 1)) * run.attemptMs),
    text,
  }));
  const stderr: TimedLine[] = failed
    ? [
        "ERROR: Could not find a version that satisfies the requirement pyodbc==5.9.9 (from versions: 4.0.39, 5.0.0, 5.0.1, 5.1.0)",
        "ERROR: No matching distribution found for pyodbc==5.9.9",
      ].map((text) => ({ offsetMs: run.attemptMs - 500, text }))
    : [];
  return { stdout, stderr };
}
