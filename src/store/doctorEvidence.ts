// What the identity doctor reads, through the ports, and nothing more. Per account: the account from
// ARM (1 request), the role assignments at the autostorage account's scope (the IdentityReader's
// requests, none without one), and the pools from ARM (1 request a page, or 1 GET with one pool asked
// for). Per pool: its nodes (1 request per 1,000 nodes), the first page of the failed tasks of its
// ADF job in the window (1 request) and, when some failed, the first page of the tasks that changed
// after the latest failure (1 request), to tell failures that have stopped. Never a write.

import type { BatchReader } from "../azure/batchReader.js";
import { AzureRequestError } from "../azure/azureError.js";
import type { IdentityReader } from "../azure/identityReader.js";
import type { PoolManagement } from "../azure/poolManagement.js";
import type { BatchAccountInfo } from "../model/account.js";
import {
  identityReferenceDetail,
  type AccountEvidence,
  type DoctorEvidence,
  type LaterSuccessFact,
  type PoolEvidence,
  type TaskEvidence,
} from "../model/doctor/evidence.js";
import type { RoleAssignmentsSeen } from "../model/identities.js";
import type { ManagedPool } from "../model/pools.js";
import type { TaskRow } from "../model/tasks.js";

export interface DoctorPorts {
  poolManagement: PoolManagement;
  reader: Pick<BatchReader, "listNodes" | "listTaskPages">;
  /** Without it (no ARM target), role assignments are unknown, not missing. */
  identityReader?: IdentityReader;
}

/** How far back failed tasks count: older ones say little about the nodes the pool has now. */
export const doctorFailureWindowMs = 60 * 60_000;

/** Batch's largest page: a full first page means there may be more. */
const batchPageSize = 1000;

/** Pools read at once: enough to hide latency, few enough not to burst the account's request limits. */
const poolsAtOnce = 4;

const noReader = "not read (no identity reader)";

async function storageRoles(
  ports: DoctorPorts,
  scope: string,
  signal: AbortSignal | undefined,
): Promise<RoleAssignmentsSeen> {
  if (!ports.identityReader) return { kind: "unreadable", scope, reason: noReader };
  return ports.identityReader.roleAssignmentsAt(scope, signal);
}

export async function gatherAccountEvidence(
  ports: DoctorPorts,
  account: BatchAccountInfo,
  signal?: AbortSignal,
): Promise<AccountEvidence> {
  const storage = account.autoStorage;
  return {
    name: account.name,
    identity: account.identity,
    ...(storage
      ? { autoStorage: storage, storageRoles: await storageRoles(ports, storage.storageAccountId, signal) }
      : {}),
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof AzureRequestError && error.statusCode === 404;
}

/** The first page of the job's failed tasks in the window: one request, however many failed. */
async function failedTasks(
  ports: DoctorPorts,
  poolId: string,
  since: Date,
  signal: AbortSignal | undefined,
): Promise<TaskEvidence> {
  const jobId = `adfv2-${poolId}`;
  try {
    const pages = ports.reader.listTaskPages(jobId, {
      failedOnly: true,
      changedAfter: since,
      ...(signal ? { signal } : {}),
    });
    const iterator = pages[Symbol.asyncIterator]();
    const first = await iterator.next();
    // Stop here: asking for the next page would be a second request.
    await iterator.return?.();
    const rows = first.done === true ? [] : first.value;
    return {
      kind: "read",
      jobId,
      truncated: rows.length >= batchPageSize,
      laterSuccesses: await successesAfter(ports, jobId, rows, signal),
      failures: rows.map((task) => {
        const named = task.failure?.details?.find((detail) => detail.name === identityReferenceDetail);
        return {
          taskId: task.id,
          ...(task.failure?.code ? { code: task.failure.code } : {}),
          ...(task.nodeId ? { nodeId: task.nodeId } : {}),
          ...(named ? { identityReference: named.value } : {}),
          ...(task.stateTransitionTime ? { at: task.stateTransitionTime } : {}),
        };
      }),
    };
  } catch (error) {
    if (isNotFound(error)) return { kind: "no-job", jobId };
    throw error;
  }
}

/** The first page of the job's tasks that changed after its latest failure, kept if they succeeded. */
async function successesAfter(
  ports: DoctorPorts,
  jobId: string,
  failures: readonly TaskRow[],
  signal: AbortSignal | undefined,
): Promise<LaterSuccessFact[]> {
  const latest = Math.max(...failures.map((task) => task.stateTransitionTime?.getTime() ?? -Infinity));
  if (!Number.isFinite(latest)) return [];
  const pages = ports.reader.listTaskPages(jobId, {
    changedAfter: new Date(latest),
    ...(signal ? { signal } : {}),
  });
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  await iterator.return?.();
  const rows = first.done === true ? [] : first.value;
  return rows
    .filter((task) => task.state === "completed" && task.result === "success")
    .map((task) => ({ taskId: task.id, ...(task.nodeId ? { nodeId: task.nodeId } : {}) }));
}

export async function gatherPoolEvidence(
  ports: DoctorPorts,
  account: AccountEvidence,
  pool: ManagedPool,
  options: { now: Date; signal?: AbortSignal },
): Promise<PoolEvidence> {
  const { now, signal } = options;
  const since = new Date(now.getTime() - doctorFailureWindowMs);
  const [nodes, tasks] = await Promise.all([
    ports.reader.listNodes(pool.id, signal),
    failedTasks(ports, pool.id, since, signal),
  ]);
  return {
    observedAt: now,
    poolId: pool.id,
    account,
    identities: pool.identities,
    applicationPackages: pool.applicationPackages,
    ...(pool.lastModified
      ? { identitiesChanged: { at: pool.lastModified, source: "pool lastModified" } }
      : {}),
    nodes: nodes.map((node) => ({
      id: node.id,
      state: node.state,
      ...(node.stateTransitionTime ? { stateTransitionTime: node.stateTransitionTime } : {}),
      ...(node.allocationTime ? { allocationTime: node.allocationTime } : {}),
      errorCodes: node.errors.map((error) => error.code),
    })),
    tasks,
  };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
async function inTurns<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Everything the doctor needs, for one pool (`poolId`) or every pool the account has. A pool that does
 * not exist is ARM's 404, thrown as it came.
 */
export async function gatherDoctorEvidence(
  ports: DoctorPorts,
  options: { poolId?: string; now?: Date; signal?: AbortSignal } = {},
): Promise<DoctorEvidence> {
  const { poolId, signal } = options;
  const now = options.now ?? new Date();
  const [info, pools] = await Promise.all([
    ports.poolManagement.getAccount(signal),
    poolId === undefined
      ? ports.poolManagement.listPools(signal)
      : ports.poolManagement.getPool(poolId, signal).then((pool) => [pool]),
  ]);
  const account = await gatherAccountEvidence(ports, info, signal);
  const sorted = [...pools].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    account,
    pools: await inTurns(sorted, poolsAtOnce, (pool) =>
      gatherPoolEvidence(ports, account, pool, { now, ...(signal ? { signal } : {}) }),
    ),
  };
}
