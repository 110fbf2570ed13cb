// A bad morning: transform_customers_hourly (ADF) and refresh_inventory (Synapse) fail since a
// schema change (FailureExitCode, KeyError traceback), etl-highmem-e8 is stuck resizing against the account core quota, nodes of etl-linux-d4
// turn unusable one after another, a new Windows node's start task fails, Spot nodes are preempted,
// some exports fail to upload their output and the churn scoring endpoint refuses the factory. And
// reconcile_ledger_daily's program hangs: ADF failed its activity at the 10-minute policy timeout,
// but its Batch task still runs, holding a slot of etl-linux-d4 for nothing (an orphaned task).
// And one run of compact_events, a few minutes every five, has run for 20 minutes at the hand-over:
// the same program, stuck (a hung task), with no activity timeout to end it.

import type { ComputeNodeError } from "../entities.js";
import type { ProgramSpec } from "../programs.js";
import { markNodeUnusable, preemptNode } from "../nodeLifecycle.js";
import { Random } from "../random.js";
import type { NodeRecord } from "../state.js";
import { HOUR_MS, MINUTE_MS, SECOND_MS } from "../time.js";
import type { WorldBuilder } from "./builder.js";
import { forecastDemand } from "./catalog.js";
import { addContosoPipelines } from "./contoso.js";
import type { ScenarioDefinition } from "./scenario.js";

const diskFull: ComputeNodeError[] = [
  {
    code: "DiskFull",
    message: "There is not enough disk space on the node",
    errorDetails: [
      { name: "Path", value: "/mnt/batch/tasks" },
      { name: "FreeSpaceMB", value: "38" },
    ],
  },
];

/** Waits on a lock that is never released: buffered, so its stdout stays empty too. */
const hungReconcile: ProgramSpec = {
  script: "reconcile.py",
  kind: "transform",
  durationMs: [8 * HOUR_MS, 8 * HOUR_MS],
  failureRate: 0,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: true,
};

/** Compacts the last five minutes of events: a few minutes, and it has always succeeded. */
const compactEvents: ProgramSpec = {
  script: "compact_events.py",
  kind: "transform",
  durationMs: [150 * SECOND_MS, 240 * SECOND_MS],
  failureRate: 0,
  failureStyle: "transientNetwork",
  uploadFailureRate: 0,
  buffered: false,
};

/** The same program (the same command line) stuck on one run: it would run for hours. */
const stuckCompactEvents: ProgramSpec = { ...compactEvents, durationMs: [8 * HOUR_MS, 8 * HOUR_MS] };

/** When the stuck run of compact_events started, before the hand-over. */
const compactStuckBeforeMs = 20 * MINUTE_MS;

/** Busy nodes first, so the story shows tasks being requeued. */
function busiestFirst(builder: WorldBuilder, poolId: string): NodeRecord[] {
  return [...builder.nodesIn(poolId, "running"), ...builder.nodesIn(poolId, "idle")];
}

