// The node actions of an incident: scheduling off and on, removal from the pool, reimage. Each acts
// on one node or on the marked nodes of a pool, is refused here where Batch would refuse it, and is
// described for its confirmation (the node list, what happens to running tasks).
import type { NodeSummary } from "../nodes.js";
import type { NodeDeallocationOption, PoolSummary } from "../pools.js";
import type { PlanDescription } from "./planDescription.js";
import {
  deallocationEffects,
  deallocationOptions,
  nextOption,
  schedulingOffOptions,
  type SchedulingOffOption,
} from "./deallocation.js";

export type NodePlan =
  | {
      kind: "disable-scheduling";
      poolId: string;
      nodeIds: string[];
      option: SchedulingOffOption;
      runningTasks: number;
    }
  | { kind: "enable-scheduling"; poolId: string; nodeIds: string[] }
  | {
      kind: "remove-nodes";
      poolId: string;
      nodeIds: string[];
      option: NodeDeallocationOption;
      runningTasks: number;
    }
  | {
      kind: "reimage";
      poolId: string;
      nodeIds: string[];
      option: NodeDeallocationOption;
      runningTasks: number;
    };

export type NodeActionKind = NodePlan["kind"];

/** The node plans that say what becomes of running tasks. */
export type WithRunningTaskChoice = Exclude<NodePlan, { kind: "enable-scheduling" }>;

/** Pool_RemoveNodes takes at most this many nodes in one request (NodeRemoveParameter.nodeList). */
export const maxRemovedNodes = 100;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Why Batch would refuse the action on this node, or undefined when it would take it. */
function nodeProblem(kind: NodeActionKind, node: NodeSummary): string | undefined {
  const state = node.state.toLowerCase();
  const scheduling = node.schedulingState.toLowerCase();
  switch (kind) {
    case "disable-scheduling":
      return scheduling === "enabled"
        ? undefined
        : `${node.id}'s scheduling is already ${node.schedulingState}; Batch disables it only where it is enabled`;
    case "enable-scheduling":
      return scheduling === "disabled"
        ? undefined
        : `${node.id}'s scheduling is already ${node.schedulingState}; Batch enables it only where it is disabled`;
    case "remove-nodes":
      return state === "leavingpool" ? `${node.id} is already leaving the pool` : undefined;
    case "reimage":
      return state === "idle" || state === "running"
        ? undefined
        : `${node.id} is ${node.state}; Batch reimages a node that is idle or running`;
  }
}

/**
 * The plan of a node action on `nodes` (the marked nodes, or the selected one), or why Batch would
 * refuse it: the first node it would refuse, and how many more.
 */
export function nodePlan(
  kind: NodeActionKind,
  pool: PoolSummary,
  nodes: readonly NodeSummary[],
): { plan: NodePlan } | { problem: string } {
  if (nodes.length === 0) return { problem: "no node selected" };
  const refused = nodes.flatMap((node) => nodeProblem(kind, node) ?? []);
  const [first] = refused;
  if (first !== undefined)
    return {
      problem: refused.length > 1 ? `${first} (and ${plural(refused.length - 1, "more node")})` : first,
    };
  const poolId = pool.id;
  const nodeIds = nodes.map((node) => node.id);
  const runningTasks = nodes.reduce((sum, node) => sum + node.runningTasksCount, 0);
  switch (kind) {
    case "disable-scheduling":
      return { plan: { kind, poolId, nodeIds, option: "requeue", runningTasks } };
    case "enable-scheduling":
      return { plan: { kind, poolId, nodeIds } };
    case "remove-nodes": {
      if (pool.allocationState.toLowerCase() !== "steady")
        return {
          problem: `${poolId} is ${pool.allocationState}; Batch removes nodes only from a steady pool (stop the resize first)`,
        };
      if (nodeIds.length > maxRemovedNodes)
        return {
          problem: `${nodeIds.length} nodes marked; Batch removes at most ${maxRemovedNodes} in one request`,
        };
      return { plan: { kind, poolId, nodeIds, option: "requeue", runningTasks } };
    }
    case "reimage":
      return { plan: { kind, poolId, nodeIds, option: "requeue", runningTasks } };
  }
}

