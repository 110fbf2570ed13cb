/**
 * The demo workspace's tables, kept in step with the world's history. Each history record becomes its
 * row once; a query appends only the rows of records added since the previous query, so querying
 * after hours of simulated time does not rebuild hours of rows. The history drops its oldest records
 * once it passes its retention bound (as a workspace does); the rows built from them go too.
 */
import type { HistoryRecord } from "../../world/history.js";
import type { LogRecord, TableSet } from "../kql/inputRows.js";
import { historyRow, workspaceTableNames, type WorkspaceTableName } from "./historyRow.js";
import type { Workspace } from "./resourceColumns.js";

function perTable<T>(make: () => T): Record<WorkspaceTableName, T> {
  return Object.fromEntries(workspaceTableNames.map((name) => [name, make()])) as Record<
    WorkspaceTableName,
    T
  >;
}

class HistoryTables {
  private readonly rows = perTable<LogRecord[]>(() => []);
  /**
   * Per table and row, the sequence number of the record the row came from: its index in the history
   * plus `dropped`, so it stays put when retention shifts the history. Rows of dropped records are
   * the ones numbered below `dropped`.
   */
  private readonly sources = perTable<number[]>(() => []);
  /** How many of the history's current records have rows. */
  private consumed = 0;
  /** The sequence number of the history's first record: grows as retention drops records. */
  private dropped = 0;
  private lastConsumed: HistoryRecord | undefined;

  constructor(
    private readonly history: () => readonly HistoryRecord[],
    private readonly workspace: Workspace,
  ) {}

  current(): TableSet {
    const records = this.history();
    this.followRetention(records);
    for (let index = this.consumed; index < records.length; index++) {
      const { table, row } = historyRow(records[index]!, this.workspace);
      this.rows[table].push(row);
      this.sources[table].push(this.dropped + index);
    }
    this.consumed = records.length;
    this.lastConsumed = records[records.length - 1];
    return this.rows;
  }

  /** Notices that the history dropped its oldest records (records are distinct objects) and drops their rows. */
  private followRetention(records: readonly HistoryRecord[]): void {
    if (this.consumed === 0 || records[this.consumed - 1] === this.lastConsumed) return;
    const moved =
      this.lastConsumed === undefined
        ? -1
        : records.lastIndexOf(this.lastConsumed, Math.min(this.consumed - 1, records.length - 1));
    if (moved < 0) {
      // Everything seen so far is gone: start over from what the history holds now.
      for (const name of workspaceTableNames) {
        this.rows[name].length = 0;
        this.sources[name].length = 0;
      }
      this.dropped += this.consumed;
      this.consumed = 0;
      return;
    }
    const droppedNow = this.consumed - 1 - moved;
    this.dropped += droppedNow;
    this.consumed -= droppedNow;
    for (const name of workspaceTableNames) {
      const sources = this.sources[name];
      const kept = sources.findIndex((sequence) => sequence >= this.dropped);
      const gone = kept < 0 ? sources.length : kept;
      sources.splice(0, gone);
      this.rows[name].splice(0, gone);
    }
  }
}

/**
 * A table provider for the Log Analytics service over `history` (the world's `history()`), with
 * `workspace` stamped into every row.
 */
export function historyTables(history: () => readonly HistoryRecord[], workspace: Workspace): () => TableSet {
  const tables = new HistoryTables(history, workspace);
  return () => tables.current();
}
