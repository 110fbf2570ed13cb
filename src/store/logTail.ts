import { AzureRequestError } from "../azure/azureError.js";
import type { FileReads } from "../azure/fileReads.js";
import type { OutputStore, OutputStream } from "../azure/outputStore.js";
import type { ByteRange, FileProperties } from "../model/files.js";
import type { TailRestart, TailSnapshot, TailSourceKind } from "../model/tailSnapshot.js";
import { TailText, type TailTextOptions } from "../model/tailText.js";

export interface LogTailTarget {
  jobId: string;
  taskId: string;
  stream: OutputStream;
  /** Names the adfjobs folder; for ADF and Synapse Custom activities it is the task id (the default). */
  activityRunId?: string;
}

/** A node's start task output: `startup/stdout.txt` or `startup/stderr.txt` in the node's files. */
export interface StartTaskTailTarget {
  poolId: string;
  nodeId: string;
  stream: OutputStream;
}

interface TailLimits extends TailTextOptions {
  /** A long file's first read starts this many bytes before its end. */
  initialBytes?: number;
  /** At most this many bytes per poll: a bigger burst is skipped to its last part, as `tail -f` would. */
  maxBytesPerPoll?: number;
}

export interface LogTailOptions extends TailLimits {
  reader: Pick<FileReads, "taskFileProperties" | "readTaskFile">;
  /** The linked storage's adfjobs copies; without it a tail ends when the node's file goes. */
  outputStore?: OutputStore;
}

export interface StartTaskTailOptions extends TailLimits {
  reader: Pick<FileReads, "nodeFileProperties" | "readNodeFile">;
}

/** A source's answer to "do you have the file?": its properties, or why not, in words. */
type Lookup = { properties: FileProperties } | { missing: string };

interface ByteSource {
  kind: TailSourceKind;
  location: string;
  lookup(signal: AbortSignal | undefined): Promise<Lookup>;
  read(range: ByteRange, signal: AbortSignal | undefined): Promise<Uint8Array>;
}

const defaultInitialBytes = 64 * 1024;
const defaultMaxBytesPerPoll = 1024 * 1024;

/**
 * Batch answers 404 (file, task or node not found) or 409 (task files unavailable, task not started,
 * node not in a state to serve files) when the node cannot give the file.
 */
function isNotOnNode(error: unknown): error is AzureRequestError {
  return error instanceof AzureRequestError && (error.statusCode === 404 || error.statusCode === 409);
}

/** Asks for a file's properties; a file the node cannot give is "missing", with the service's words. */
async function lookupOnNode(fileName: string, properties: () => Promise<FileProperties>): Promise<Lookup> {
  try {
    return { properties: await properties() };
  } catch (error) {
    if (!isNotOnNode(error)) throw error;
    // A HEAD answer has no body: the status (or error code header) is all the service said.
    const detail = error.message || error.code || `HTTP ${error.statusCode}`;
    return { missing: `${fileName} is not on the node (${detail})` };
  }
}

function nodeFileSource(reader: LogTailOptions["reader"], target: LogTailTarget): ByteSource {
  const { jobId, taskId, stream } = target;
  const fileName = `${stream}.txt`;
  return {
    kind: "node",
    location: `${jobId}/${taskId}/${fileName}`,
    lookup: (signal) =>
      lookupOnNode(fileName, () => reader.taskFileProperties(jobId, taskId, fileName, signal)),
    read: (range, signal) => reader.readTaskFile(jobId, taskId, fileName, range, signal),
  };
}

/** The start task writes to the node's `startup/` folder; it goes with the node, and has no copy. */
function startTaskSource(reader: StartTaskTailOptions["reader"], target: StartTaskTailTarget): ByteSource {
  const { poolId, nodeId, stream } = target;
  const path = `startup/${stream}.txt`;
  return {
    kind: "node",
    location: `${nodeId}/${path}`,
    lookup: (signal) => lookupOnNode(path, () => reader.nodeFileProperties(poolId, nodeId, path, signal)),
    read: (range, signal) => reader.readNodeFile(poolId, nodeId, path, range, signal),
  };
}

function isStartTask(target: LogTailTarget | StartTaskTailTarget): target is StartTaskTailTarget {
  return "nodeId" in target;
}

function adfjobsSource(outputStore: OutputStore, target: LogTailTarget): ByteSource {
  const activityRunId = target.activityRunId ?? target.taskId;
  const { stream } = target;
  const location = outputStore.outputLocation(activityRunId, stream);
  return {
    kind: "adfjobs",
    location,
    lookup: async (signal) => {
      const properties = await outputStore.outputProperties(activityRunId, stream, signal);
      return properties ? { properties } : { missing: `${location} does not exist (yet)` };
    },
    read: (range, signal) => outputStore.readOutput(activityRunId, stream, range, signal),
  };
}

