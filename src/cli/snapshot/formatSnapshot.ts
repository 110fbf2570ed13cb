import type { ChalkInstance } from "chalk";
import { problemLine } from "../../model/health.js";
import { sanitizeInline } from "../../model/sanitize.js";
import type { AccountSnapshot } from "../../store/accountSnapshot.js";
import { changeJson, changeLine, type ChangesReport } from "../../model/changes.js";

/** `--since`: the account snapshot and what changed in its window. */
export type SnapshotWithChanges = AccountSnapshot & { changes?: ChangesReport };

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/** The snapshot as a plain table for a terminal, an incident note or a cron mail. */
export function formatSnapshot(
  snapshot: SnapshotWithChanges,
  account: string,
  colors: ChalkInstance,
): string {
  const counts = new Map(snapshot.nodeCounts.map((entry) => [entry.poolId, entry.byState]));
  const poolRows = snapshot.pools.map((pool) => {
    const states = counts.get(pool.id) ?? {};
    return [
      pool.id,
      pool.allocationState,
      `${pool.currentDedicatedNodes}/${pool.targetDedicatedNodes}`,
      `${pool.currentSpotNodes}/${pool.targetSpotNodes}`,
      String(states.running ?? 0),
      String(states.idle ?? 0),
      String((states.unusable ?? 0) + (states.starttaskfailed ?? 0)),
      pool.resizeErrors[0]?.code ?? "",
    ].map(sanitizeInline);
  });
  const lines = [
    colors.bold(`batchtop snapshot of ${sanitizeInline(account)} at ${snapshot.takenAt.toISOString()}`),
    "",
    ...table([
      ["POOL", "ALLOCATION", "DEDICATED", "SPOT", "RUNNING", "IDLE", "UNHEALTHY", "RESIZE ERROR"],
      ...poolRows,
    ]),
    "",
  ];
  const window = `since ${snapshot.since.toISOString()}`;
  if (snapshot.problems.length === 0) {
    lines.push(
      colors.green(
        `healthy: no resize errors, unusable or start-task-failed nodes, or failed tasks ${window}`,
      ),
    );
  } else {
    lines.push(
      colors.red(
        `${snapshot.problems.length} problem${snapshot.problems.length === 1 ? "" : "s"} (failed tasks ${window}):`,
      ),
    );
    for (const problem of snapshot.problems) {
      lines.push(`  ${colors.red("✗")} ${sanitizeInline(problemLine(problem))}`);
    }
  }
  if (snapshot.changes) {
    const { changes, notes } = snapshot.changes;
    lines.push(
      "",
      colors.bold(
        changes.length === 0
          ? `nothing changed ${window}`
          : `${changes.length} change${changes.length === 1 ? "" : "s"} ${window}, newest first:`,
      ),
      ...changes.map((change) => `  ${changeLine(change)}`),
      ...notes.map((note) => `  note: ${sanitizeInline(note)}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The snapshot as JSON for scripts: dates as ISO strings, the health verdict included. */
export function snapshotJson(snapshot: SnapshotWithChanges, account: string): string {
  return `${JSON.stringify(
    {
      account,
      takenAt: snapshot.takenAt,
      since: snapshot.since,
      healthy: snapshot.problems.length === 0,
      problems: snapshot.problems,
      pools: snapshot.pools.map((pool) => ({
        ...pool,
        nodeCounts: snapshot.nodeCounts.find((entry) => entry.poolId === pool.id)?.byState ?? {},
      })),
      jobs: snapshot.jobs,
      failedTasks: snapshot.failures.flatMap((job) =>
        job.failed.map((task) => ({ jobId: job.jobId, ...task })),
      ),
      // With --since: {time, kind, subject, detail, source, jump?} each, newest first.
      ...(snapshot.changes
        ? { changes: snapshot.changes.changes.map(changeJson), changeNotes: snapshot.changes.notes }
        : {}),
    },
    null,
    2,
  )}\n`;
}
