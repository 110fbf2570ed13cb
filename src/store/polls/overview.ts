import type { DashboardSnapshot, Overview } from "../dashboardSnapshot.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** The account's pools, their node counts and its jobs: polled always, every refresh. */
export function overviewPoll(ctx: PollContext): Poll {
  const { reader } = ctx.sources;
  const job = pollJob<Overview>(
    ctx,
    "overview",
    "overview",
    ctx.settings.refreshMs,
    async (signal) => {
      const [pools, nodeCounts, jobs] = await Promise.all([
        reader.listPools(signal),
        reader.poolNodeCounts(signal),
        reader.listJobs(signal),
      ]);
      return { pools, nodeCounts, jobs };
    },
    // The health check and the failure line read the overview's jobs and node counts: they start
    // once the first overview is in, at once rather than on their slower rhythms.
    { afterFirstData: ctx.rewant },
  );
  return { jobsFor: () => [job] };
}

/** The overview a poll reads: such a poll is wanted only once it has arrived. */
export function overviewRead(snapshot: DashboardSnapshot): Overview {
  const overview = snapshot.overview.data;
  if (!overview) throw new Error("the account's overview has not been read yet");
  return overview;
}
