import { sanitizeInline } from "../sanitize.js";
import type { TailRestart, TailSnapshot, TailSourceKind } from "../tailSnapshot.js";
import type { TaskRow } from "../tasks.js";

export interface LogStatusInput {
  /** Absent until the first read. */
  tail?: TailSnapshot;
  stream: "stdout" | "stderr";
  /** The task whose log this is. */
  task?: Pick<TaskRow, "state" | "startTime">;
  now: Date;
  /** How long a running task's stdout may stay empty before the buffering hint shows. */
  emptyStdoutHintAfterMs?: number;
}

export interface LogStatus {
  /** "node file: <path>" or "adfjobs blob: <path>", or why there is none yet. */
  source: string;
  sourceKind?: TailSourceKind;
  /** "byte 12,345 of 12,345". */
  position?: string;
  /** Why the lines were thrown away and read again: "file shrank: started over". */
  restart?: string;
  /** "skipped 1.2 MB": output the tail never read. */
  skipped?: string;
  /** The buffering hint, when stdout of a running task stays empty. */
  hint?: string;
}

/** Half a minute: long enough for a program to print its first line, short enough for 3 a.m. */
const defaultEmptyStdoutHintAfterMs = 30_000;

export const bufferingHint =
  "stdout is empty while the task runs: the program may be buffering its output (for Python, run with -u or PYTHONUNBUFFERED=1)";

const sourceLabel: Record<TailSourceKind, string> = {
  node: "node file",
  adfjobs: "adfjobs blob",
};

function restartText(restart: TailRestart, kind: TailSourceKind): string {
  switch (restart) {
    case "truncated":
      return "file shrank: started over";
    case "recreated":
      return "file was created again: started over";
    case "source-changed":
      return `switched to the ${sourceLabel[kind]}: started over`;
  }
}

/** What the log pane's status line says about where the text came from and what to make of it. */
export function describeLogStatus({
  tail,
  stream,
  task,
  now,
  emptyStdoutHintAfterMs = defaultEmptyStdoutHintAfterMs,
}: LogStatusInput): LogStatus {
  if (!tail) return { source: "waiting for the first read" };
  if (!tail.source) {
    // A task still waiting for a node has written nothing anywhere: say that, not where batchtop looked.
    if (task?.state === "active")
      return { source: `the task has not started on a node yet: its ${stream} appears once it runs` };
    return { source: sanitizeInline(tail.unavailable ?? `no ${stream} yet`) };
  }
  const status: LogStatus = {
    source: `${sourceLabel[tail.source.kind]}: ${sanitizeInline(tail.source.location)}`,
    sourceKind: tail.source.kind,
    position: `byte ${tail.offset.toLocaleString("en-US")} of ${tail.size.toLocaleString("en-US")}`,
  };
  if (tail.restarted) status.restart = restartText(tail.restarted, tail.source.kind);
  if (tail.skippedBytes > 0) status.skipped = `skipped ${formatBytes(tail.skippedBytes)}`;
  const runningFor = task?.startTime ? now.getTime() - task.startTime.getTime() : 0;
  if (
    stream === "stdout" &&
    task?.state === "running" &&
    tail.size === 0 &&
    runningFor > emptyStdoutHintAfterMs
  ) {
    status.hint = bufferingHint;
  }
  return status;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