/** Whether the plan's dialog asks what becomes of running tasks: a node action other than enabling. */
export function hasRunningTaskChoice(plan: { kind: string }): plan is WithRunningTaskChoice {
  return plan.kind === "disable-scheduling" || plan.kind === "remove-nodes" || plan.kind === "reimage";
}

/** The options a node plan's dialog offers for its running tasks: Batch's enum for the operation. */
export function nodePlanOptions(plan: WithRunningTaskChoice): readonly NodeDeallocationOption[] {
  return plan.kind === "disable-scheduling" ? schedulingOffOptions : deallocationOptions;
}

/** The same plan with the next (`step` 1) or previous (-1) option for its running tasks. */
export function stepNodePlanOption(plan: WithRunningTaskChoice, step: number): WithRunningTaskChoice {
  return plan.kind === "disable-scheduling"
    ? { ...plan, option: nextOption(schedulingOffOptions, plan.option, step) }
    : { ...plan, option: nextOption(deallocationOptions, plan.option, step) };
}

const nodesText = (plan: NodePlan) =>
  plan.nodeIds.length === 1 ? `node ${plan.nodeIds[0]}` : `${plan.nodeIds.length} nodes`;

/** The object a node plan acts on, for the journal: every node by id. */
export function nodePlanTarget(plan: NodePlan): string {
  const [only] = plan.nodeIds;
  return plan.nodeIds.length === 1 && only !== undefined
    ? `node ${only} of pool ${plan.poolId}`
    : `nodes ${plan.nodeIds.join(", ")} of pool ${plan.poolId}`;
}

/** The running tasks at stake, and what the option does to them. */
function runningLine(plan: WithRunningTaskChoice): string {
  return `running tasks (${plan.option}): ${deallocationEffects[plan.option]}`;
}

/**
 * How many tasks are at stake, in the danger line. What becomes of them is the change line's to say
 * (runningLine), so the danger does not repeat it.
 */
function runningDanger(plan: WithRunningTaskChoice): string | undefined {
  if (plan.runningTasks === 0) return undefined;
  return `${plural(plan.runningTasks, "task")} running now (${plan.option})`;
}

export function describeNodePlan(plan: NodePlan): PlanDescription {
  const which = nodesText(plan);
  // Every node by id: the confirmation lists what will change, marks included.
  const list = plan.nodeIds.length > 1 ? [`nodes: ${plan.nodeIds.join(", ")}`] : [];
  const withDanger = (description: PlanDescription, danger: string | undefined) =>
    danger === undefined ? description : { ...description, danger };
  switch (plan.kind) {
    case "disable-scheduling":
      return withDanger(
        {
          title: `Disable scheduling on ${which} of pool ${plan.poolId}`,
          changes: [
            ...list,
            `${which} take${plan.nodeIds.length === 1 ? "s" : ""} no new tasks`,
            runningLine(plan),
          ],
          note: "the node stays in the pool, and is paid for, until scheduling is enabled again or it is removed",
          apply: "Disable",
        },
        runningDanger(plan),
      );
    case "enable-scheduling":
      return {
        title: `Enable scheduling on ${which} of pool ${plan.poolId}`,
        changes: [...list, `${which} take${plan.nodeIds.length === 1 ? "s" : ""} tasks again`],
        apply: "Enable",
      };
    case "remove-nodes":
      return {
        title: `Remove ${which} from pool ${plan.poolId}`,
        changes: [
          ...list,
          `${which} leave${plan.nodeIds.length === 1 ? "s" : ""} the pool, and its target drops by ${plan.nodeIds.length}`,
          runningLine(plan),
        ],
        danger: runningDanger(plan) ?? "the pool does not replace them; resize it to get nodes back",
        apply: "Remove",
      };
    case "reimage":
      return {
        title: `Reimage ${which} of pool ${plan.poolId}`,
        changes: [
          ...list,
          `${which}: the operating system is reinstalled and the node starts again`,
          runningLine(plan),
        ],
        danger: `files on the node are lost, task directories included${plan.runningTasks > 0 ? `; ${runningDanger(plan)}` : ""}`,
        apply: "Reimage",
      };
  }
}
