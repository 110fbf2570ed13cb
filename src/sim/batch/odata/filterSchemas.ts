import type { FilterOperator, FilterSchema, FilterableProperty } from "./filterCompile.js";

// What each list operation can be filtered on, after "OData filters in Batch"
// (learn.microsoft.com/rest/api/batchservice/odata-filters-in-batch). The node, node-count and file
// tables are the documented ones; for pools, jobs and tasks the page's sections could not be read in
// full, so those tables keep to the properties its summary names (ids, states, times, exit codes,
// allocation state, VM size, auto-scale and inter-node flags). Anything else is refused with a 400,
// as the service refuses properties it does not index.

const equality: readonly FilterOperator[] = ["eq", "ne"];
const ordering: readonly FilterOperator[] = ["eq", "ne", "gt", "ge", "lt", "le"];
const idOperators: readonly FilterOperator[] = ["startswith", ...ordering];

const string = (operators = equality): FilterableProperty => ({ type: { kind: "string" }, operators });
const choice = (values: readonly string[], operators = equality): FilterableProperty => ({
  type: { kind: "enum", values },
  operators,
});
const time: FilterableProperty = { type: { kind: "datetime" }, operators: ordering };
const integer: FilterableProperty = { type: { kind: "integer" }, operators: ordering };
const flag: FilterableProperty = { type: { kind: "boolean" }, operators: equality };

const resultValues = ["success", "failure"];

export const poolFilter: FilterSchema = {
  id: string(idOperators),
  state: choice(["active", "deleting"]),
  stateTransitionTime: time,
  creationTime: time,
  lastModified: time,
  allocationState: choice(["steady", "resizing", "stopping"]),
  allocationStateTransitionTime: time,
  vmSize: string(),
  enableAutoScale: flag,
  enableInterNodeCommunication: flag,
};

export const nodeFilter: FilterSchema = {
  state: choice([
    "idle",
    "rebooting",
    "reimaging",
    "running",
    "unusable",
    "creating",
    "starting",
    "waitingforstarttask",
    "starttaskfailed",
    "unknown",
    "leavingpool",
    "offline",
    "preempted",
  ]),
  stateTransitionTime: time,
  lastBootTime: time,
  allocationTime: time,
  "startTaskInfo/state": choice(["running", "completed"], ["eq"]),
  "startTaskInfo/result": choice(resultValues),
  "startTaskInfo/exitCode": integer,
  "startTaskInfo/startTime": time,
  "startTaskInfo/endTime": time,
};

export const jobFilter: FilterSchema = {
  id: string(idOperators),
  state: choice(["active", "disabling", "disabled", "enabling", "terminating", "completed", "deleting"]),
  stateTransitionTime: time,
  creationTime: time,
  lastModified: time,
  priority: integer,
  "executionInfo/startTime": time,
  "executionInfo/endTime": time,
  "executionInfo/poolId": string(idOperators),
};

export const taskFilter: FilterSchema = {
  id: string(idOperators),
  state: choice(["active", "preparing", "running", "completed"]),
  stateTransitionTime: time,
  creationTime: time,
  lastModified: time,
  "executionInfo/startTime": time,
  "executionInfo/endTime": time,
  "executionInfo/exitCode": integer,
  "executionInfo/result": choice(resultValues),
};

export const nodeCountsFilter: FilterSchema = {
  poolId: string(["eq"]),
};

export const fileFilter: FilterSchema = {
  name: string(["startswith"]),
};
