// `:changes` and `snapshot --since`: what changed in the account since a time, one line per change,
// newest first, from Log Analytics, the Batch service's own timestamps, ARM and the audit journal.
// Pure: the store gathers the inputs, this decides what counts as a change and orders them.
import type { NodeSummary } from "./nodes.js";
import type { ManagedPool, PoolSummary } from "./pools.js";
import { sanitizeInline } from "./sanitize.js";
import type { TaskRow } from "./tasks.js";

export type ChangeKind =
  | "pipeline-failing"
  | "new-failure-code"
  | "pool-resize-error"
  | "pool-allocation"
  | "node-state"
  | "pool-identity"
  | "pool-scale"
  | "pool-modified";

/** Where Enter on a change lands. */
export type ChangeJump =
  | { kind: "task"; jobId: string; taskId: string }
  /** An activity run whose Batch task (for a Custom activity) `:find` looks for. */
  | { kind: "activityRun"; activityRunId: string; activityType: string; pipelineRunId: string }
  | { kind: "pool"; poolId: string }
  | { kind: "node"; poolId: string; nodeId: string };

/** Which data said so: each line names it, since their clocks and delays differ. */
export type ChangeSource = "log-analytics" | "batch" | "arm" | "audit-journal";

/** One change, with stable field names: `snapshot --since --json` prints these. */
export interface Change {
  time: Date;
  kind: ChangeKind;
  /** The pipeline, failure code, pool or node it is about. */
  subject: string;
  /** One line, already neutralised for display. */
  detail: string;
  source: ChangeSource;
  jump?: ChangeJump;
}

/** What one read of `:changes` found: the list, and what it may lack. */
export interface ChangesReport {
  since: Date;
  changes: Change[];
  /** One line each: no workspace configured, a source that failed. */
  notes: string[];
}

/** A pipeline whose first failure in the window followed a success (the Log Analytics query's row). */
export interface PipelineStartedFailing {
  pipelineName: string;
  firstFailedAt: Date;
  failedRuns: number;
  activityName: string;
  activityType: string;
  activityRunId: string;
  pipelineRunId: string;
  errorCode?: string;
  errorMessage?: string;
}

export function pipelineChanges(rows: readonly PipelineStartedFailing[]): Change[] {
  return rows.map((row) => {
    const error = row.errorCode
      ? ` with ${row.errorCode}${row.errorMessage ? `: ${row.errorMessage}` : ""}`
      : "";
    const runs = row.failedRuns === 1 ? "1 failed run" : `${row.failedRuns} failed runs`;
    return {
      time: row.firstFailedAt,
      kind: "pipeline-failing",
      subject: row.pipelineName,
      detail: sanitizeInline(
        `pipeline ${row.pipelineName} started failing (${runs}): ${row.activityName} (${row.activityType})${error}`,
      ),
      source: "log-analytics",
      jump: {
        kind: "activityRun",
        activityRunId: row.activityRunId,
        activityType: row.activityType,
        pipelineRunId: row.pipelineRunId,
      },
    };
  });
}

export interface FailedTask {
  jobId: string;
  task: Pick<TaskRow, "id" | "failure" | "exitCode" | "stateTransitionTime">;
}

/** A failed task's code as the failure line groups them: the service's code, or its exit code. */
export function failureCode(task: FailedTask["task"]): string {
  return task.failure?.code ?? (task.exitCode !== undefined ? `exit ${task.exitCode}` : "unknown");
}

/**
 * Failure codes that are new since `since`: a code counts as new when some task failed with it at or
 * after `since` and none failed with it in the `lookbackMs` before (the same length as the window,
 * so "new" compares like with like). The count is of tasks since; the line lands on the newest.
 */
