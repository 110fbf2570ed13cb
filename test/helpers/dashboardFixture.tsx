import { afterEach, before } from "node:test";
import { loadTheme } from "../../src/cli/config/loadTheme.js";
import { createActionRunner, type ActionRunner } from "../../src/actions/actionRunner.js";
import { createPoolIdentities } from "../../src/actions/poolIdentities.js";
import type { BatchWriter } from "../../src/azure/batchWriter.js";
import type { IdentityReader } from "../../src/azure/identityReader.js";
import type { AuditEntry, AuditJournal } from "../../src/actions/auditJournal.js";
import { planAttempt, createAttemptLog, type AttemptLog } from "../../src/actions/attemptLog.js";
import type { CycleTracker } from "../../src/actions/cycleTracker.js";
import type { ActionPlan } from "../../src/model/actions/actionPlan.js";
import type { KeyOverrides } from "../../src/model/keymap/rebinding.js";
import { createKeymap } from "../../src/model/keymap/keymap.js";
import type { NodeSummary } from "../../src/model/nodes.js";
import type { TailSnapshot } from "../../src/model/tailSnapshot.js";
import type { TaskRow } from "../../src/model/tasks.js";
import type { Theme } from "../../src/model/theme/theme.js";
import type { DashboardServices } from "../../src/ui/services.js";
import { ThemedDashboard } from "../../src/ui/runDashboard.js";
import { ClockContext, type ScreenClock } from "../../src/ui/hooks/useClock.js";
import { fakeDashboardStore, type FakeAccount, type FakeStore } from "./fakeDashboardStore.js";
import { nodeSummary, poolSummary } from "./modelFixtures.js";
import type { FakePoolArm } from "./fakePoolArm.js";
import { renderTerminal, type Terminal } from "./renderTerminal.js";

export const runIds = {
  failedExit: "0b6e3c1a-1111-4aaa-8aaa-000000000001",
  failedAccess: "0b6e3c1a-2222-4aaa-8aaa-000000000002",
  running: "0b6e3c1a-3333-4aaa-8aaa-000000000003",
  succeeded: "0b6e3c1a-4444-4aaa-8aaa-000000000004",
  elsewhere: "0b6e3c1a-5555-4aaa-8aaa-000000000005",
} as const;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function task(id: string, extra: Partial<TaskRow>): TaskRow {
  return { id, state: "completed", retryCount: 0, requeueCount: 0, ...extra };
}

function node(id: string, state: string, minutes: number, extra: Partial<NodeSummary> = {}): NodeSummary {
  return { ...nodeSummary(id, state), stateTransitionTime: minutesAgo(minutes), ...extra };
}

export function tail(lines: string[], extra: Partial<TailSnapshot> = {}): TailSnapshot {
  const size = lines.reduce((sum, line) => sum + line.length + 1, 0);
  return {
    source: { kind: "node", location: "adfv2-etl/task/stdout.txt" },
    offset: size,
    size,
    bytesRead: size,
    skippedBytes: 0,
    lines,
    partialLine: "",
    ...extra,
  };
}

/**
 * The account the UI tests look at: a healthy pool and a troubled one (a resize error, a node stuck
 * starting for 40 minutes, an unusable node), the ADF jobs of both and one job of another kind.
 */
