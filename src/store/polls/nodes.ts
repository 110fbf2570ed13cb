import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** The nodes of the focused pool, every refresh. */
export function nodesPoll(ctx: PollContext): Poll {
  return {
    jobsFor: ({ poolId }) =>
      poolId
        ? [
            pollJob(ctx, `nodes:${poolId}`, "nodes", ctx.settings.refreshMs, (signal) =>
              ctx.sources.reader.listNodes(poolId, signal),
            ),
          ]
        : [],
    refocus: (before, after) => (after.poolId !== before.poolId ? { nodes: emptyResource } : {}),
  };
}
