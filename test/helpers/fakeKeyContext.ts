// A fake of the key handlers' interface (src/ui/keys/keyContext.ts): the real reducer, keymap and
// model derivations, a fake store, recorded services, and no Ink. Each `press` is one key press as
// Ink reports it; the derived lists are rebuilt after it, as the next frame would.
import type { Key } from "ink";
import type { ActionRunner } from "../../src/actions/actionRunner.js";
import { createAttemptLog, type AttemptLog } from "../../src/actions/attemptLog.js";
import type { CycleTracker } from "../../src/actions/cycleTracker.js";
import type { AuditEntry } from "../../src/actions/auditJournal.js";
import type { ActionPlan } from "../../src/model/actions/actionPlan.js";
import { createKeymap } from "../../src/model/keymap/keymap.js";
import type { KeyOverrides } from "../../src/model/keymap/rebinding.js";
import { jobRows, nodeRows, poolRows, taskRows, type ListRows } from "../../src/model/navigation/listRows.js";
import { uiReducer, type UiAction } from "../../src/model/navigation/uiReducer.js";
import { initialUiState, type Flash, type UiState } from "../../src/model/navigation/uiState.js";
import type { Theme } from "../../src/model/theme/theme.js";
import type { DashboardData, ListData } from "../../src/model/views/dashboardData.js";
import { deriveJobViews } from "../../src/model/views/jobRows.js";
import { paneFocusOrder, type PaneId } from "../../src/model/views/paneLayout.js";
import { derivePoolViews } from "../../src/model/views/poolRows.js";
import { deriveTaskViews } from "../../src/model/views/taskRows.js";
import { indexById } from "../../src/model/views/viewport.js";
import type { DashboardSnapshot } from "../../src/store/dashboardStore.js";
import { handleKey } from "../../src/ui/keys/handleKey.js";
import type { KeyContext } from "../../src/ui/keys/keyContext.js";
import type { DashboardServices } from "../../src/ui/services.js";
import { fakeDashboardStore, type FakeAccount, type FakeStore } from "./fakeDashboardStore.js";
import { keyPress } from "./keyPress.js";

export interface KeyHarnessOptions {
  account: FakeAccount;
  keys?: KeyOverrides;
  /** Read-only as the policy makes it: the keymap refuses mutating keys and no runner exists. */
  readOnlySource?: string;
  /** Read-write keymap but no runner: what the handlers do if one is missing anyway. */
  withoutRunner?: boolean;
  /** Each drawn pane's outer size; every pane 60x14 unless given. */
  placements?: ReadonlyMap<PaneId, { width: number; height: number }>;
  lines?: readonly string[];
  helpLength?: number;
  /** What `I` reads pool identities through. */
  poolIdentities?: DashboardServices["poolIdentities"];
  /** The node cycles `C` plans and runs, built on the harness's attempt log. */
  cycles?: (attempts: AttemptLog) => CycleTracker;
}

export interface KeyHarness {
  readonly ctx: KeyContext;
  readonly ui: UiState;
  store: FakeStore;
  /** Every flash set, in order. */
  flashes: Flash[];
  /** The audit journal's entries: sent and refused attempts. */
  journal: AuditEntry[];
  sent: ActionPlan[];
  exits: number;
  themes: string[];
  /** One read from the terminal: a key, or a burst of them (`"jjj"`, `"pools\r"`). */
  press(input: string, key?: Partial<Key>): void;
  /** Lets the handlers' promises (sending, journal lines, `:find`) settle. */
  settle(): Promise<void>;
}

/** An Ink key press with nothing held but what is given. */
export function inkKey(extra: Partial<Key> = {}): Key {
  return {
    ...keyPress(),
    home: false,
    end: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...extra,
  };
}

/** The named keys as Ink reports them: what `press` takes. */
export const named = {
  enter: ["\r", { return: true }],
  esc: ["", { escape: true, meta: true }],
  tab: ["\t", { tab: true }],
  shiftTab: ["", { tab: true, shift: true }],
  down: ["", { downArrow: true }],
  pageDown: ["", { pageDown: true }],
  backspace: ["", { delete: true }],
} as const satisfies Record<string, readonly [string, Partial<Key>]>;

function listData<Row extends { id: string }>(
  list: ListRows<Row>,
  selectedId: string | undefined,
): ListData<Row> {
  const index = indexById(list.rows);
  const at = selectedId === undefined ? 0 : (index.get(selectedId) ?? 0);
  const selectedRow = list.rows[at];
  return selectedRow ? { ...list, index, selected: at, selectedRow } : { ...list, index, selected: 0 };
}

