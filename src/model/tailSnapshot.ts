/**
 * Where a log tail reads from: the file on the node where the task ran, or the copy ADF wrote to
 * `adfjobs/<activityRunId>/output/` in the linked storage (the only one left once the node is gone).
 */
export type TailSourceKind = "node" | "adfjobs";

/** Why a tail threw its lines away and read from the start again. */
export type TailRestart =
  /** The file got shorter than what was read. */
  | "truncated"
  /** The file was created again (the task ran again). */
  | "recreated"
  /** The node's file went away and the adfjobs copy is read, or the other way round. */
  | "source-changed";

export interface TailSnapshot {
  /** Absent while neither the node nor adfjobs has the file. */
  source?: { kind: TailSourceKind; location: string };
  /** Bytes of the source read so far: the next read starts here. */
  offset: number;
  /** The source's size at this poll. */
  size: number;
  /** Bytes transferred by this poll. */
  bytesRead: number;
  /** Bytes never read because the tail started near the end or a burst outran it. */
  skippedBytes: number;
  restarted?: TailRestart;
  /** Complete lines, sanitised, oldest first, bounded. */
  lines: readonly string[];
  /** The unfinished last line, sanitised. */
  partialLine: string;
  /** Why nothing could be read, in one sentence, when neither source has the file. */
  unavailable?: string;
}
