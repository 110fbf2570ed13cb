// A large account for benchmarks: 50 pools of 100 nodes (5,000 nodes) and 200,000 tasks, one job
// holding 100,000 of them. The past week's tasks are laid down as already completed (their output is
// generated on read); a few hundred per job are queued and start running in the lead-in.

import { rememberRecentTask } from "../nodeState.js";
import type { ProgramSpec } from "../programs.js";
import { Random } from "../random.js";
import type { TaskOrigin } from "../taskOrigin.js";
import type { JobRecord, NodeRecord } from "../state.js";
import { createTask } from "../taskExecution.js";
import { addCompletedTask } from "../taskSeeding.js";
import { DAY_MS, MINUTE_MS } from "../time.js";
import type { WorldBuilder } from "./builder.js";
import { ingestSales, transformCustomers } from "./catalog.js";
import type { ScenarioDefinition } from "./scenario.js";

export const scalePoolCount = 50;
export const scaleNodesPerPool = 100;
export const scaleTaskCount = 200_000;
export const scaleBigJobTaskCount = 100_000;

const spotNodesPerPool = 10;
/** Tasks that share one pipeline run (and so one pipeline run id) in the laid-down past. */
const tasksPerRun = 20;
const history = DAY_MS * 7;

/** Long-running programs, so the tasks started in the lead-in are still running at the hand-over. */
const longIngest: ProgramSpec = {
  ...ingestSales,
  durationMs: [15 * MINUTE_MS, 60 * MINUTE_MS],
  failureRate: 0.015,
};
const longTransform: ProgramSpec = {
  ...transformCustomers,
  durationMs: [15 * MINUTE_MS, 60 * MINUTE_MS],
  failureRate: 0.02,
};

const pipelines: readonly { name: string; activityName: string; program: ProgramSpec }[] = [
  { name: "ingest_sales_daily", activityName: "ingest_partition", program: longIngest },
  { name: "ingest_orders_hourly", activityName: "ingest_partition", program: longIngest },
  { name: "transform_customers_hourly", activityName: "transform_customers", program: longTransform },
  { name: "transform_inventory_daily", activityName: "transform_inventory", program: longTransform },
];

function poolId(index: number): string {
  return `etl-pool-${String(index).padStart(2, "0")}`;
}

function layDownTasks(
  builder: WorldBuilder,
  rng: Random,
  job: JobRecord,
  completed: number,
  queued: number,
): void {
  const { sim } = builder;
  const host = builder.adfFactory("adf-contoso-scale");
  const nodes: NodeRecord[] = [...job.pool.nodeRecords.values()];
  const windowStart = sim.nowMs - history;
  const spacing = history / (completed + 1);
  let origin: TaskOrigin | undefined;
  let pipeline = pipelines[0]!;
  for (let index = 0; index < completed + queued; index++) {
    if (index % tasksPerRun === 0) {
      pipeline = rng.pick(pipelines);
      origin = {
        host,
        pipelineName: pipeline.name,
        pipelineRunId: rng.guid(),
        activityName: pipeline.activityName,
      };
    }
    const spec = { id: rng.guid(), program: pipeline.program, origin: origin!, maxTaskRetryCount: 0 };
    if (index < completed) {
      const endMs = Math.round((windowStart + (index + 1) * spacing) / 1000) * 1000;
      addCompletedTask(sim, job, spec, nodes[index % nodes.length]!, endMs);
    } else {
      createTask(sim, job, spec);
    }
  }
  for (const node of nodes) {
    for (const task of node.taskDirectories.slice(-5)) rememberRecentTask(node, task);
  }
}

/** How big a scale world is: the benchmarks' is `scale`; a test can prove the same with less. */
export interface ScaleSize {
  pools: number;
  /** More than the 10 spot nodes each pool has. */
  nodesPerPool: number;
  /** Across every job; the first pool's job holds `bigJobTasks` of them. */
  tasks: number;
  /** More than the 600 of them queued. */
  bigJobTasks: number;
}

/** A scale world of the given size: every pool and job alike but the first job's share of tasks. */
export function scaleScenario(size: ScaleSize): ScenarioDefinition {
  const { pools, nodesPerPool, tasks, bigJobTasks } = size;
  return {
    description: `${pools} pools, ${(pools * nodesPerPool).toLocaleString("en-US")} nodes and ${tasks.toLocaleString("en-US")} tasks (one job holds ${bigJobTasks.toLocaleString("en-US")}), mostly completed, for benchmarks.`,
    leadTimeMs: 10 * MINUTE_MS,
    build(builder) {
      builder.setCoreQuotas({ dedicated: 20_000, lowPriority: 5_000 });
      const rng = Random.derive(builder.sim.seed, "scale");
      const otherJobs = pools - 1;
      const otherTasks = tasks - bigJobTasks;
      for (let index = 0; index < pools; index++) {
        const pool = builder.addPool({
          id: poolId(index),
          vmSize: "standard_d2s_v3",
          os: "linux",
          dedicatedNodes: nodesPerPool - spotNodesPerPool,
          lowPriorityNodes: spotNodesPerPool,
          taskSlotsPerNode: 2,
          // One pool sized by a formula, so a scale world shows autoscale too: at least its 90
          // dedicated nodes, up to 120 when the queue needs more (two task slots a node).
          ...(index === 1
            ? {
                autoScale: {
                  formula: [
                    "$busy = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 70 ? 0 : max($PendingTasks.GetSample(TimeInterval_Minute * 5));",
                    `$TargetDedicatedNodes = min(120, max(${nodesPerPool - spotNodesPerPool}, $busy / 2));`,
                    `$TargetLowPriorityNodes = ${spotNodesPerPool};`,
                  ].join("\n"),
                },
              }
            : {}),
        });
        const job = builder.sim.jobRecords.get(`adfv2-${pool.pool.id}`)!;
        const total =
          index === 0
            ? bigJobTasks
            : Math.floor(otherTasks / otherJobs) + (index - 1 < otherTasks % otherJobs ? 1 : 0);
        const queued = index === 0 ? 600 : 60;
        layDownTasks(builder, rng, job, total - queued, queued);
      }
    },
  };
}

export const scale: ScenarioDefinition = scaleScenario({
  pools: scalePoolCount,
  nodesPerPool: scaleNodesPerPool,
  tasks: scaleTaskCount,
  bigJobTasks: scaleBigJobTaskCount,
});
