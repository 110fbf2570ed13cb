import type { SimRequest } from "../http/service.js";
import type { EnableAutoScaleRequest, RemoveNodesRequest, ResizeRequest } from "../world/batchWorld.js";
import { invalidPropertyValue, invalidRequestBody, unsupportedProperty } from "./batchErrors.js";

// The bodies of the mutating operations, read and checked as the specification types them
// (PoolResizeParameter, NodeRebootParameter, NodeReimageParameter, NodeDisableSchedulingParameter,
// NodeRemoveParameter). State checks (is the pool steady?) belong to the world.

type JsonObject = Record<string, unknown>;

/** The JSON object a request carries, or undefined for an empty body. */
function readJsonObject(request: SimRequest): JsonObject | undefined {
  if (request.body.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw invalidRequestBody("The body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalidRequestBody("The body must be a JSON object.");
  }
  return value as JsonObject;
}

function rejectUnknown(body: JsonObject, known: readonly string[]): void {
  for (const name of Object.keys(body)) {
    if (!known.includes(name)) throw unsupportedProperty(name);
  }
}

function display(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

const deallocationOptions = ["requeue", "terminate", "taskcompletion", "retaineddata"] as const;
type DeallocationOption = (typeof deallocationOptions)[number];

function deallocationOption(name: string, value: unknown): DeallocationOption {
  const lower = typeof value === "string" ? value.toLowerCase() : undefined;
  const option = deallocationOptions.find((candidate) => candidate === lower);
  if (!option)
    throw invalidPropertyValue(name, display(value), `Valid values are ${deallocationOptions.join(", ")}.`);
  return option;
}

function nodeCount(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw invalidPropertyValue(name, display(value), "The value must be a non-negative 32-bit integer.");
  }
  return value;
}

const durationForm = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 day-time duration ("PT15M"), or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const match = durationForm.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
}

/** The service refuses resize timeouts under five minutes (PoolResizeParameter.resizeTimeout). */
const minResizeTimeoutMs = 5 * 60_000;

/** A resize (or removal) timeout: an ISO 8601 duration of at least five minutes. */
function resizeTimeout(value: unknown): string {
  const timeout = typeof value === "string" ? durationMs(value) : undefined;
  if (timeout === undefined) {
    throw invalidPropertyValue(
      "resizeTimeout",
      display(value),
      "The value must be an ISO 8601 duration such as PT15M.",
    );
  }
  if (timeout < minResizeTimeoutMs) {
    throw invalidPropertyValue(
      "resizeTimeout",
      display(value),
      "The resize timeout must be at least 5 minutes.",
    );
  }
  return value as string;
}

export function parseResizeBody(request: SimRequest): ResizeRequest {
  const body = readJsonObject(request);
  if (!body) throw invalidRequestBody("The request requires a body with the pool's new size.");
  rejectUnknown(body, [
    "targetDedicatedNodes",
    "targetLowPriorityNodes",
    "resizeTimeout",
    "nodeDeallocationOption",
  ]);
  const resize: ResizeRequest = {};
  if (body.targetDedicatedNodes !== undefined)
    resize.targetDedicatedNodes = nodeCount("targetDedicatedNodes", body.targetDedicatedNodes);
  if (body.targetLowPriorityNodes !== undefined) {
    resize.targetLowPriorityNodes = nodeCount("targetLowPriorityNodes", body.targetLowPriorityNodes);
  }
  if (body.resizeTimeout !== undefined) resize.resizeTimeout = resizeTimeout(body.resizeTimeout);
  if (body.nodeDeallocationOption !== undefined) {
    resize.nodeDeallocationOption = deallocationOption("nodeDeallocationOption", body.nodeDeallocationOption);
  }
  return resize;
}

/** A formula must be a string; its syntax is the world's to judge. */
function formulaText(value: unknown): string {
  if (typeof value !== "string")
    throw invalidPropertyValue("autoScaleFormula", JSON.stringify(value), "The formula must be a string.");
  return value;
}