/**
 * Follows one task's stdout.txt or stderr.txt (or a node's start task output): each poll asks for
 * the size (HEAD) and reads only the bytes after what it has (`ocp-range`). When the node no longer
 * has a task's file, it reads the copy in adfjobs instead, and says which source it reads.
 */
export class LogTail {
  private readonly text: TailText;
  private readonly nodeSource: ByteSource;
  private readonly storeSource: ByteSource | undefined;
  private readonly initialBytes: number;
  private readonly maxBytesPerPoll: number;
  private current: { source: ByteSource; creationTime: number | undefined } | undefined;
  private offset = 0;
  private skippedBytes = 0;
  /** Kept until a poll succeeds, so a failed read after a restart does not hide it. */
  private pendingRestart: TailRestart | undefined;

  constructor(target: LogTailTarget, options: LogTailOptions);
  constructor(target: StartTaskTailTarget, options: StartTaskTailOptions);
  constructor(
    readonly target: LogTailTarget | StartTaskTailTarget,
    options: LogTailOptions | StartTaskTailOptions,
  ) {
    this.text = new TailText(options);
    this.initialBytes = options.initialBytes ?? defaultInitialBytes;
    this.maxBytesPerPoll = options.maxBytesPerPoll ?? defaultMaxBytesPerPoll;
    if (isStartTask(target)) {
      // The overloads pair a start task target with a node file reader.
      this.nodeSource = startTaskSource((options as StartTaskTailOptions).reader, target);
      this.storeSource = undefined;
    } else {
      const taskOptions = options as LogTailOptions;
      this.nodeSource = nodeFileSource(taskOptions.reader, target);
      this.storeSource = taskOptions.outputStore && adfjobsSource(taskOptions.outputStore, target);
    }
  }

  async poll(signal?: AbortSignal): Promise<TailSnapshot> {
    const found = await this.locate(signal);
    if ("missing" in found) return this.unavailableSnapshot(found.missing);
    const { source, properties } = found;
    const restart = this.restartReason(source, properties);
    if (restart) {
      this.text.reset();
      this.offset = 0;
      this.skippedBytes = 0;
      this.pendingRestart = restart;
    }
    this.current = { source, creationTime: properties.creationTime?.getTime() };

    let bytesRead = 0;
    if (properties.size > this.offset) {
      let start = this.offset;
      const limit = start === 0 ? this.initialBytes : this.maxBytesPerPoll;
      if (properties.size - start > limit) {
        const gap = properties.size - limit - start;
        start += gap;
        this.skippedBytes += gap;
        this.text.resumeAfterGap();
      }
      const bytes = await source.read({ start, end: properties.size - 1 }, signal);
      this.offset = start + bytes.length;
      this.text.push(bytes);
      bytesRead = bytes.length;
    }

    const restarted = this.pendingRestart;
    this.pendingRestart = undefined;
    return {
      source: { kind: source.kind, location: source.location },
      offset: this.offset,
      size: properties.size,
      bytesRead,
      skippedBytes: this.skippedBytes,
      ...(restarted ? { restarted } : {}),
      lines: this.text.lines,
      partialLine: this.text.partialLine,
    };
  }

  /** The node's file while it has one (a re-run writes there first), else the adfjobs copy. */
  private async locate(
    signal: AbortSignal | undefined,
  ): Promise<{ source: ByteSource; properties: FileProperties } | { missing: string }> {
    const onNode = await this.nodeSource.lookup(signal);
    if ("properties" in onNode) return { source: this.nodeSource, properties: onNode.properties };
    if (isStartTask(this.target)) return onNode;
    if (!this.storeSource) {
      return {
        missing: `${onNode.missing}, and no linked storage is set (--storage-url) to read the adfjobs copy`,
      };
    }
    const inStore = await this.storeSource.lookup(signal);
    if ("properties" in inStore) return { source: this.storeSource, properties: inStore.properties };
    return { missing: `${onNode.missing}, and ${inStore.missing}` };
  }

  private restartReason(source: ByteSource, properties: FileProperties): TailRestart | undefined {
    if (!this.current) return undefined;
    if (this.current.source !== source) return "source-changed";
    const creationTime = properties.creationTime?.getTime();
    if (creationTime !== undefined && this.current.creationTime !== undefined) {
      if (creationTime !== this.current.creationTime) return "recreated";
    }
    return properties.size < this.offset ? "truncated" : undefined;
  }

  /** Lines read before stay on screen: the operator still wants them when the node has gone. */
  private unavailableSnapshot(reason: string): TailSnapshot {
    return {
      offset: this.offset,
      size: this.offset,
      bytesRead: 0,
      skippedBytes: this.skippedBytes,
      lines: this.text.lines,
      partialLine: this.text.partialLine,
      unavailable: reason,
    };
  }
}
