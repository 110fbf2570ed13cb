// What `:changes` and `snapshot --since` read: the Batch service's own timestamps always, Log
// Analytics and ARM when they are configured. One read when asked, not a poll: the list is a
// report of a window, and reading it again is one key away.
import type { BatchReader } from "../azure/batchReader.js";
import type { ChangeHistory } from "../azure/changeHistory.js";
import type { PoolManagement } from "../azure/poolManagement.js";
import {
  armPoolChanges,
  auditChanges,
  mergeChanges,
  newFailureCodes,
  nodeChanges,
  pipelineChanges,
  poolChanges,
  resizeEventChanges,
  troubledNodeStates,
  type AuditChangeEntry,
  type Change,
  type ChangesReport,
} from "../model/changes.js";
import { errorMessage } from "../model/errorMessage.js";
import { sanitizeInline } from "../model/sanitize.js";
import { recentFailures } from "./accountSnapshot.js";

export interface ChangeSources {
  reader: Pick<BatchReader, "listPools" | "listJobs" | "listTasks" | "listNodesInStates">;
  changeHistory?: ChangeHistory;
  management?: Pick<PoolManagement, "listPools">;
}

export type ChangesRead = ChangesReport;

/** What to set for the pipeline and resize-event lines, said where they are missing. */
export const noWorkspaceNote =
  "no Log Analytics workspace: set workspaceId (--workspace-id or BATCHTOP_WORKSPACE_ID) to add pipelines that started failing and pool resize events";

/** What `:runs all` says without a workspace. */
export const noWorkspaceForRuns =
  "no Log Analytics workspace: set workspaceId (--workspace-id or BATCHTOP_WORKSPACE_ID) to list the account's ADF and Synapse activity runs";

/**
 * Everything that changed since `now - sinceMs`. Each source answers on its own: one failing is a
 * note, and the others still make the list.
 */
export async function readChanges(
  sources: ChangeSources,
  options: { sinceMs: number; now: Date; audit?: readonly AuditChangeEntry[]; signal?: AbortSignal },
): Promise<ChangesRead> {
  const { sinceMs, now, signal } = options;
  const since = new Date(now.getTime() - sinceMs);
  const notes: string[] = [];
  const lists: Change[][] = [auditChanges(options.audit ?? [], since)];
  const attempt = async (what: string, read: () => Promise<Change[]>) => {
    try {
      lists.push(await read());
    } catch (error) {
      notes.push(sanitizeInline(`${what} could not be read: ${errorMessage(error)}`));
    }
  };
  const { reader, changeHistory, management } = sources;
  const batch = async (): Promise<Change[]> => {
    const [pools, jobs] = await Promise.all([reader.listPools(signal), reader.listJobs(signal)]);
    // New codes compare the window with as long a stretch before it.
    const failures = await recentFailures(reader, jobs, {
      since: new Date(since.getTime() - sinceMs),
      failedOnly: true,
      ...(signal ? { signal } : {}),
    });
    const nodes = await Promise.all(
      pools.map(async (pool) =>
        nodeChanges(pool.id, await reader.listNodesInStates(pool.id, troubledNodeStates, signal), since),
      ),
    );
    return [
      ...poolChanges(pools, since),
      ...nodes.flat(),
      ...newFailureCodes(
        failures.flatMap((job) => job.failed.map((task) => ({ jobId: job.jobId, task }))),
        since,
        sinceMs,
      ),
    ];
  };
  const reads = [attempt("the Batch account", batch)];
  if (changeHistory) {
    reads.push(
      attempt("Log Analytics' pipeline runs", async () => {
        const result = await changeHistory.pipelinesStartedFailing(since, now, signal);
        notes.push(
          ...result.warnings.map((warning) => sanitizeInline(`${warning.source}: ${warning.message}`)),
        );
        return pipelineChanges(result.items);
      }),
      attempt("Log Analytics' pool resize events", async () => {
        const result = await changeHistory.poolResizeEvents(since, now, signal);
        notes.push(
          ...result.warnings.map((warning) => sanitizeInline(`${warning.source}: ${warning.message}`)),
        );
        return resizeEventChanges(result.items, since);
      }),
    );
  } else notes.push(noWorkspaceNote);
  if (management)
    reads.push(attempt("ARM's pools", async () => armPoolChanges(await management.listPools(signal), since)));
  await Promise.all(reads);
  return { since, changes: mergeChanges(lists), notes };
}
