import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import { abortable, allPagesOf, pagesOf } from "./batchPaging.js";
import { streamBytes } from "./streamBytes.js";
import type { AccountThrottle } from "./throttle.js";
import type { ByteRange, FileEntry, FileProperties } from "../model/files.js";

export interface FileListOptions {
  /** Include files in subdirectories (the task's `wd/`, a node's `workitems/`). */
  recursive?: boolean;
  signal?: AbortSignal;
}

/** Files in a task's directory (on the node it ran on) and anywhere on a node. */
export interface FileReads {
  listTaskFiles(jobId: string, taskId: string, options?: FileListOptions): Promise<FileEntry[]>;
  listNodeFiles(poolId: string, nodeId: string, options?: FileListOptions): Promise<FileEntry[]>;
  taskFileProperties(
    jobId: string,
    taskId: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<FileProperties>;
  nodeFileProperties(
    poolId: string,
    nodeId: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<FileProperties>;
  /** Just the bytes in `range`, with `ocp-range`. */
  readTaskFile(
    jobId: string,
    taskId: string,
    path: string,
    range: ByteRange,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
  readNodeFile(
    poolId: string,
    nodeId: string,
    path: string,
    range: ByteRange,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
}

function toFileEntry(file: BatchServiceModels.NodeFile): FileEntry {
  return {
    name: file.name ?? "",
    isDirectory: file.isDirectory ?? false,
    size: file.properties?.contentLength,
    creationTime: file.properties?.creationTime,
    lastModified: file.properties?.lastModified,
  };
}

function toFileProperties(headers: {
  contentLength?: number;
  ocpCreationTime?: Date;
  lastModified?: Date;
}): FileProperties {
  return {
    size: headers.contentLength ?? 0,
    creationTime: headers.ocpCreationTime,
    lastModified: headers.lastModified,
  };
}

/** Batch answers a ranged read with 200 and only the range (a 206 would make @azure/batch throw). */
function ocpRange(range: ByteRange): string {
  return `bytes=${range.start}-${range.end}`;
}

export function fileReads(client: BatchServiceClient, throttle: AccountThrottle): FileReads {
  return {
    listTaskFiles: async (jobId, taskId, options = {}) => {
      const recursive = options.recursive ?? false;
      const pages = pagesOf(
        throttle,
        options.signal,
        (attempt) => client.file.listFromTask(jobId, taskId, { recursive, ...abortable(attempt) }),
        (link, attempt) => client.file.listFromTaskNext(link, abortable(attempt)),
      );
      return (await allPagesOf(pages)).map(toFileEntry);
    },
    listNodeFiles: async (poolId, nodeId, options = {}) => {
      const recursive = options.recursive ?? false;
      const pages = pagesOf(
        throttle,
        options.signal,
        (attempt) => client.file.listFromComputeNode(poolId, nodeId, { recursive, ...abortable(attempt) }),
        (link, attempt) => client.file.listFromComputeNodeNext(link, abortable(attempt)),
      );
      return (await allPagesOf(pages)).map(toFileEntry);
    },
    taskFileProperties: async (jobId, taskId, path, signal) =>
      toFileProperties(
        await throttle.run(
          (attempt) => client.file.getPropertiesFromTask(jobId, taskId, path, abortable(attempt)),
          { signal },
        ),
      ),
    nodeFileProperties: async (poolId, nodeId, path, signal) =>
      toFileProperties(
        await throttle.run(
          (attempt) => client.file.getPropertiesFromComputeNode(poolId, nodeId, path, abortable(attempt)),
          { signal },
        ),
      ),
    // The body is read inside the throttled attempt, so the timeout covers a stalled transfer too.
    readTaskFile: (jobId, taskId, path, range, signal) =>
      throttle.run(
        async (attempt) =>
          streamBytes(
            (
              await client.file.getFromTask(jobId, taskId, path, {
                fileGetFromTaskOptions: { ocpRange: ocpRange(range) },
                ...abortable(attempt),
              })
            ).readableStreamBody,
          ),
        { signal },
      ),
    readNodeFile: (poolId, nodeId, path, range, signal) =>
      throttle.run(
        async (attempt) =>
          streamBytes(
            (
              await client.file.getFromComputeNode(poolId, nodeId, path, {
                fileGetFromComputeNodeOptions: { ocpRange: ocpRange(range) },
                ...abortable(attempt),
              })
            ).readableStreamBody,
          ),
        { signal },
      ),
  };
}
