/** Where `:find <id>` (and `batchtop --find <id>`) lands. */
export type FindTarget =
  | { kind: "pool"; poolId: string }
  | { kind: "node"; poolId: string; nodeId: string }
  | { kind: "job"; jobId: string }
  | { kind: "task"; jobId: string; taskId: string };

/** What batchtop holds when the user asks: nodes and tasks only of the pools and jobs it has loaded. */
export interface FindScope {
  poolIds: readonly string[];
  nodeIdsByPool: ReadonlyMap<string, readonly string[]>;
  jobIds: readonly string[];
  taskIdsByJob: ReadonlyMap<string, readonly string[]>;
}

export type FindResult =
  /** The best match in memory, and the others (a pool and a job can share an id). */
  | { kind: "found"; target: FindTarget; alternatives: readonly FindTarget[] }
  /**
   * Nothing in memory matches, but these jobs' tasks are not loaded: ask each, in this order,
   * whether it has a task with this id. When none has, show `messageIfAbsent`.
   */
  | { kind: "probe"; id: string; jobIds: readonly string[]; messageIfAbsent: string }
  | { kind: "not-found"; message: string };

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ADF and Synapse run a Custom activity as a task of `adfv2-<pool>` whose id is the activity run id. */
export function looksLikeActivityRunId(id: string): boolean {
  return guidPattern.test(id);
}

function isAdfJob(jobId: string): boolean {
  return jobId.toLowerCase().startsWith("adfv2-");
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function describeSearched(scope: FindScope): string {
  const nodes = [...scope.nodeIdsByPool.values()].reduce((sum, ids) => sum + ids.length, 0);
  const tasks = [...scope.taskIdsByJob.values()].reduce((sum, ids) => sum + ids.length, 0);
  return [
    count(scope.poolIds.length, "pool"),
    `${count(nodes, "node")} of ${count(scope.nodeIdsByPool.size, "pool")}`,
    count(scope.jobIds.length, "job"),
    `${count(tasks, "task")} of ${count(scope.taskIdsByJob.size, "job")}`,
  ].join(", ");
}

function candidates(scope: FindScope): FindTarget[] {
  return [
    ...scope.poolIds.map((poolId): FindTarget => ({ kind: "pool", poolId })),
    ...[...scope.nodeIdsByPool].flatMap(([poolId, nodeIds]) =>
      nodeIds.map((nodeId): FindTarget => ({ kind: "node", poolId, nodeId })),
    ),
    ...scope.jobIds.map((jobId): FindTarget => ({ kind: "job", jobId })),
    ...[...scope.taskIdsByJob].flatMap(([jobId, taskIds]) =>
      taskIds.map((taskId): FindTarget => ({ kind: "task", jobId, taskId })),
    ),
  ];
}

function ownId(target: FindTarget): string {
  switch (target.kind) {
    case "pool":
      return target.poolId;
    case "node":
      return target.nodeId;
    case "job":
      return target.jobId;
    case "task":
      return target.taskId;
  }
}

/**
 * Ranks matches: the id as typed before one that differs in case (Batch ids are case-insensitive,
 * so both are real matches), then by kind. A GUID is most likely an activity run id, so tasks come
 * first for it, and among tasks those of `adfv2-*` jobs.
 */
function rank(target: FindTarget, id: string, activityRunId: boolean): number {
  const kindOrder = activityRunId ? ["task", "job", "pool", "node"] : ["pool", "job", "node", "task"];
  const caseRank = ownId(target) === id ? 0 : 10;
  const adfRank = target.kind === "task" && activityRunId && !isAdfJob(target.jobId) ? 1 : 0;
  return caseRank + kindOrder.indexOf(target.kind) * 2 + adfRank;
}

/**
 * Resolves an id pasted from an alert to what batchtop can show. Matches in memory win; otherwise
 * the result is the plan for asking the jobs whose tasks are not loaded: the `adfv2-*` jobs first
 * for a GUID (an activity run id), the others first for any other id (ADF names tasks by GUID only).
 */
export function findById(rawId: string, scope: FindScope): FindResult {
  const id = rawId.trim();
  if (id === "")
    return {
      kind: "not-found",
      message: "no id to find; paste an activity run id, or a task, job, pool or node id",
    };
  const activityRunId = looksLikeActivityRunId(id);
  const matches = candidates(scope)
    .filter((target) => ownId(target).toLowerCase() === id.toLowerCase())
    .sort((a, b) => rank(a, id, activityRunId) - rank(b, id, activityRunId));
  const [best, ...alternatives] = matches;
  if (best) return { kind: "found", target: best, alternatives };

  const absent = `no pool, node, job or task has the id ${id}; searched ${describeSearched(scope)}`;
  const unloaded = scope.jobIds.filter((jobId) => !scope.taskIdsByJob.has(jobId));
  if (unloaded.length === 0) return { kind: "not-found", message: absent };
  const adfFirst = activityRunId;
  const jobIds = [
    ...unloaded.filter((jobId) => isAdfJob(jobId) === adfFirst),
    ...unloaded.filter((jobId) => isAdfJob(jobId) !== adfFirst),
  ];
  return {
    kind: "probe",
    id,
    jobIds,
    messageIfAbsent: `${absent}, and asked ${count(jobIds.length, "more job")} for a task with that id`,
  };
}
