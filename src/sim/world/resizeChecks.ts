// What the service checks before it resizes a pool, shared by the data-plane resize and the ARM pool
// update: the pool must be steady, targets are non-negative integers and the timeout an ISO 8601
// duration of at least five minutes.

import type { ResizeRequest } from "./batchWorld.js";
import type { DeallocationOption } from "./nodeLifecycle.js";
import type { ResizeTargets } from "./poolResize.js";
import { invalidPropertyValue, poolBeingResized } from "./serviceErrors.js";
import type { PoolRecord } from "./state.js";
import { MINUTE_MS, parseIsoDuration } from "./time.js";

/** A resize target as the service reads it: absent means zero. */
function nodeCount(name: string, value: number | undefined): number {
  const count = value ?? 0;
  if (!Number.isInteger(count) || count < 0) {
    throw invalidPropertyValue(name, String(value), "The value must be a non-negative 32-bit integer.");
  }
  return count;
}

const deallocationOptions: readonly DeallocationOption[] = [
  "requeue",
  "terminate",
  "taskcompletion",
  "retaineddata",
];

/** A node deallocation (or reboot) option in any casing; absent means requeue. */
export function deallocationOption(option: string | undefined, propertyName: string): DeallocationOption {
  if (option === undefined) return "requeue";
  const chosen = deallocationOptions.find((candidate) => candidate === option.toLowerCase());
  if (!chosen)
    throw invalidPropertyValue(propertyName, option, `Valid values are ${deallocationOptions.join(", ")}.`);
  return chosen;
}

function checkResizeTimeout(resizeTimeout: string): void {
  const timeoutMs = parseIsoDuration(resizeTimeout);
  if (timeoutMs === undefined) {
    throw invalidPropertyValue(
      "resizeTimeout",
      resizeTimeout,
      "The value must be an ISO 8601 duration such as PT15M.",
    );
  }
  if (timeoutMs < 5 * MINUTE_MS) {
    throw invalidPropertyValue(
      "resizeTimeout",
      resizeTimeout,
      "The resize timeout must be at least 5 minutes.",
    );
  }
}

/** The targets of a resize the service would accept now, or the refusal it would answer with. */
export function checkResize(record: PoolRecord, request: ResizeRequest): ResizeTargets {
  if (record.pool.allocationState !== "steady") throw poolBeingResized();
  const targetDedicatedNodes = nodeCount("targetDedicatedNodes", request.targetDedicatedNodes);
  const targetLowPriorityNodes = nodeCount("targetLowPriorityNodes", request.targetLowPriorityNodes);
  if (request.resizeTimeout !== undefined) checkResizeTimeout(request.resizeTimeout);
  return {
    targetDedicatedNodes,
    targetLowPriorityNodes,
    ...(request.resizeTimeout !== undefined ? { resizeTimeout: request.resizeTimeout } : {}),
    ...(request.nodeDeallocationOption
      ? {
          nodeDeallocationOption: deallocationOption(
            request.nodeDeallocationOption,
            "nodeDeallocationOption",
          ),
        }
      : {}),
  };
}
