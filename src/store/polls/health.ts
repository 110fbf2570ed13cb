import type { JobSummary, JobTaskCounts } from "../../model/jobs.js";
import { passingNodeStates } from "../../model/stuckNodes.js";
import type { AccountHealth } from "../dashboardSnapshot.js";
import { overviewRead } from "./overview.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/**
 * Every job's task counts and the nodes lingering in passing states (faults-only's inputs beyond
 * the overview), once the overview is in.
 */
export function healthPoll(ctx: PollContext): Poll {
  const { reader } = ctx.sources;
  /** Counts of jobs that have completed do not change: asked once, by the job's completion stamp. */
  const finishedJobCounts = new Map<string, { stamp: number | undefined; counts: JobTaskCounts }>();

  async function countsOf(job: JobSummary, signal: AbortSignal): Promise<[string, JobTaskCounts]> {
    const stamp = job.stateTransitionTime?.getTime();
    const known = finishedJobCounts.get(job.id);
    if (job.state === "completed" && known && known.stamp === stamp) return [job.id, known.counts];
    const counts = await reader.jobTaskCounts(job.id, signal);
    if (job.state === "completed") finishedJobCounts.set(job.id, { stamp, counts });
    return [job.id, counts];
  }

  const job = pollJob<AccountHealth>(ctx, "health", "health", ctx.settings.healthMs, async (signal) => {
    const overview = overviewRead(ctx.snapshot());
    const lingering = overview.nodeCounts
      .map((counts) => ({
        poolId: counts.poolId,
        states: passingNodeStates.filter((state) => (counts.byState[state] ?? 0) > 0),
      }))
      .filter((pool) => pool.states.length > 0);
    const [jobCounts, passingNodes] = await Promise.all([
      Promise.all(overview.jobs.map((job) => countsOf(job, signal))),
      Promise.all(
        lingering.map(
          async ({ poolId, states }) =>
            [poolId, await reader.listNodesInStates(poolId, states, signal)] as const,
        ),
      ),
    ]);
    return { jobCounts: new Map(jobCounts), passingNodes: new Map(passingNodes) };
  });
  return { jobsFor: () => (ctx.snapshot().overview.data ? [job] : []) };
}
