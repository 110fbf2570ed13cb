import type { DetailsTarget } from "../model/navigation/uiState.js";
import { nodeDetailsObject, poolDetailsObject, taskDetailsObject } from "../model/views/detailsView.js";
import { formatWindow } from "../model/views/detailsRows.js";
import { poolVerdictLine } from "../model/views/doctorLines.js";
import { usualDetails, usualLookup } from "../model/hungTasks.js";
import { workspaceUsualStats } from "../store/dashboardSnapshot.js";
import type { DashboardSnapshot } from "../store/dashboardStore.js";

const nouns = { pools: "pool", nodes: "node", jobs: "job", tasks: "task" } as const;

/** "task 6f1c…" or "the audit journal": what the details pane's title names. */
export function detailsSubject(target: DetailsTarget): string {
  if (target.pane === "text") return target.title;
  if (target.pane === "runs") return `the pipeline runs of ${target.jobId}`;
  if (target.pane === "changes") return `what changed in the last ${formatWindow(target.sinceMs)}`;
  if (target.pane === "accountRuns") return "the workspace's activity runs";
  if (target.pane === "timeline") return `the timeline of the last ${target.range}`;
  if (target.pane === "doctor")
    return target.poolId === undefined ? "the identity doctor" : `the identity doctor of ${target.poolId}`;
  return `${nouns[target.pane]} ${target.id}`;
}

/**
 * The object the details pane shows, read from the current snapshot so it stays live; the same
 * object between polls that changed nothing, so its JSON is not rebuilt. Undefined once it is gone
 * from what batchtop holds (a pool deleted, a job no longer selected), and for text that is lines
 * already.
 */
export function selectedObject(target: DetailsTarget, snapshot: DashboardSnapshot): object | undefined {
  if (
    target.pane === "text" ||
    target.pane === "runs" ||
    target.pane === "doctor" ||
    target.pane === "changes" ||
    target.pane === "accountRuns" ||
    target.pane === "timeline"
  )
    return undefined;
  const { id } = target;
  const byId = <T extends { id: string }>(rows: readonly T[] | undefined) =>
    rows?.find((row) => row.id === id);
  switch (target.pane) {
    case "pools": {
      const pool = byId(snapshot.overview.data?.pools);
      // The doctor is polled for the pool whose details are open (see usePollFocus).
      const doctor = snapshot.focus.doctor?.poolId === id ? snapshot.doctor : undefined;
      // The age of the pool's last autoscale evaluation is as of the poll that read it.
      const readAt = snapshot.overview.fetchedAt;
      return (
        pool &&
        poolDetailsObject(
          pool,
          snapshot.account.data,
          poolVerdictLine(id, doctor),
          readAt === undefined ? undefined : new Date(readAt),
        )
      );
    }
    case "nodes": {
      const node = byId(snapshot.nodes.data);
      return node && nodeDetailsObject(node);
    }
    case "jobs":
      return byId(snapshot.overview.data?.jobs);
    case "tasks": {
      // Faults-only on a job larger than what is held lists failed tasks fetched on their own.
      const task = byId(snapshot.tasks.data?.rows) ?? byId(snapshot.failedTasks.data?.rows);
      if (!task) return undefined;
      // A running task's usual duration, where it came from and its ratio so far (the `hung?` mark's
      // evidence), as of the poll that read the task.
      const usual =
        task.state === "running"
          ? usualLookup(workspaceUsualStats(snapshot), snapshot.tasks.data?.rows ?? [])(
              task,
              snapshot.runs.data?.byActivityRunId.get(task.id),
            )
          : undefined;
      const readAt = new Date(snapshot.tasks.fetchedAt ?? Date.now());
      // Named to sort near the top of the details (their keys are sorted), where the pane opens.
      const details = taskDetailsObject(task, snapshot.runs.data?.byActivityRunId.get(id));
      return usual ? { ...details, durationVsUsual: usualDetails(task, usual, readAt) } : details;
    }
  }
}