/** The lists as the dashboard derives them, without its caching or the larger-job cases. */
function deriveData(snapshot: DashboardSnapshot, ui: UiState): DashboardData {
  const overview = snapshot.overview.data;
  const { pools, jobs, nodes, tasks } = ui.lists;
  const poolViews = derivePoolViews({ pools: overview?.pools ?? [], nodeCounts: overview?.nodeCounts ?? [] });
  const taskViews = deriveTaskViews(snapshot.tasks.data?.rows ?? []);
  return {
    pools: listData(poolRows(poolViews, pools), pools.selectedId),
    nodes: listData(nodeRows(snapshot.nodes.data ?? [], nodes, 0), nodes.selectedId),
    jobs: listData(jobRows(deriveJobViews(overview?.jobs ?? []), jobs), jobs.selectedId),
    tasks: listData(taskRows(taskViews, tasks, new Date(), ui.taskNodeId), tasks.selectedId),
    failureSummary: "",
    taskSource: "held",
    hasPipelineContext: false,
  };
}

export function keyHarness(options: KeyHarnessOptions): KeyHarness {
  const store = fakeDashboardStore(options.account);
  const journal: AuditEntry[] = [];
  const attempts = createAttemptLog(
    {
      shownAs: "~/.local/state/batchtop/audit.jsonl",
      append: async (entry) => {
        journal.push(entry);
      },
      recent: async (limit) => [...journal].reverse().slice(0, limit),
    },
    "contoso-batch",
  );
  const sent: ActionPlan[] = [];
  const actions: ActionRunner = {
    execute: async (plan) => {
      sent.push(plan);
      await attempts.record({ action: plan.kind, target: "", changes: [] }, "sent");
      return {};
    },
  };
  const readOnly = options.readOnlySource !== undefined;
  const { keymap } = createKeymap(options.keys ?? {}, { readOnly });
  const placements =
    options.placements ?? new Map(paneFocusOrder.map((pane) => [pane, { width: 60, height: 14 }] as const));
  let ui = initialUiState;
  const flashes: Flash[] = [];
  const harness = {
    store,
    flashes,
    journal,
    sent,
    exits: 0,
    themes: [] as string[],
    get ui() {
      return ui;
    },
  };
  const dispatch = (action: UiAction) => {
    ui = uiReducer(ui, action);
    if (action.type === "flash" && action.flash) flashes.push(action.flash);
  };
  const ctx: KeyContext = {
    get ui() {
      return ui;
    },
    dispatch,
    data: deriveData(store.getSnapshot(), ui),
    snapshot: store.getSnapshot(),
    store,
    keymap,
    services: {
      themes: {
        names: ["dark", "light"],
        load: async (name) => {
          harness.themes.push(name);
          return { name } as Theme;
        },
      },
      saveLog: async (name) => `~/.local/state/batchtop/${name}`,
      attempts,
      ...(readOnly || options.withoutRunner ? {} : { actions }),
      ...(options.poolIdentities ? { poolIdentities: options.poolIdentities } : {}),
      ...(options.cycles ? { cycles: options.cycles(attempts) } : {}),
    },
    setTheme: () => {},
    exit: () => {
      harness.exits += 1;
    },
    placements,
    lines: options.lines ?? [],
    details: [],
    helpLength: options.helpLength ?? 40,
    ...(options.readOnlySource ? { readOnlySource: options.readOnlySource } : {}),
  };
  /** What the next frame does: poll what is selected, derive the lists again. */
  const redraw = () => {
    ctx.data = deriveData(store.getSnapshot(), ui);
    const poolId = ctx.data.pools.selectedRow?.id;
    const jobId = ctx.data.jobs.selectedRow?.id;
    if (poolId !== store.getSnapshot().focus.poolId || jobId !== store.getSnapshot().focus.jobId)
      store.setFocus({ ...(poolId ? { poolId } : {}), ...(jobId ? { jobId } : {}) });
    ctx.snapshot = store.getSnapshot();
    ctx.data = deriveData(ctx.snapshot, ui);
  };
  redraw();
  return Object.assign(harness, {
    ctx,
    press(input: string, key: Partial<Key> = {}) {
      handleKey(ctx, input, inkKey(key));
      redraw();
    },
    async settle() {
      await new Promise((resolve) => setImmediate(resolve));
      redraw();
    },
  });
}
