import type { TokenCredential } from "@azure/identity";
import { createBatchClient } from "./batchClient.js";
import { createBatchReader, type BatchReader } from "./batchReader.js";
import { createBatchWriter, type BatchWriter } from "./batchWriter.js";
import { createOutputStore, type OutputStore } from "./outputStore.js";
import { AccountThrottle, type ThrottleOptions } from "./throttle.js";
import type { TransportOptions } from "./transport.js";

export interface AzureAdapterOptions {
  batchEndpoint: string;
  credential: TokenCredential;
  readOnly: boolean;
  transport?: TransportOptions;
  /** The linked storage's blob URL; without it the log tail has no adfjobs fallback. */
  storageUrl?: string;
  throttle?: ThrottleOptions;
}

export interface AzureAdapters {
  reader: BatchReader;
  /** Absent in read-only mode: a mutation that was never built cannot be called. */
  writer?: BatchWriter;
  outputStore?: OutputStore;
  /** One per account, shared by its reader and writer: what the store shows as throttling. */
  throttles: { batch: AccountThrottle; storage?: AccountThrottle };
}

/**
 * The Batch-side adapters for one account. In read-only mode the writer is not constructed and
 * every pipeline also carries the read-only guard, the second line of defence.
 */
export function createAzureAdapters(options: AzureAdapterOptions): AzureAdapters {
  const { readOnly, credential, storageUrl, transport = {} } = options;
  const client = createBatchClient(options.batchEndpoint, credential, transport, { readOnly });
  const batch = new AccountThrottle(options.throttle);
  const adapters: AzureAdapters = { reader: createBatchReader(client, batch), throttles: { batch } };
  if (!readOnly) adapters.writer = createBatchWriter(client, batch);
  if (storageUrl) {
    const storage = new AccountThrottle(options.throttle);
    adapters.throttles.storage = storage;
    adapters.outputStore = createOutputStore({
      storageUrl,
      credential,
      transport,
      readOnly,
      throttle: storage,
    });
  }
  return adapters;
}