export const incident: ScenarioDefinition = {
  description:
    "A failing pipeline with tracebacks, a pool stuck resizing on the core quota, nodes turning unusable, a start task failure and Spot preemption.",
  leadTimeMs: 60 * MINUTE_MS,
  build(builder) {
    builder.addPool({
      id: "etl-linux-d4",
      displayName: "ETL Linux (D4s v3)",
      vmSize: "standard_d4s_v3",
      os: "linux",
      dedicatedNodes: 6,
      taskSlotsPerNode: 2,
    });
    builder.addPool({
      id: "etl-highmem-e8",
      displayName: "ETL high memory (E8s v3)",
      vmSize: "standard_e8s_v3",
      os: "linux",
      dedicatedNodes: 4,
      taskSlotsPerNode: 1,
      resizeTimeout: "PT30M",
      behaviour: { stallOnQuota: true },
    });
    builder.addPool({
      id: "etl-spot-d2",
      displayName: "ETL Spot (D2s v3)",
      vmSize: "standard_d2s_v3",
      os: "linux",
      dedicatedNodes: 2,
      lowPriorityNodes: 8,
      taskSlotsPerNode: 1,
      // Spot nodes follow the queue, never below 8; the two dedicated ones stay. While fewer than 70%
      // of the last 5 minutes' samples exist (a new pool), it keeps 8.
      autoScale: {
        formula: [
          "$TargetDedicatedNodes = 2;",
          "$queue = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 70 ? 0 : max($PendingTasks.GetSample(TimeInterval_Minute * 5));",
          "$TargetLowPriorityNodes = min(16, max(8, $queue));",
          "$NodeDeallocationOption = taskcompletion;",
        ].join("\n"),
        evaluationInterval: "PT5M",
      },
    });
    builder.addPool({
      id: "etl-win-d4",
      displayName: "ETL Windows (D4s v3)",
      vmSize: "standard_d4s_v3",
      os: "windows",
      dedicatedNodes: 3,
      taskSlotsPerNode: 1,
      // The fifth node allocated to the pool gets a requirements file with a version that does not exist.
      behaviour: {
        nodeFate: ({ allocationNumber }) =>
          allocationNumber === 4 ? { kind: "startTaskFails", exitCode: 1 } : { kind: "healthy" },
      },
    });
    // 72 dedicated cores are in use; the quota leaves room for the Windows pool's two new nodes only.
    builder.setCoreQuotas({ dedicated: 80, lowPriority: 100 });

    addContosoPipelines(builder, {
      transformBreaksAtMs: builder.startMs - 35 * MINUTE_MS,
      // The same schema change reaches the Synapse workspace's inventory refresh later.
      inventoryBreaksAtMs: builder.startMs - 30 * MINUTE_MS,
      exportUploadFailureRate: 0.4,
      scoringFailureRate: 0.6,
    });
    // More partitions than the stuck pool has nodes: its queue grows while it cannot grow.
    builder.addPipeline(
      {
        name: "forecast_demand_hourly",
        host: builder.adfFactory("adf-contoso-etl"),
        poolId: "etl-highmem-e8",
        triggerName: "tr_forecast_every_10_minutes",
        everyMs: 10 * MINUTE_MS,
        activities: [
          {
            type: "Custom",
            name: "forecast_region",
            program: forecastDemand,
            fanOut: 8,
            maxTaskRetryCount: 1,
          },
        ],
      },
      3 * MINUTE_MS,
    );

    // Its one run started 25 minutes before the hand-over; ADF gave up on the activity 10 minutes in.
    builder.addPipeline(
      {
        name: "reconcile_ledger_daily",
        host: builder.adfFactory("adf-contoso-etl"),
        poolId: "etl-linux-d4",
        triggerName: "tr_reconcile_daily",
        everyMs: 24 * HOUR_MS,
        activities: [
          {
            type: "Custom",
            name: "reconcile_accounts",
            program: hungReconcile,
            fanOut: 1,
            maxTaskRetryCount: 0,
            timeoutMs: 10 * MINUTE_MS,
          },
        ],
      },
      25 * MINUTE_MS,
    );

    // Runs every 5 minutes through the lead-in hour, all succeeding (about ten runs by the hand-over,
    // the history a usual duration needs), but the one started 20 minutes before the hand-over gets
    // stuck: the breakage covers that run's start only. No policy timeout, so ADF keeps waiting.
    builder.addPipeline(
      {
        name: "compact_events",
        host: builder.adfFactory("adf-contoso-etl"),
        poolId: "etl-linux-d4",
        triggerName: "tr_compact_every_5_minutes",
        // Added after the others: its own ids keep theirs, and their runs' outcomes, as they were.
        ids: Random.derive(builder.sim.seed, "compact_events"),
        everyMs: 5 * MINUTE_MS,
        activities: [
          {
            type: "Custom",
            name: "compact_partition",
            program: compactEvents,
            fanOut: 1,
            maxTaskRetryCount: 0,
          },
        ],
        breakage: {
          fromMs: builder.startMs - compactStuckBeforeMs - MINUTE_MS,
          activityName: "compact_partition",
          program: stuckCompactEvents,
          fixedFromMs: builder.startMs - compactStuckBeforeMs + MINUTE_MS,
        },
      },
      compactStuckBeforeMs,
    );

    builder.at(-8 * MINUTE_MS, () =>
      builder.resize("etl-win-d4", { targetDedicatedNodes: 5, targetLowPriorityNodes: 0 }),
    );
    builder.at(-6 * MINUTE_MS, () =>
      builder.resize("etl-highmem-e8", { targetDedicatedNodes: 12, targetLowPriorityNodes: 0 }),
    );

    for (const minute of [1, 3, 6]) {
      builder.at(minute * MINUTE_MS, () => {
        const node = busiestFirst(builder, "etl-linux-d4")[0];
        if (node) markNodeUnusable(builder.sim, node, diskFull);
      });
    }
    builder.at(2 * MINUTE_MS, () => {
      for (const node of busiestFirst(builder, "etl-spot-d2")
        .filter((candidate) => !candidate.node.isDedicated)
        .slice(0, 3)) {
        preemptNode(builder.sim, node);
      }
    });
    builder.at(10 * MINUTE_MS, () => {
      for (const node of busiestFirst(builder, "etl-spot-d2")
        .filter((candidate) => !candidate.node.isDedicated)
        .slice(0, 2)) {
        preemptNode(builder.sim, node);
      }
    });
  },
};