export function incidentAccount(): FakeAccount {
  return {
    pools: [
      poolSummary("etl-ok"),
      poolSummary("etl-bad", {
        allocationState: "resizing",
        currentDedicatedNodes: 3,
        targetDedicatedNodes: 8,
        resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
      }),
    ],
    nodeCounts: [
      { poolId: "etl-ok", byState: { idle: 2 }, total: 2 },
      { poolId: "etl-bad", byState: { running: 1, starting: 1, unusable: 1 }, total: 3 },
    ],
    jobs: [
      { id: "nightly-report", state: "active", priority: 0, poolId: "etl-ok" },
      { id: "adfv2-etl-ok", state: "active", priority: 0 },
      { id: "adfv2-etl-bad", state: "active", priority: 0 },
    ],
    nodesByPool: {
      "etl-ok": [node("tvm-ok-1", "idle", 5), node("tvm-ok-2", "idle", 6)],
      "etl-bad": [
        node("tvm-bad-run", "running", 3, { runningTasksCount: 1 }),
        node("tvm-bad-stuck", "starting", 40),
        node("tvm-bad-broken", "unusable", 12, {
          errors: [{ code: "ApplicationPackageError", message: "x" }],
        }),
      ],
    },
    tasksByJob: {
      "adfv2-etl-bad": [
        task(runIds.failedExit, {
          result: "failure",
          exitCode: 1,
          failure: { category: "usererror", code: "FailureExitCode" },
          nodeId: "tvm-bad-run",
          startTime: minutesAgo(9),
          endTime: minutesAgo(8),
          stateTransitionTime: minutesAgo(8),
        }),
        task(runIds.failedAccess, {
          result: "failure",
          failure: { category: "usererror", code: "ResourceContainerAccessDenied" },
          nodeId: "tvm-bad-broken",
          stateTransitionTime: minutesAgo(7),
        }),
        task(runIds.running, {
          state: "running",
          nodeId: "tvm-bad-run",
          startTime: minutesAgo(2),
          stateTransitionTime: minutesAgo(2),
        }),
        task(runIds.succeeded, {
          result: "success",
          exitCode: 0,
          nodeId: "tvm-bad-run",
          startTime: minutesAgo(20),
          endTime: minutesAgo(15),
          stateTransitionTime: minutesAgo(15),
        }),
      ],
      "adfv2-etl-ok": [task(runIds.elsewhere, { result: "success", exitCode: 0, nodeId: "tvm-ok-1" })],
    },
    countsByJob: { "adfv2-etl-bad": { active: 0, running: 1, completed: 3, succeeded: 1, failed: 2 } },
    tails: {
      [`adfv2-etl-bad/${runIds.failedExit}/stdout`]: tail([
        "loading rows",
        "ERROR: column demand_id missing",
        "exit 1",
      ]),
      [`adfv2-etl-bad/${runIds.failedExit}/stderr`]: tail(
        ["Traceback (most recent call last):", "KeyError: 'demand_id'"],
        {
          source: { kind: "adfjobs", location: `adfjobs/${runIds.failedExit}/output/stderr.txt` },
        },
      ),
    },
  };
}

/**
 * One ADF job larger than what batchtop holds (a small stand-in for the scale scenario's 100,000-task
 * job): Batch counts 1,000 tasks, 136 of them failed; the store holds the newest 300, among which 30
 * failed; the failed-task filter answers all 136, the oldest `oldestFailure`.
 */
export function bigJobAccount(): FakeAccount {
  const jobId = "adfv2-etl-pool-00";
  const id = (index: number) => `0b6e3c1a-9999-4aaa-8aaa-${String(index).padStart(12, "0")}`;
  const at = (index: number) => new Date(Date.now() - (1000 - index) * 60_000);
  const failed = (index: number) => index % 10 === 3 || index < 40;
  const row = (index: number): TaskRow =>
    task(id(index), {
      result: failed(index) ? "failure" : "success",
      exitCode: failed(index) ? 2 : 0,
      ...(failed(index) ? { failure: { category: "usererror", code: "FailureExitCode" } } : {}),
      stateTransitionTime: at(index),
    });
  const all = Array.from({ length: 1000 }, (_, index) => row(index));
  const failures = all.filter((entry) => entry.result === "failure");
  return {
    pools: [poolSummary("etl-pool-00")],
    nodeCounts: [{ poolId: "etl-pool-00", byState: { idle: 2 }, total: 2 }],
    jobs: [{ id: jobId, state: "active", priority: 0 }],
    tasksByJob: { [jobId]: all.slice(700).reverse() },
    partialJobs: [jobId],
    countsByJob: {
      [jobId]: {
        active: 0,
        running: 0,
        completed: 1000,
        succeeded: 1000 - failures.length,
        failed: failures.length,
      },
    },
    failedTasksByJob: { [jobId]: failures.reverse() },
  };
}

export const oldestFailure = "0b6e3c1a-9999-4aaa-8aaa-000000000000";

export interface DashboardHarness {
  terminal: Terminal;
  store: FakeStore;
  saved: { name: string; lines: readonly string[] }[];
  /** The plans the dashboard sent, in order. */
  sent: ActionPlan[];
  journal: AuditEntry[];
}

export interface HarnessOptions {
  account?: FakeAccount;
  columns?: number;
  rows?: number;
  readOnlySource?: string;
  keys?: KeyOverrides;
  find?: string;
  /** `batchtop --since`: the window `:changes` opens on. */
  since?: number;
  themes?: Record<string, Theme>;
  /** The service's words when it refuses every action. */
  refuseActions?: string;
  /** What the data's source says about itself, as `batchtop demo` passes its simulator's exit. */
  notice?: Promise<string>;
  /** The node cycles, built on the harness's attempt log (see fakeCyclePorts.ts). */
  cycles?: (attempts: AttemptLog) => CycleTracker;
  /** Lines already in the audit journal when the dashboard starts: an earlier session's. */
  journal?: AuditEntry[];
  /**
   * Pool management through ARM, in memory: `I` reads and sends pool identities through the real
   * PoolIdentities service and action runner over these fakes.
   */
  arm?: { pools: FakePoolArm; identityReader?: IdentityReader };
  /** The screen's clock, and the time the fake store stamps its data with (else the real clock). */
  clock?: ScreenClock;
}

