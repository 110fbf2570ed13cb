import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import { abortable, allPagesOf, pagesOf } from "./batchPaging.js";
import type { AccountThrottle } from "./throttle.js";
import type { JobSummary, JobTaskCounts } from "../model/jobs.js";
import type { TaskRow } from "../model/tasks.js";

export interface TaskListOptions {
  /** Only tasks whose state changed after this instant (`$filter` on stateTransitionTime). */
  changedAfter?: Date;
  signal?: AbortSignal;
}

export interface JobReads {
  listJobs(signal?: AbortSignal): Promise<JobSummary[]>;
  jobTaskCounts(jobId: string, signal?: AbortSignal): Promise<JobTaskCounts>;
  /** Tasks page by page (1,000 a page), so a caller can keep what it needs of a 100,000-task job. */
  listTaskPages(jobId: string, options?: TaskListOptions): AsyncIterable<TaskRow[]>;
  listTasks(jobId: string, options?: TaskListOptions): Promise<TaskRow[]>;
}

const jobSelect = "id,displayName,state,stateTransitionTime,creationTime,poolInfo,priority";
/** `executionInfo` and `nodeInfo` travel whole: Batch's $select names top-level properties only. */
const taskSelect = "id,state,creationTime,stateTransitionTime,executionInfo,nodeInfo";

/**
 * The filter for tasks changed after `instant`. Batch compares DateTime literals at full precision;
 * a millisecond instant is at or before the true one, so nothing at the boundary is lost.
 */
export function changedAfterFilter(instant: Date): string {
  return `stateTransitionTime gt DateTime'${instant.toISOString()}'`;
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

function toTaskRow(task: BatchServiceModels.CloudTask): TaskRow {
  const info = task.executionInfo;
  const failure = info?.failureInfo;
  return {
    id: task.id ?? "",
    state: task.state ?? "unknown",
    result: info?.result,
    exitCode: info?.exitCode,
    failure: failure && { category: failure.category, code: failure.code, message: failure.message },
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

export function jobReads(client: BatchServiceClient, throttle: AccountThrottle): JobReads {
  const listTaskPages = async function* (jobId: string, options: TaskListOptions = {}) {
    const taskListOptions = {
      select: taskSelect,
      ...(options.changedAfter ? { filter: changedAfterFilter(options.changedAfter) } : {}),
    };
    const pages = pagesOf(
      throttle,
      options.signal,
      (attempt) => client.task.list(jobId, { taskListOptions, ...abortable(attempt) }),
      (link, attempt) => client.task.listNext(link, abortable(attempt)),
    );
    for await (const page of pages) yield page.map(toTaskRow);
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
  };
}