export function newFailureCodes(tasks: readonly FailedTask[], since: Date, lookbackMs: number): Change[] {
  const from = since.getTime() - lookbackMs;
  const seenBefore = new Set<string>();
  const after = new Map<string, FailedTask[]>();
  for (const failed of tasks) {
    const at = failed.task.stateTransitionTime?.getTime();
    if (at === undefined) continue;
    const code = failureCode(failed.task);
    if (at < since.getTime()) {
      if (at >= from) seenBefore.add(code);
      continue;
    }
    after.set(code, [...(after.get(code) ?? []), failed]);
  }
  const changes: Change[] = [];
  for (const [code, group] of after) {
    if (seenBefore.has(code)) continue;
    const byTime = [...group].sort(
      (a, b) => (a.task.stateTransitionTime?.getTime() ?? 0) - (b.task.stateTransitionTime?.getTime() ?? 0),
    );
    const first = byTime[0];
    const newest = byTime[byTime.length - 1];
    if (!first?.task.stateTransitionTime || !newest) continue;
    const jobs = new Set(group.map((failed) => failed.jobId));
    changes.push({
      time: first.task.stateTransitionTime,
      kind: "new-failure-code",
      subject: code,
      detail: sanitizeInline(
        `new failure code ${code}: ${group.length} task${group.length === 1 ? "" : "s"} in ${[...jobs].sort().join(", ")}`,
      ),
      source: "batch",
      jump: { kind: "task", jobId: newest.jobId, taskId: newest.task.id },
    });
  }
  return changes;
}

/** A pool resize event from AzureDiagnostics (PoolResizeStartEvent or PoolResizeCompleteEvent). */
export interface PoolResizeEvent {
  time: Date;
  poolId: string;
  operation: "start" | "complete";
  targetDedicatedNodes?: number;
  targetSpotNodes?: number;
  resultCode?: string;
  resultMessage?: string;
}

/**
 * Pools whose allocation state changed at or after `since` (allocationStateTransitionTime), with
 * their resize errors when they have some; the service keeps no time of its own for an error.
 */
export function poolChanges(pools: readonly PoolSummary[], since: Date): Change[] {
  return pools.flatMap((pool): Change[] => {
    const at = pool.allocationStateTransitionTime;
    if (!at || at < since) return [];
    const errors = pool.resizeErrors.map((error) => `${error.code}: ${error.message}`).join("; ");
    return [
      {
        time: at,
        kind: errors ? "pool-resize-error" : "pool-allocation",
        subject: pool.id,
        detail: sanitizeInline(
          errors
            ? `pool ${pool.id} ${pool.allocationState}, resize error ${errors}`
            : `pool ${pool.id} became ${pool.allocationState} (${pool.currentDedicatedNodes}/${pool.targetDedicatedNodes} dedicated, ${pool.currentSpotNodes}/${pool.targetSpotNodes} spot)`,
        ),
        source: "batch",
        jump: { kind: "pool", poolId: pool.id },
      },
    ];
  });
}

export function resizeEventChanges(events: readonly PoolResizeEvent[], since: Date): Change[] {
  return events
    .filter((event) => event.time >= since)
    .map((event) => {
      const targets = `${event.targetDedicatedNodes ?? "?"} dedicated, ${event.targetSpotNodes ?? "?"} spot`;
      const failed = event.resultCode !== undefined && !/^success/i.test(event.resultCode);
      const detail =
        event.operation === "start"
          ? `pool ${event.poolId} resize started to ${targets}`
          : `pool ${event.poolId} resize completed${event.resultCode ? ` (${event.resultCode}${event.resultMessage ? `: ${event.resultMessage}` : ""})` : ""}`;
      return {
        time: event.time,
        kind: failed ? "pool-resize-error" : "pool-allocation",
        subject: event.poolId,
        detail: sanitizeInline(detail),
        source: "log-analytics",
        jump: { kind: "pool", poolId: event.poolId },
      } satisfies Change;
    });
}

/** The node states `:changes` reports a turn into: the node stopped doing work. */
export const troubledNodeStates = ["unusable", "starttaskfailed", "preempted"] as const;

export function nodeChanges(poolId: string, nodes: readonly NodeSummary[], since: Date): Change[] {
  return nodes.flatMap((node): Change[] => {
    const at = node.stateTransitionTime;
    if (!at || at < since || !(troubledNodeStates as readonly string[]).includes(node.state)) return [];
    const errors = node.errors.map((error) => error.code).join(", ");
    return [
      {
        time: at,
        kind: "node-state",
        subject: node.id,
        detail: sanitizeInline(
          `node ${node.id} of ${poolId} turned ${node.state}${errors ? ` (${errors})` : ""}${node.isDedicated ? "" : ", spot"}`,
        ),
        source: "batch",
        jump: { kind: "node", poolId, nodeId: node.id },
      },
    ];
  });
}