/** PoolEvaluateAutoScaleParameter: the formula, required. */
export function parseEvaluateAutoScaleBody(request: SimRequest): string {
  const body = readJsonObject(request);
  if (!body || body.autoScaleFormula === undefined)
    throw invalidRequestBody("The request requires a body with the formula to evaluate.");
  rejectUnknown(body, ["autoScaleFormula"]);
  return formulaText(body.autoScaleFormula);
}

/** PoolEnableAutoScaleParameter: a formula and/or an evaluation interval. */
export function parseEnableAutoScaleBody(request: SimRequest): EnableAutoScaleRequest {
  const body = readJsonObject(request) ?? {};
  rejectUnknown(body, ["autoScaleFormula", "autoScaleEvaluationInterval"]);
  const parsed: EnableAutoScaleRequest = {};
  if (body.autoScaleFormula !== undefined) parsed.autoScaleFormula = formulaText(body.autoScaleFormula);
  if (body.autoScaleEvaluationInterval !== undefined) {
    if (typeof body.autoScaleEvaluationInterval !== "string")
      throw invalidPropertyValue(
        "autoScaleEvaluationInterval",
        JSON.stringify(body.autoScaleEvaluationInterval),
        "The interval must be an ISO 8601 duration.",
      );
    parsed.autoScaleEvaluationInterval = body.autoScaleEvaluationInterval;
  }
  return parsed;
}

/** The reboot option, if the optional body names one. */
export function parseRebootBody(request: SimRequest): string | undefined {
  const body = readJsonObject(request);
  if (!body) return undefined;
  rejectUnknown(body, ["nodeRebootOption"]);
  return body.nodeRebootOption === undefined
    ? undefined
    : deallocationOption("nodeRebootOption", body.nodeRebootOption);
}

/** The reimage option, if the optional body names one (NodeReimageParameter). */
export function parseReimageBody(request: SimRequest): string | undefined {
  const body = readJsonObject(request);
  if (!body) return undefined;
  rejectUnknown(body, ["nodeReimageOption"]);
  return body.nodeReimageOption === undefined
    ? undefined
    : deallocationOption("nodeReimageOption", body.nodeReimageOption);
}

const schedulingOffOptions = ["requeue", "terminate", "taskcompletion"] as const;

/** The disable option, if the optional body names one (NodeDisableSchedulingParameter: no retaineddata). */
export function parseDisableSchedulingBody(request: SimRequest): string | undefined {
  const body = readJsonObject(request);
  if (!body) return undefined;
  rejectUnknown(body, ["nodeDisableSchedulingOption"]);
  const value = body.nodeDisableSchedulingOption;
  if (value === undefined) return undefined;
  const lower = typeof value === "string" ? value.toLowerCase() : undefined;
  const option = schedulingOffOptions.find((candidate) => candidate === lower);
  if (!option)
    throw invalidPropertyValue(
      "nodeDisableSchedulingOption",
      display(value),
      `Valid values are ${schedulingOffOptions.join(", ")}.`,
    );
  return option;
}

/** NodeRemoveParameter: a list of 1 to 100 node ids, a timeout and the deallocation option. */
export function parseRemoveNodesBody(request: SimRequest): RemoveNodesRequest {
  const body = readJsonObject(request);
  if (!body) throw invalidRequestBody("The request requires a body with the nodes to remove.");
  rejectUnknown(body, ["nodeList", "resizeTimeout", "nodeDeallocationOption"]);
  const list = body.nodeList;
  if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== "string"))
    throw invalidPropertyValue("nodeList", display(list), "The value must be a list of node ids.");
  if (list.length > 100)
    throw invalidPropertyValue(
      "nodeList",
      String(list.length),
      "A maximum of 100 nodes may be removed per request.",
    );
  return {
    nodeList: list as string[],
    ...(body.resizeTimeout !== undefined ? { resizeTimeout: resizeTimeout(body.resizeTimeout) } : {}),
    ...(body.nodeDeallocationOption !== undefined
      ? { nodeDeallocationOption: deallocationOption("nodeDeallocationOption", body.nodeDeallocationOption) }
      : {}),
  };
}
