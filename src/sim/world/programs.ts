// What a Custom activity's program does when it runs: how long, and how it ends. Each attempt's
// decision is drawn from its own stream (seed, task id, attempt number), so the same attempt always
// behaves the same and its output can be regenerated on read instead of being stored.

import { Random } from "./random.js";
import { STEP_MS } from "./time.js";

/** The traceback a failing attempt prints: a schema change in the data, or a dropped connection. */
export type FailureStyle = "schemaDrift" | "transientNetwork";

export interface ProgramSpec {
  /** The script the command line runs, e.g. `transform.py`. */
  script: string;
  /** What the program does; picks the text it logs. */
  kind: "ingest" | "transform" | "export";
  /** Inclusive range of an attempt's run time. */
  durationMs: readonly [number, number];
  /** Chance that an attempt exits non-zero with a traceback on stderr. */
  failureRate: number;
  failureStyle: FailureStyle;
  /** Chance that an attempt exits 0 but uploading its output fails (FileUploadContainerNotFound). */
  uploadFailureRate: number;
  /** Python without `-u`: stdout stays empty until the process exits, then appears all at once. */
  buffered: boolean;
}

export type AttemptOutcome = "success" | "exitFailure" | "uploadFailure";

export interface AttemptDecision {
  durationMs: number;
  outcome: AttemptOutcome;
  exitCode: number;
}

export function decideAttempt(
  seed: number,
  taskId: string,
  attemptIndex: number,
  program: ProgramSpec,
): AttemptDecision {
  const rng = Random.derive(seed, `${taskId}#${attemptIndex}`);
  const [shortest, longest] = program.durationMs;
  const durationMs = Math.max(5 * STEP_MS, Math.round(rng.between(shortest, longest) / STEP_MS) * STEP_MS);
  const roll = rng.next();
  if (roll < program.failureRate) return { durationMs, outcome: "exitFailure", exitCode: 1 };
  if (roll < program.failureRate + program.uploadFailureRate)
    return { durationMs, outcome: "uploadFailure", exitCode: 0 };
  return { durationMs, outcome: "success", exitCode: 0 };
}

/** The command line ADF passes to Batch; `-u` (unbuffered) is missing exactly when output is buffered. */
export function programCommandLine(program: ProgramSpec, os: "linux" | "windows"): string {
  const unbuffered = program.buffered ? "" : "-u ";
  return os === "linux"
    ? `/bin/bash -c 'python3 ${unbuffered}${program.script}'`
    : `cmd /c python ${unbuffered}${program.script}`;
}
