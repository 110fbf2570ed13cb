import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import { abortable, allPagesOf, pagesOf } from "./batchPaging.js";
import type { AccountThrottle } from "./throttle.js";
import type { JobSummary, JobTaskCounts } from "../model/jobs.js";
import type { TaskFailure, TaskRow, TaskStamp } from "../model/tasks.js";

export interface TaskListOptions {
  /** Only tasks whose state changed after this instant (`$filter` on stateTransitionTime). */
  changedAfter?: Date;
  /** Only these tasks (`$filter` on id, a few dozen ids a request); none when empty. */
  ids?: readonly string[];
  /**
   * Only tasks that completed with failure (`executionInfo/result eq 'failure'`). Batch sets that
   * result whenever it sets failureInfo, so this loses no failed task and saves reading every success
   * of a busy job: what faults-only shows of a job larger than what is held, and the failure line.
   */
  failedOnly?: boolean;
  signal?: AbortSignal | undefined;
}

export interface JobReads {
  listJobs(signal?: AbortSignal): Promise<JobSummary[]>;
  jobTaskCounts(jobId: string, signal?: AbortSignal): Promise<JobTaskCounts>;
  /** Tasks page by page (1,000 a page), so a caller can keep what it needs of a 100,000-task job. */
  listTaskPages(jobId: string, options?: TaskListOptions): AsyncIterable<TaskRow[]>;
  listTasks(jobId: string, options?: TaskListOptions): Promise<TaskRow[]>;
  /**
   * Every task's id, state and stateTransitionTime, page by page: an eighth of the bytes of the rows,
   * for telling which held rows are stale or deleted without reading every row of the job.
   */
  listTaskStamps(jobId: string, options?: { signal?: AbortSignal | undefined }): AsyncIterable<TaskStamp[]>;
}

const jobSelect = "id,displayName,state,stateTransitionTime,creationTime,poolInfo,priority";
/**
 * `executionInfo` and `nodeInfo` travel whole: Batch's $select names top-level properties only. The
 * command line is read too: with failureInfo's details it says why a task failed.
 */
const taskSelect = "id,state,creationTime,stateTransitionTime,commandLine,executionInfo,nodeInfo";
const stampSelect = "id,state,stateTransitionTime";
/**
 * Ids one request names at most. Each adds about 50 characters of `$filter` (GUID ids; Batch allows
 * 64), so a request stays near 2 KB of URL, well within what HTTP front ends accept.
 */
const idsPerRequest = 40;

/**
 * The filter for tasks changed after `instant`. Batch compares DateTime literals at full precision;
 * a millisecond instant is at or before the true one, so nothing at the boundary is lost.
 */
export function changedAfterFilter(instant: Date): string {
  return `stateTransitionTime gt DateTime'${instant.toISOString()}'`;
}

/** The filter for exactly these tasks. Batch ids cannot hold a quote; it is escaped all the same. */
function taskIdsFilter(ids: readonly string[]): string {
  return ids.map((id) => `id eq '${id.replaceAll("'", "''")}'`).join(" or ");
}

/**
 * The filter for tasks that failed, as Batch's task counts count them. A result is reported only for a
 * completed task; the state clause says so rather than relying on it.
 */
export const failedTasksFilter = "state eq 'completed' and executionInfo/result eq 'failure'";

function taskListFilter(
  changedAfter: Date | undefined,
  ids: readonly string[] | undefined,
  failedOnly = false,
): string | undefined {
  const clauses = [
    ...(failedOnly ? [failedTasksFilter] : []),
    ...(ids ? [`(${taskIdsFilter(ids)})`] : []),
    ...(changedAfter ? [changedAfterFilter(changedAfter)] : []),
    ...(failedOnly ? ["executionInfo/result eq 'failure'"] : []),
  ];
  return clauses.length > 0 ? clauses.join(" and ") : undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

function toJob(job: BatchServiceModels.CloudJob): JobSummary {
  return {
    id: job.id ?? "",
    displayName: job.displayName,
    state: job.state ?? "unknown",
    stateTransitionTime: job.stateTransitionTime,
    creationTime: job.creationTime,
    poolId: job.poolInfo?.poolId,
    priority: job.priority ?? 0,
  };
}

function toFailure(failure: BatchServiceModels.TaskFailureInformation): TaskFailure {
  const details = (failure.details ?? []).map((pair) => ({ name: pair.name ?? "", value: pair.value ?? "" }));
  return {
    category: failure.category,
    code: failure.code,
    message: failure.message,
    ...(details.length > 0 ? { details } : {}),
  };
}

function toTaskRow(task: BatchServiceModels.CloudTask): TaskRow {
  const info = task.executionInfo;
  const failure = info?.failureInfo;
  return {
    id: task.id ?? "",
    state: task.state ?? "unknown",
    result: info?.result,
    exitCode: info?.exitCode,
    failure: failure && toFailure(failure),
    commandLine: task.commandLine,
    poolId: task.nodeInfo?.poolId,
    nodeId: task.nodeInfo?.nodeId,
    retryCount: info?.retryCount ?? 0,
    requeueCount: info?.requeueCount ?? 0,
    creationTime: task.creationTime,
    stateTransitionTime: task.stateTransitionTime,
    startTime: info?.startTime,
    endTime: info?.endTime,
  };
}

function toTaskStamp(task: BatchServiceModels.CloudTask): TaskStamp {
  return { id: task.id ?? "", state: task.state ?? "unknown", stateTransitionTime: task.stateTransitionTime };
}

export function jobReads(client: BatchServiceClient, throttle: AccountThrottle): JobReads {
  const taskPages = (jobId: string, select: string, filter: string | undefined, signal?: AbortSignal) =>
    pagesOf(
      throttle,
      signal,
      (attempt) =>
        client.task.list(jobId, {
          taskListOptions: { select, ...(filter === undefined ? {} : { filter }) },
          ...abortable(attempt),
        }),
      (link, attempt) => client.task.listNext(link, abortable(attempt)),
    );
  const listTaskPages = async function* (jobId: string, options: TaskListOptions = {}) {
    const { changedAfter, ids, failedOnly, signal } = options;
    const idBatches = ids ? chunks(ids, idsPerRequest) : [undefined];
    for (const batch of idBatches) {
      const filter = taskListFilter(changedAfter, batch, failedOnly);
      for await (const page of taskPages(jobId, taskSelect, filter, signal)) yield page.map(toTaskRow);
    }
  };
  return {
    listJobs: async (signal) => {
      const pages = pagesOf(
        throttle,
        signal,
        (attempt) => client.job.list({ jobListOptions: { select: jobSelect }, ...abortable(attempt) }),
        (link, attempt) => client.job.listNext(link, abortable(attempt)),
      );
      return (await allPagesOf(pages)).map(toJob);
    },
    jobTaskCounts: async (jobId, signal) => {
      const result = await throttle.run((attempt) => client.job.getTaskCounts(jobId, abortable(attempt)), {
        signal,
      });
      const { active, running, completed, succeeded, failed } = result.taskCounts;
      return { active, running, completed, succeeded, failed };
    },
    listTaskPages,
    listTasks: (jobId, options) => allPagesOf(listTaskPages(jobId, options)),
    listTaskStamps: async function* (jobId, options = {}) {
      for await (const page of taskPages(jobId, stampSelect, undefined, options.signal))
        yield page.map(toTaskStamp);
    },
  };
}
