// What becomes of a node's running tasks when it leaves the pool, reboots, is reimaged or stops
// taking tasks: the service's options in the operator's words, shared by every dialog that offers
// them (resize, node cycle, remove, reimage, scheduling off) so the words cannot drift apart.
import type { NodeDeallocationOption } from "../pools.js";

/** ComputeNodeDeallocationOption (resize, removeNodes) and ComputeNodeReimageOption, in the dialogs' order. */
export const deallocationOptions = ["requeue", "taskcompletion", "retaineddata", "terminate"] as const;

/** DisableComputeNodeSchedulingOption: the same choice without retaineddata. */
export const schedulingOffOptions = ["requeue", "taskcompletion", "terminate"] as const;
export type SchedulingOffOption = (typeof schedulingOffOptions)[number];

/** One line on each option: what happens to the tasks running on the node. */
export const deallocationEffects: Readonly<Record<NodeDeallocationOption, string>> = {
  requeue: "running tasks stop now and run again from the start elsewhere",
  taskcompletion: "running tasks finish first; no new ones start there",
  retaineddata: "running tasks finish, their data kept until retention ends",
  terminate: "running tasks stop now and end as failed, not run again",
};

/** Whether the option lets running tasks finish before the node goes. */
export const waitsForTasks = (option: NodeDeallocationOption) =>
  option === "taskcompletion" || option === "retaineddata";

/** The next option of `options` after `current`, `step` of 1 or -1 (←, →). */
export function nextOption<T extends string>(options: readonly T[], current: T, step: number): T {
  const at = Math.max(0, options.indexOf(current));
  const count = options.length;
  return options[(at + step + count) % count] ?? current;
}
