// A task attempt's stdout and stderr as timed lines: what the program has printed after any elapsed
// time. Rendered from the attempt's own random stream, so the text is never stored: a running task's
// files grow as simulated time passes, and a task finished long ago reads the same every time.

import type { AttemptDecision, ProgramSpec } from "./programs.js";
import { progressLines, tracebackLines, warningLine, type ProgramTextContext } from "./programText.js";
import { Random } from "./random.js";
import type { TaskOrigin } from "./taskOrigin.js";
import { isoAt, pythonLogTime } from "./time.js";

export interface TimedLine {
  /** Milliseconds after the attempt started at which the line was written. */
  offsetMs: number;
  text: string;
}

export interface AttemptOutput {
  stdout: TimedLine[];
  stderr: TimedLine[];
}

export interface AttemptRenderInput {
  seed: number;
  jobId: string;
  taskId: string;
  attemptIndex: number;
  program: ProgramSpec;
  decision: AttemptDecision;
  startMs: number;
  origin: TaskOrigin;
  os: "linux" | "windows";
  storageAccountName: string;
}

export function renderAttemptOutput(input: AttemptRenderInput): AttemptOutput {
  const { decision, program, startMs } = input;
  const rng = Random.derive(input.seed, `${input.taskId}#${input.attemptIndex}#output`);
  const context: ProgramTextContext = {
    rng,
    program,
    os: input.os,
    jobId: input.jobId,
    taskId: input.taskId,
    pipelineName: input.origin.pipelineName,
    pipelineRunId: input.origin.pipelineRunId,
    activityName: input.origin.activityName,
    storageAccountName: input.storageAccountName,
    runDate: isoAt(startMs).slice(0, 10),
  };
  const logger = program.script.replace(/\.py$/, "");
  const logLine = (offsetMs: number, level: string, message: string): TimedLine => ({
    offsetMs,
    text: `${pythonLogTime(startMs + offsetMs)} ${level} ${logger}: ${message}`,
  });

  const duration = decision.durationMs;
  const failing = decision.outcome === "exitFailure";
  const messages = progressLines(context);
  // A failing run dies part-way through its work; a successful one logs until just before exit.
  const shown = failing
    ? messages.slice(0, Math.max(3, Math.floor(messages.length * rng.between(0.35, 0.8))))
    : messages;
  const span = failing ? duration * 0.9 : duration - 1000;
  const stdout = shown.map((message, index) =>
    logLine(Math.round(((index + 1) / (shown.length + 1)) * span), "INFO", message),
  );
  if (!failing) stdout.push(logLine(duration - 500, "INFO", `Done in ${Math.round(duration / 1000)} s`));

  const stderr: TimedLine[] = [];
  if (rng.chance(0.3)) stderr.push({ offsetMs: stdout[2]?.offsetMs ?? 0, text: warningLine(context) });
  if (failing) {
    const at = duration - 200;
    for (const text of tracebackLines(context, program.failureStyle)) stderr.push({ offsetMs: at, text });
  }
  return { stdout, stderr };
}

/** A file's text as written so far. */
export interface StreamView {
  text: string;
  /** When the file was last written, or undefined when nothing was. */
  lastWriteMs: number | undefined;
}

/** What `lines` had written `elapsedMs` after `startMs`, one line per `\n`. */
export function streamAt(lines: readonly TimedLine[], startMs: number, elapsedMs: number): StreamView {
  let text = "";
  let last: number | undefined;
  for (const line of lines) {
    if (line.offsetMs > elapsedMs) break;
    text += `${line.text}\n`;
    last = line.offsetMs;
  }
  return { text, lastWriteMs: last === undefined ? undefined : startMs + last };
}