/** Identity changes never reach the data plane: a call here is a wiring mistake the test should see. */
const noBatchWrites: BatchWriter = {
  resizePool: () => Promise.reject(new Error("not a Batch write")),
  stopPoolResize: () => Promise.reject(new Error("not a Batch write")),
  rebootNode: () => Promise.reject(new Error("not a Batch write")),
  disableNodeScheduling: () => Promise.reject(new Error("not a Batch write")),
  enableNodeScheduling: () => Promise.reject(new Error("not a Batch write")),
  removeNodes: () => Promise.reject(new Error("not a Batch write")),
  reimageNode: () => Promise.reject(new Error("not a Batch write")),
  reactivateTask: () => Promise.reject(new Error("not a Batch write")),
  terminateTask: () => Promise.reject(new Error("not a Batch write")),
  enableAutoScale: () => Promise.reject(new Error("not a Batch write")),
};

/**
 * What every dashboard test file starts with: the dark theme, loaded once, and the dashboard drawn
 * by the last test unmounted after it (a test that fails mid-way must not leave timers running).
 * Returns how to draw one.
 */
export function dashboardTestHooks(): (options?: HarnessOptions) => DashboardHarness {
  let theme: Theme | undefined;
  let harness: DashboardHarness | undefined;
  before(async () => {
    theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  });
  afterEach(() => harness?.terminal.unmount());
  return (options = {}) => {
    if (!theme) throw new Error("the theme loads in a before hook: draw dashboards inside tests");
    harness = renderDashboard(theme, options);
    return harness;
  };
}

/** The dashboard on a fake account in a fake terminal: keys in, frames out. */
export function renderDashboard(theme: Theme, options: HarnessOptions = {}): DashboardHarness {
  const { clock } = options;
  const store = fakeDashboardStore(options.account ?? incidentAccount(), clock ? clock.now : undefined);
  const saved: DashboardHarness["saved"] = [];
  const sent: ActionPlan[] = [];
  const journal: AuditEntry[] = [...(options.journal ?? [])];
  const audit: AuditJournal = {
    shownAs: "~/.local/state/batchtop/audit.jsonl",
    append: async (entry) => {
      journal.push(entry);
    },
    recent: async (limit) => [...journal].reverse().slice(0, limit),
  };
  const attempts = createAttemptLog(audit, "contoso-batch", () => new Date("2026-11-22T03:00:00.000Z"));
  const poolIdentities = options.arm
    ? createPoolIdentities({
        management: options.arm.pools.management,
        manager: options.arm.pools.manager,
        ...(options.arm.identityReader ? { identityReader: options.arm.identityReader } : {}),
      })
    : undefined;
  const identityRunner = poolIdentities && createActionRunner(noBatchWrites, attempts, poolIdentities);
  const actions: ActionRunner = {
    execute: async (plan) => {
      sent.push(plan);
      if (identityRunner && (plan.kind === "attach-identity" || plan.kind === "detach-identity"))
        return identityRunner.execute(plan);
      if (options.refuseActions) {
        await attempts.record(planAttempt(plan), "failed", { error: options.refuseActions });
        throw new Error(options.refuseActions);
      }
      await attempts.record(planAttempt(plan), "sent");
      return {};
    },
  };
  const themes = options.themes ?? { [theme.name]: theme };
  const services: DashboardServices = {
    themes: {
      names: Object.keys(themes),
      load: async (name) => {
        const found = themes[name];
        if (!found) throw new Error(`unknown theme ${name}`);
        return found;
      },
    },
    saveLog: async (name, lines) => {
      saved.push({ name, lines });
      return `~/.local/state/batchtop/${name}`;
    },
    attempts,
    ...(options.cycles ? { cycles: options.cycles(attempts) } : {}),
    ...(poolIdentities ? { poolIdentities } : {}),
    // As the CLI wires it: no way to send anything in read-only mode.
    ...(options.readOnlySource === undefined ? { actions } : {}),
  };
  const { keymap } = createKeymap(options.keys ?? {}, { readOnly: options.readOnlySource !== undefined });
  const dashboard = (
    <ThemedDashboard
      store={store}
      header={{
        account: "contoso-batch",
        region: "westeurope",
        subscription: "sub-123",
        ...(options.readOnlySource ? { readOnlySource: options.readOnlySource } : {}),
      }}
      keymap={keymap}
      theme={theme}
      services={services}
      {...(options.find ? { find: options.find } : {})}
      {...(options.since !== undefined ? { since: options.since } : {})}
      {...(options.notice ? { notice: options.notice } : {})}
    />
  );
  const terminal = renderTerminal(
    clock ? <ClockContext.Provider value={clock}>{dashboard}</ClockContext.Provider> : dashboard,
    options.columns ?? 160,
    options.rows ?? 48,
  );
  return { terminal, store, saved, sent, journal };
}
