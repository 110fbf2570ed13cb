import type { TailSnapshot } from "../../model/tailSnapshot.js";
import type { Focus } from "../dashboardSnapshot.js";
import { LogTail } from "../logTail.js";
import type { PollJob } from "../pollScheduler.js";
import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/**
 * The focused log: a node's start task output, or else the focused task's log, through one
 * `LogTail` kept while the same log stays in focus (it then reads only the new bytes).
 */
export function tailPoll(ctx: PollContext): Poll {
  const { reader, outputStore } = ctx.sources;
  let tail: { key: string; tail: LogTail } | undefined;

  function tailJob(key: string, create: () => LogTail): PollJob {
    if (tail?.key !== key) tail = { key, tail: create() };
    const logTail = tail.tail;
    return pollJob<TailSnapshot>(ctx, key, "tail", ctx.settings.tailMs, (signal) => logTail.poll(signal), {
      // Nothing new arrived: keep the old snapshot so the log pane does not redraw.
      same: (a, b) =>
        b.bytesRead === 0 && !b.restarted && a.source?.location === b.source?.location && a.size === b.size,
    });
  }

  function jobsFor(focus: Focus): PollJob[] {
    const stream = focus.stream ?? "stdout";
    if (focus.startTask) {
      const { poolId, nodeId } = focus.startTask;
      return [
        tailJob(
          `tail:start:${poolId}/${nodeId}/${stream}`,
          () => new LogTail({ poolId, nodeId, stream }, { reader }),
        ),
      ];
    }
    const { jobId, taskId } = focus;
    if (!jobId || !taskId) return [];
    return [
      tailJob(
        `tail:${jobId}/${taskId}/${stream}`,
        () => new LogTail({ jobId, taskId, stream }, { reader, ...(outputStore ? { outputStore } : {}) }),
      ),
    ];
  }

  return {
    jobsFor,
    refocus: (before, after) => {
      if (!after.taskId && !after.startTask) tail = undefined;
      const moved =
        after.jobId !== before.jobId ||
        after.taskId !== before.taskId ||
        after.stream !== before.stream ||
        after.startTask?.poolId !== before.startTask?.poolId ||
        after.startTask?.nodeId !== before.startTask?.nodeId;
      return moved ? { tail: emptyResource } : {};
    },
  };
}
