import type { BatchServiceClient } from "@azure/batch";
import { fileReads, type FileReads } from "./fileReads.js";
import { jobReads, type JobReads } from "./jobReads.js";
import { poolReads, type PoolReads } from "./poolReads.js";
import { AccountThrottle } from "./throttle.js";

/**
 * Read access to a Batch account's data plane, in batchtop's own types. Every request goes through
 * the account's throttle; every failure is an AzureRequestError with the service's own words.
 */
export interface BatchReader extends PoolReads, JobReads, FileReads {}

/** Pass the account's throttle when other adapters share it; a reader alone gets its own. */
export function createBatchReader(
  client: BatchServiceClient,
  throttle: AccountThrottle = new AccountThrottle(),
): BatchReader {
  return { ...poolReads(client, throttle), ...jobReads(client, throttle), ...fileReads(client, throttle) };
}
