import type { TokenCredential } from "@azure/identity";
import { BlobServiceClient, newPipeline, type ContainerClient } from "@azure/storage-blob";
import type { HttpOperationResponse, RequestPolicyFactory, WebResource } from "@azure/storage-blob";
import { AzureRequestError } from "./azureError.js";
import { adfjobsContainer, blobPath, outputLocation, type OutputStream } from "./outputPaths.js";

export type { OutputStream };
import { readOnlyRequestPolicyFactory } from "./readOnlyGuard.js";
import { streamBytes } from "./streamBytes.js";
import { AccountThrottle } from "./throttle.js";
import { storageClientOptions, type TransportOptions } from "./transport.js";
import type { ByteRange, FileProperties } from "../model/files.js";

/**
 * The copies of task output that ADF and Synapse Custom activities leave in the linked storage,
 * `adfjobs/<activityRunId>/output/stdout.txt|stderr.txt`: still there after the node is gone.
 */
export interface OutputStore {
  /** Where the copy is, for the operator: "adfjobs/<activityRunId>/output/stdout.txt". */
  outputLocation(activityRunId: string, stream: OutputStream): string;
  /** Undefined when there is no copy (yet: ADF writes it when the activity finishes). */
  outputProperties(
    activityRunId: string,
    stream: OutputStream,
    signal?: AbortSignal,
  ): Promise<FileProperties | undefined>;
  readOutput(
    activityRunId: string,
    stream: OutputStream,
    range: ByteRange,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
}

export interface OutputStoreOptions {
  /** The blob service URL of the linked storage account, e.g. https://<account>.blob.core.windows.net */
  storageUrl: string;
  credential: TokenCredential;
  transport?: TransportOptions;
  readOnly: boolean;
  /** The storage account's own throttle: its limits are not the Batch account's. */
  throttle?: AccountThrottle;
  container?: string;
}

/** The container client an OutputStore reads through; in read-only mode its pipeline refuses writes. */
export function outputContainerClient(options: OutputStoreOptions): ContainerClient {
  const pipeline = newPipeline(options.credential, {
    ...storageClientOptions(options.transport ?? {}),
    // batchtop's throttle decides about retries; storage-blob would otherwise try four times.
    retryOptions: { maxTries: 1 },
  });
  if (options.readOnly) {
    // A factory in the pipeline is wrapped once into the core pipeline that every derived client
    // shares; `additionalPolicies` would be added again per client and refused as a duplicate.
    const guard: RequestPolicyFactory = readOnlyRequestPolicyFactory<WebResource, HttpOperationResponse>();
    pipeline.factories.push(guard);
  }
  return new BlobServiceClient(options.storageUrl, pipeline).getContainerClient(
    options.container ?? adfjobsContainer,
  );
}

export function createOutputStore(options: OutputStoreOptions): OutputStore {
  const container = outputContainerClient(options);
  const throttle = options.throttle ?? new AccountThrottle();
  const containerName = options.container ?? adfjobsContainer;
  return {
    outputLocation: (activityRunId, stream) => outputLocation(activityRunId, stream, containerName),
    outputProperties: async (activityRunId, stream, signal) => {
      const blob = container.getBlobClient(blobPath(activityRunId, stream));
      try {
        const properties = await throttle.run((abortSignal) => blob.getProperties({ abortSignal }), {
          signal,
        });
        return {
          size: properties.contentLength ?? 0,
          creationTime: properties.createdOn,
          lastModified: properties.lastModified,
        };
      } catch (error) {
        if (error instanceof AzureRequestError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    readOutput: (activityRunId, stream, range, signal) => {
      const blob = container.getBlobClient(blobPath(activityRunId, stream));
      return throttle.run(
        async (abortSignal) =>
          streamBytes(
            (
              await blob.download(range.start, range.end - range.start + 1, {
                abortSignal,
                // The download stream would otherwise re-request broken transfers on its own.
                maxRetryRequests: 0,
              })
            ).readableStreamBody,
          ),
        { signal },
      );
    },
  };
}
