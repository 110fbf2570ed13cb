// The node cycles of one dashboard session: which pools are being cycled (their rows show it, and a
// rescale of them is refused), the ones an earlier session left unfinished, and running, finishing
// or abandoning them.
import { AzureRequestError } from "../azure/azureError.js";
import { describeError } from "../azure/describeError.js";
import {
  cyclePlan,
  type CyclePlan,
  type CyclePoolState,
  type CycleRoute,
  type PlannedCycle,
} from "../model/actions/cyclePlan.js";
import { unfinishedCycles, type UnfinishedCycle } from "../model/actions/cycleSteps.js";
import type { NodeDeallocationOption } from "../model/pools.js";
import type { AttemptLog } from "./attemptLog.js";
import {
  abandonCycle,
  CycleStepError,
  cycleRoute,
  planningStateFromManagedPool,
  planningStateFromSummary,
  readCyclePool,
  runCycle,
  type CyclePorts,
} from "./nodeCycle.js";

/** What a pool's row says about its cycle. */
export type CycleStatus =
  | { kind: "running"; plan: CyclePlan; phase: "down" | "up"; progress: string }
  /** Begun and not ended: by an earlier session, or a step failed. Finish or abandon it. */
  | { kind: "unfinished"; unfinished: UnfinishedCycle; reason: string };

/** A cycle ended, for the flash line. */
export interface CycleNotice {
  poolId: string;
  kind: "info" | "error";
  text: string;
}

export interface CycleTracker {
  /** For useSyncExternalStore: the same map until something changes. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): ReadonlyMap<string, CycleStatus>;
  onNotice(listener: (notice: CycleNotice) => void): () => void;
  /** Whether cycles can be sent at all (not in read-only mode). */
  readonly canSend: boolean;
  /** Why an action on the pool would fight a cycle in progress, if one is. */
  conflict(poolId: string): string | undefined;
  /** The plan from a fresh read of the pool and its nodes (running tasks are counted on them). */
  prepare(poolId: string, deallocation?: NodeDeallocationOption): Promise<PlannedCycle>;
  /** Starts a confirmed plan in the background; how it ends arrives as a notice. */
  start(plan: CyclePlan): void;
  /** Runs the rest of the pool's unfinished cycle. */
  finish(poolId: string): void;
  abandon(poolId: string): Promise<void>;
  /** Reads the journal for cycles an earlier session left unfinished, and shows them on their pools. */
  loadUnfinished(): Promise<UnfinishedCycle[]>;
  /** Quitting: the running cycles stop watching and stay unfinished in the journal. Returns their pools. */
  stop(): string[];
}

export interface CycleTrackerOptions {
  ports: CyclePorts;
  attempts: AttemptLog;
  /** The journal's account string, as the attempt log writes it: only this account's cycles are found. */
  account: string;
  /** Between two reads of a pool being cycled. */
  wait?: (signal?: AbortSignal) => Promise<void>;
  /** How many of the journal's newest lines are searched for unfinished cycles. */
  journalLines?: number;
}

const pollMs = 5_000;

