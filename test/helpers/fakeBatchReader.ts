import { AzureRequestError } from "../../src/azure/azureError.js";
import type { BatchReader } from "../../src/azure/batchReader.js";

function missing(name: string): never {
  throw new AzureRequestError(
    `${name} is not part of this test's fake reader`,
    undefined,
    undefined,
    undefined,
    undefined,
  );
}

/**
 * An in-memory BatchReader for store and UI tests: give the methods the test needs; any other
 * call fails loudly instead of returning made-up data.
 */
export function fakeBatchReader(methods: Partial<BatchReader>): BatchReader {
  return {
    listPools: async () => missing("listPools"),
    poolNodeCounts: async () => missing("poolNodeCounts"),
    listNodes: async () => missing("listNodes"),
    listNodesInStates: async () => missing("listNodesInStates"),
    listJobs: async () => missing("listJobs"),
    jobTaskCounts: async () => missing("jobTaskCounts"),
    listTaskPages: () => missing("listTaskPages"),
    listTasks: async () => missing("listTasks"),
    listTaskStamps: () => missing("listTaskStamps"),
    listTaskFiles: async () => missing("listTaskFiles"),
    listNodeFiles: async () => missing("listNodeFiles"),
    taskFileProperties: async () => missing("taskFileProperties"),
    nodeFileProperties: async () => missing("nodeFileProperties"),
    readTaskFile: async () => missing("readTaskFile"),
    readNodeFile: async () => missing("readNodeFile"),
    ...methods,
  };
}
