// The Batch service's refusals of the mutations the world supports, with the codes, statuses and
// messages of "Batch Status and Error Codes" (learn.microsoft.com/rest/api/batchservice/
// batch-status-and-error-codes). The data-plane routes render them in the service's wire shape.

import { SimServiceError } from "../http/serviceError.js";

const conflict = (code: string, message: string, reason?: string) =>
  new SimServiceError(409, code, message, reason ? [{ key: "Reason", value: reason }] : []);

export const poolNotFound = () =>
  new SimServiceError(404, "PoolNotFound", "The specified pool does not exist.");
export const nodeNotFound = () =>
  new SimServiceError(404, "NodeNotFound", "The specified node does not exist.");
export const jobNotFound = () => new SimServiceError(404, "JobNotFound", "The specified job does not exist.");
export const taskNotFound = () =>
  new SimServiceError(404, "TaskNotFound", "The specified task does not exist.");
export const applicationNotFound = () =>
  new SimServiceError(404, "ApplicationNotFound", "The specified application does not exist.");

export const invalidPropertyValue = (name: string, value: string, reason: string) =>
  new SimServiceError(
    400,
    "InvalidPropertyValue",
    "The value provided for one of the properties in the request body is invalid.",
    [
      { key: "PropertyName", value: name },
      { key: "PropertyValue", value },
      { key: "Reason", value: reason },
    ],
  );

export const poolBeingResized = () => conflict("PoolBeingResized", "The specified pool is being resized");

/** Pool_StopResize on a pool with no resize to stop. */
export const poolNotResizing = () => conflict("PoolNotResizing", "The specified pool is not resizing");

/** Disabling scheduling where it is disabled, or enabling it where it is enabled. */
export const nodeAlreadyInTargetSchedulingState = () =>
  conflict(
    "NodeAlreadyInTargetSchedulingState",
    "The specified node is already in the target scheduling state",
  );

/** The application or version (or, with none given, a default version) does not exist or is not active. */
export const invalidApplicationPackageReferences = () =>
  conflict(
    "InvalidApplicationPackageReferences",
    "One or more application package references could not be satisfied.",
  );

/** The service answers a resize of an autoscaling pool with 409; the documented code for it is the generic one. */
export const autoScaleEnabled = () =>
  conflict(
    "OperationInvalidForCurrentState",
    "The specified operation is not valid for the current state of the resource.",
    "The pool has automatic scaling enabled; disable it before resizing the pool.",
  );

/**
 * Pool_EvaluateAutoScale on a pool without autoscale ("The Pool must have auto scaling enabled in order
 * to evaluate a formula"): no dedicated code is published, so the generic one, as for a resize.
 */
export const autoScaleNotEnabled = () =>
  conflict(
    "OperationInvalidForCurrentState",
    "The specified operation is not valid for the current state of the resource.",
    "The pool does not have automatic scaling enabled.",
  );

/** Pool_EnableAutoScale with a formula that does not parse: BatchErrorCodeStrings and the error code table. */
export const autoScalingFormulaSyntaxError = (reason: string) =>
  new SimServiceError(
    400,
    "AutoScalingFormulaSyntaxError",
    "The specified auto-scaling formula has a syntax error.",
    [{ key: "Reason", value: reason }],
  );

/** Pool_EnableAutoScale on a pool without autoscale and without a formula. */
export const invalidAutoScalingSettings = (reason: string) =>
  new SimServiceError(
    400,
    "InvalidAutoScalingSettings",
    "The specified auto-scaling settings are not valid.",
    [{ key: "Reason", value: reason }],
  );

/** "Enable AutoScale requests for the same pool must be separated by at least 30 seconds" (BatchErrorCodeStrings). */
export const tooManyEnableAutoScaleRequests = () =>
  conflict(
    "TooManyEnableAutoScaleRequests",
    "Enable AutoScale requests for the same pool must be separated by at least 30 seconds.",
  );

/** Why a node in `state` cannot be rebooted or reimaged: the service's per-state codes. */
export function nodeNotRebootable(state: string): SimServiceError {
  switch (state) {
    case "creating":
      return conflict("NodeBeingCreated", "The specified node is being created");
    case "starting":
    case "waitingforstarttask":
      return conflict("NodeBeingStarted", "The specified node is being started");
    case "rebooting":
      return conflict("NodeBeingRebooted", "The specified node is being rebooted");
    case "reimaging":
      return conflict("NodeBeingReimaged", "The specified node is being reimaged");
    default:
      return conflict(
        "OperationNotValidOnNode",
        "The specified operation is not valid on the node.",
        `The node is ${state}.`,
      );
  }
}

export const jobNotActive = () => conflict("JobNotActive", "The specified job is not in active state.");

export const taskNotCompleted = () =>
  conflict(
    "TaskNotCompleted",
    "The specified task is not in a completed state, and the requested operation can be performed only on completed tasks.",
  );

/**
 * Terminating a task that has completed: Batch's error code TaskCompleted (BatchErrorCode in the
 * service's SDKs), 409. The message is batchtop's wording; the service's exact text is not published.
 */
export const taskCompleted = () => conflict("TaskCompleted", "The specified task is already completed.");

export const taskSucceeded = () =>
  conflict(
    "TaskSucceeded",
    "The specified task has already completed successfully, and the requested operation cannot be performed on successful tasks.",
  );