function sleep(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, pollMs);
    function done() {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

const unfinishedReason = (unfinished: UnfinishedCycle) =>
  unfinished.error
    ? `stopped at ${unfinished.step}: ${unfinished.error}`
    : unfinished.upSent
      ? "scaling back was sent; not seen to end"
      : unfinished.downSettled
        ? "left at 0 nodes"
        : "scaling to 0 was sent; not seen to end";

export function createCycleTracker({
  ports,
  attempts,
  account,
  wait = sleep,
  journalLines = 5_000,
}: CycleTrackerOptions): CycleTracker {
  let statuses: ReadonlyMap<string, CycleStatus> = new Map();
  const listeners = new Set<() => void>();
  const noticeListeners = new Set<(notice: CycleNotice) => void>();
  const running = new Map<string, AbortController>();
  const route = cycleRoute(ports);

  const set = (poolId: string, status: CycleStatus | undefined) => {
    const next = new Map(statuses);
    if (status) next.set(poolId, status);
    else next.delete(poolId);
    statuses = next;
    for (const listener of listeners) listener();
  };
  const notify = (notice: CycleNotice) => {
    for (const listener of noticeListeners) listener(notice);
  };

  const run = (plan: CyclePlan, resume?: UnfinishedCycle) => {
    const controller = new AbortController();
    running.set(plan.poolId, controller);
    set(plan.poolId, {
      kind: "running",
      plan,
      phase: resume?.downSettled ? "up" : "down",
      progress: "starting",
    });
    void runCycle(plan, {
      ports,
      attempts,
      signal: controller.signal,
      wait,
      ...(resume ? { resume } : {}),
      onProgress: (phase, progress) => {
        if (!controller.signal.aborted) set(plan.poolId, { kind: "running", plan, phase, progress });
      },
      onJournalTrouble: (message) =>
        notify({ poolId: plan.poolId, kind: "error", text: `cycle of ${plan.poolId}: ${message}` }),
    }).then(
      (result) => {
        running.delete(plan.poolId);
        set(plan.poolId, undefined);
        notify({ poolId: plan.poolId, kind: "info", text: `cycle of ${plan.poolId} done: ${result.detail}` });
      },
      async (error: unknown) => {
        running.delete(plan.poolId);
        if (controller.signal.aborted) return;
        const message = describeError(error);
        if (error instanceof CycleStepError && error.nothingSent) {
          set(plan.poolId, undefined);
          notify({ poolId: plan.poolId, kind: "error", text: `cycle of ${plan.poolId} refused: ${message}` });
          return;
        }
        // Whatever failed, the journal decides what is left to do: it is the record the next start reads.
        const found = (await tracker.loadUnfinished().catch(() => [])).find(
          (entry) => entry.plan.poolId === plan.poolId,
        );
        if (!found) set(plan.poolId, undefined);
        notify({
          poolId: plan.poolId,
          kind: "error",
          text: found
            ? `cycle of ${plan.poolId} stopped: ${message}; C on the pool to finish or abandon it`
            : `cycle of ${plan.poolId} failed: ${message}`,
        });
      },
    );
  };

  const unfinishedOf = (poolId: string) => {
    const status = statuses.get(poolId);
    return status?.kind === "unfinished" ? status.unfinished : undefined;
  };

  const tracker: CycleTracker = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => statuses,
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    canSend: route !== undefined,
    conflict(poolId) {
      const status = statuses.get(poolId);
      if (!status) return undefined;
      return status.kind === "running"
        ? `${poolId} is being cycled (${status.progress}); a change now would fight the cycle: wait for it to end`
        : `${poolId} has an unfinished cycle (${status.reason}); C on it to finish or abandon it first`;
    },
    async prepare(poolId, deallocation) {
      const choice = deallocation ? { deallocation } : {};
      const fromDataPlane = async () => {
        const found = (await ports.reader.listPools()).find((candidate) => candidate.id === poolId);
        if (!found) throw new Error(`pool ${poolId} is no longer in the account`);
        return planningStateFromSummary(found);
      };
      const readPool = async (): Promise<{ pool: CyclePoolState; route: CycleRoute | undefined }> => {
        if (route !== "arm" || !ports.management) return { pool: await fromDataPlane(), route };
        try {
          return { pool: planningStateFromManagedPool(await ports.management.getPool(poolId)), route };
        } catch (error) {
          // ARM may refuse this caller the pool while the data plane lets it resize.
          if (!(error instanceof AzureRequestError && error.statusCode === 403) || !ports.writer) throw error;
          return { pool: await fromDataPlane(), route: "data-plane" };
        }
      };
      const [{ pool, route: planRoute }, nodes] = await Promise.all([
        readPool(),
        ports.reader.listNodes(poolId),
      ]);
      const runningTasks = nodes.reduce((sum, node) => sum + node.runningTasksCount, 0);
      return cyclePlan({ pool, runningTasks, route: planRoute, ...choice });
    },
    start(plan) {
      if (running.has(plan.poolId)) return;
      run(plan);
    },
    finish(poolId) {
      const unfinished = unfinishedOf(poolId);
      if (unfinished && !running.has(poolId)) run(unfinished.plan, unfinished);
    },
    async abandon(poolId) {
      const unfinished = unfinishedOf(poolId);
      if (!unfinished) return;
      let now = "as it is";
      if (route) {
        try {
          const reading = await readCyclePool(ports, unfinished.plan.route, poolId);
          now = `${reading.allocationState} with ${reading.current.dedicated} dedicated and ${reading.current.spot} spot nodes`;
        } catch (error) {
          now = `as it is (not read: ${describeError(error)})`;
        }
      }
      await abandonCycle(unfinished, attempts, now);
      set(poolId, undefined);
    },
    async loadUnfinished() {
      const found = unfinishedCycles(await attempts.journal.recent(journalLines), account);
      for (const unfinished of found)
        if (!running.has(unfinished.plan.poolId))
          set(unfinished.plan.poolId, {
            kind: "unfinished",
            unfinished,
            reason: unfinishedReason(unfinished),
          });
      return found;
    },
    stop() {
      const pools = [...running.keys()];
      for (const controller of running.values()) controller.abort(new Error("batchtop stopped"));
      running.clear();
      return pools;
    },
  };
  return tracker;
}
