// What a task's latest attempt has written to stdout.txt and stderr.txt at the current simulated
// time: regenerated from the attempt's decision, so nothing of the text is stored per task.

import type { FinishedTaskOutput } from "./batchWorld.js";
import { decideAttempt, type AttemptDecision } from "./programs.js";
import { renderAttemptOutput, streamAt, type AttemptOutput, type StreamView } from "./programOutput.js";
import type { RunningAttempt, SimState, TaskRecord } from "./state.js";
import { endedByRequest } from "./taskWire.js";

export interface AttemptView {
  startMs: number;
  /** How long the attempt has run (until now, or until it ended). */
  elapsedMs: number;
  running: boolean;
  decision: AttemptDecision;
  /** False when the task failed before its command ran (nothing was printed). */
  commandRan: boolean;
  output: AttemptOutput;
}

const noOutput: AttemptOutput = { stdout: [], stderr: [] };

function render(
  sim: SimState,
  record: TaskRecord,
  index: number,
  decision: AttemptDecision,
  startMs: number,
): AttemptOutput {
  return renderAttemptOutput({
    seed: sim.seed,
    jobId: record.job.job.id,
    taskId: record.task.id,
    attemptIndex: index,
    program: record.program,
    decision,
    startMs,
    origin: record.origin,
    os: record.job.pool.os,
    storageAccountName: sim.account.storageAccountName,
  });
}

/** A running attempt (or one ending right now) as seen at the current time. */
function viewOf(sim: SimState, record: TaskRecord, attempt: RunningAttempt): AttemptView {
  const commandRan = attempt.preparationFailure === undefined;
  attempt.output ??= commandRan
    ? render(sim, record, attempt.index, attempt.decision, attempt.startMs)
    : noOutput;
  return {
    startMs: attempt.startMs,
    elapsedMs: sim.nowMs - attempt.startMs,
    running: record.attempt === attempt,
    decision: attempt.decision,
    commandRan,
    output: attempt.output,
  };
}

/** The latest attempt of a running or completed task; undefined when none has run (or it was requeued). */
export function latestAttempt(sim: SimState, record: TaskRecord): AttemptView | undefined {
  if (record.attempt) return viewOf(sim, record, record.attempt);
  const info = record.task.executionInfo;
  if (record.task.state !== "completed" || record.attemptCount === 0 || !info?.startTime || !info.endTime)
    return undefined;
  const index = record.attemptCount - 1;
  const startMs = Date.parse(info.startTime);
  const decision = decideAttempt(sim.seed, record.task.id, index, record.program);
  // Only a pre-processing failure leaves no exit code behind a command that never ran; a task ended
  // by request (its node removed with `terminate`) ran until it was stopped.
  const commandRan = info.exitCode !== undefined || info.failureInfo === endedByRequest;
  return {
    startMs,
    elapsedMs: Date.parse(info.endTime) - startMs,
    running: false,
    decision,
    commandRan,
    output: commandRan ? render(sim, record, index, decision, startMs) : noOutput,
  };
}

export function stdoutOf(record: TaskRecord, view: AttemptView): StreamView {
  // Buffered output reaches the file only when the process exits normally; a killed one loses it.
  const flushed = !record.program.buffered || view.elapsedMs >= view.decision.durationMs;
  if (!flushed) return { text: "", lastWriteMs: undefined };
  const stdout = streamAt(view.output.stdout, view.startMs, view.elapsedMs);
  return record.program.buffered
    ? { ...stdout, lastWriteMs: view.startMs + view.decision.durationMs }
    : stdout;
}

export function stderrOf(view: AttemptView): StreamView {
  return streamAt(view.output.stderr, view.startMs, view.elapsedMs);
}

function outputOf(record: TaskRecord, view: AttemptView | undefined): FinishedTaskOutput {
  return {
    jobId: record.job.job.id,
    taskId: record.task.id,
    stdout: Buffer.from(view ? stdoutOf(record, view).text : ""),
    stderr: Buffer.from(view ? stderrOf(view).text : ""),
  };
}

/** What an attempt ending now wrote, as handed to onTaskFinished listeners. */
export function endingAttemptOutput(
  sim: SimState,
  record: TaskRecord,
  attempt: RunningAttempt,
): FinishedTaskOutput {
  return outputOf(record, viewOf(sim, record, attempt));
}

/** The latest attempt's output, for a completed task (what ADF copied to `adfjobs`). */
export function completedTaskOutput(sim: SimState, record: TaskRecord): FinishedTaskOutput | undefined {
  if (record.task.state !== "completed") return undefined;
  return outputOf(record, latestAttempt(sim, record));
}