/** What `:changes` reads of an audit journal entry. */
export interface AuditChangeEntry {
  time: string;
  action: string;
  target: string;
  changes: readonly string[];
  outcome: string;
}

/** The journal's actions (plan kinds) that change a pool's identities or its size. */
const identityActions: ReadonlySet<string> = new Set(["attach-identity", "detach-identity"]);
const scaleActions: ReadonlySet<string> = new Set(["rescale", "stop-resize", "autoscale-formula", "cycle"]);

/**
 * Identity and scale changes batchtop's operators made to pools. The journal records every attempt;
 * refused and failed ones changed nothing, so they are left out. Targets read "pool <id>".
 */
export function auditChanges(entries: readonly AuditChangeEntry[], since: Date): Change[] {
  return entries.flatMap((entry): Change[] => {
    const time = new Date(entry.time);
    if (Number.isNaN(time.getTime()) || time < since) return [];
    if (entry.outcome === "failed" || entry.outcome === "refused") return [];
    const kind: ChangeKind | undefined = identityActions.has(entry.action)
      ? "pool-identity"
      : scaleActions.has(entry.action)
        ? "pool-scale"
        : undefined;
    const poolId = /^pool (\S+)/.exec(entry.target)?.[1];
    if (!kind || poolId === undefined) return [];
    const what = entry.changes.length > 0 ? `: ${entry.changes.join("; ")}` : "";
    return [
      {
        time,
        kind,
        subject: poolId,
        detail: sanitizeInline(`${entry.action} on ${entry.target} (${entry.outcome})${what}`),
        source: "audit-journal",
        jump: { kind: "pool", poolId },
      },
    ];
  });
}

/** Pools ARM saw change at or after `since` (any update moves lastModified: identities, scale, ...). */
export function armPoolChanges(
  pools: readonly Pick<ManagedPool, "id" | "lastModified">[],
  since: Date,
): Change[] {
  return pools.flatMap((pool): Change[] =>
    pool.lastModified && pool.lastModified >= since
      ? [
          {
            time: pool.lastModified,
            kind: "pool-modified",
            subject: pool.id,
            detail: sanitizeInline(`pool ${pool.id} was updated through ARM (identities, scale or settings)`),
            source: "arm",
            jump: { kind: "pool", poolId: pool.id },
          },
        ]
      : [],
  );
}

/** Ties at the same instant: the cause before its effects. */
const kindOrder: readonly ChangeKind[] = [
  "pool-identity",
  "pool-scale",
  "pool-modified",
  "pipeline-failing",
  "new-failure-code",
  "pool-resize-error",
  "pool-allocation",
  "node-state",
];

/** Every change once, newest first; at most `limit`. */
export function mergeChanges(lists: readonly (readonly Change[])[], limit = 500): Change[] {
  return lists
    .flat()
    .sort(
      (a, b) =>
        b.time.getTime() - a.time.getTime() ||
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        a.subject.localeCompare(b.subject),
    )
    .slice(0, limit);
}

/** "23:04:12  pipeline …": one line of `:changes` (UTC, as every batchtop time). */
export function changeLine(change: Change): string {
  return `${change.time.toISOString().slice(11, 19)}  ${change.detail}  [${change.source}]`;
}

/** A change as `snapshot --json` prints it: stable names, ISO times. */
export function changeJson(change: Change): Record<string, unknown> {
  return {
    time: change.time.toISOString(),
    kind: change.kind,
    subject: change.subject,
    detail: change.detail,
    source: change.source,
    ...(change.jump ? { jump: change.jump } : {}),
  };
}

/**
 * A duration as typed after `:changes` or `--since`: a whole number and a unit (s, m, h, d), e.g.
 * `30m`, `2h`. Undefined for anything else, so the caller can say what it accepts.
 */
export function parseSinceDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([smhd])$/i.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? "").toLowerCase() as "s"];
  return amount > 0 ? amount * unit : undefined;
}
