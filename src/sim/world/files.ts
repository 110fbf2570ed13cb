// The files a node and a task directory expose through the files API, laid out as on a Linux Batch
// node (startup/, shared/, applications/, workitems/<job>/job-1/<task>/). Contents are generated
// from the world's state when asked for; a node that is down or gone answers with nothing.

import type { FileContent } from "./batchWorld.js";
import type { NodeFile } from "./entities.js";
import { nodeFilesReachable, startTaskExitCode } from "./nodeLifecycle.js";
import { streamAt, type StreamView } from "./programOutput.js";
import { decideStartTask, renderStartTaskOutput } from "./startTask.js";
import type { NodeRecord, SimState, TaskRecord } from "./state.js";
import { taskDirectory } from "./taskWire.js";
import { latestAttempt, stderrOf, stdoutOf } from "./taskOutput.js";
import { isoAt } from "./time.js";

interface VirtualFile {
  path: string;
  content?: FileContent;
}

function file(path: string, text: string, createdMs: number, modifiedMs: number): VirtualFile {
  return {
    path,
    content: { bytes: Buffer.from(text), creationTime: isoAt(createdMs), lastModified: isoAt(modifiedMs) },
  };
}

function directory(path: string): VirtualFile {
  return { path };
}

function streamFile(path: string, stream: StreamView, startMs: number): VirtualFile {
  return file(path, stream.text, startMs, stream.lastWriteMs ?? startMs);
}

function scriptSource(record: TaskRecord): string {
  const { program, origin } = record;
  return [
    `# ${program.script}: the ${program.kind} step of ${origin.pipelineName}.`,
    "import logging",
    "import sys",
    "",
    "from pipeline_steps import main",
    "",
    'if __name__ == "__main__":',
    "    sys.exit(main())",
    "",
  ].join("\n");
}

function activityJson(record: TaskRecord): string {
  const { origin, task } = record;
  return `${JSON.stringify(
    {
      id: task.id,
      name: origin.activityName,
      properties: {
        type: "Custom",
        typeProperties: {
          command: task.commandLine,
          resourceLinkedService: { referenceName: "ls_storage_adfjobs", type: "LinkedServiceReference" },
          folderPath: `scripts/${origin.pipelineName}`,
          referenceObjects: { linkedServices: [], datasets: [] },
        },
      },
    },
    null,
    2,
  )}\n`;
}

/** A task directory's files, relative to the directory; undefined when the task has none to show. */
function taskFiles(sim: SimState, record: TaskRecord): VirtualFile[] | undefined {
  const node = record.directoryNode;
  if (!node || !nodeFilesReachable(node)) return undefined;
  const view = latestAttempt(sim, record);
  if (!view) return undefined;
  const { startMs } = view;
  const files: VirtualFile[] = [
    streamFile("stdout.txt", stdoutOf(record, view), startMs),
    streamFile("stderr.txt", stderrOf(view), startMs),
    directory("wd"),
    file("wd/activity.json", activityJson(record), startMs, startMs),
    file(`wd/${record.program.script}`, scriptSource(record), startMs, startMs),
  ];
  if (!view.running && view.decision.outcome === "uploadFailure" && view.commandRan) {
    const endMs = startMs + view.elapsedMs;
    const container = `https://${sim.account.storageAccountName}.blob.core.windows.net/task-logs/${record.job.job.id}/${record.task.id}`;
    files.push(
      file(
        "fileuploadout.txt",
        `${isoAt(endMs)} Uploading stdout.txt to ${container}/stdout.txt\n${isoAt(endMs)} Uploading stderr.txt to ${container}/stderr.txt\n`,
        endMs,
        endMs,
      ),
      file(
        "fileuploaderr.txt",
        `${isoAt(endMs)} Upload of stdout.txt failed: ContainerNotFound (404) The specified container does not exist.\n`,
        endMs,
        endMs,
      ),
    );
  }
  return files;
}

function startupFiles(sim: SimState, record: NodeRecord): VirtualFile[] {
  const info = record.node.startTaskInfo;
  if (!info) return [];
  const startMs = Date.parse(info.startTime);
  const elapsedMs = (info.endTime ? Date.parse(info.endTime) : sim.nowMs) - startMs;
  const run = decideStartTask(sim.seed, record.node.id, record.bootCount, startTaskExitCode(record.fate));
  const output = renderStartTaskOutput(run, record.pool.os);
  return [
    streamFile("startup/stdout.txt", streamAt(output.stdout, startMs, elapsedMs), startMs),
    streamFile("startup/stderr.txt", streamAt(output.stderr, startMs, elapsedMs), startMs),
  ];
}

/** Every file and directory on a node, parents before children. */
function nodeFiles(sim: SimState, record: NodeRecord): VirtualFile[] | undefined {
  if (!nodeFilesReachable(record)) return undefined;
  const files: VirtualFile[] = [directory("applications"), directory("shared"), directory("startup")];
  files.push(...startupFiles(sim, record), directory("startup/wd"), directory("workitems"));
  const jobsSeen = new Set<string>();
  for (const task of record.taskDirectories) {
    const jobId = task.job.job.id;
    if (!jobsSeen.has(jobId)) {
      jobsSeen.add(jobId);
      files.push(directory(`workitems/${jobId}`), directory(`workitems/${jobId}/job-1`));
    }
    const root = taskDirectory(task);
    const inside = taskFiles(sim, task);
    if (!inside) continue;
    files.push(directory(root));
    for (const entry of inside) files.push({ ...entry, path: `${root}/${entry.path}` });
  }
  return files;
}

function listed(files: VirtualFile[], baseUrl: string, recursive: boolean, linux: boolean): NodeFile[] {
  return files
    .filter((entry) => recursive || !entry.path.includes("/"))
    .map((entry) => ({
      name: entry.path,
      url: `${baseUrl}/files/${entry.path}`,
      isDirectory: entry.content === undefined,
      ...(entry.content
        ? {
            properties: {
              creationTime: entry.content.creationTime,
              lastModified: entry.content.lastModified,
              contentLength: entry.content.bytes.length,
              contentType: "application/octet-stream",
              ...(linux ? { fileMode: "0o100644" } : {}),
            },
          }
        : {}),
    }));
}

/** Accepts Windows separators and a leading slash, as clients send both. */
function normalisePath(filePath: string): string {
  return filePath.replaceAll("\\", "/").replace(/^\/+/, "");
}

export function listTaskFiles(sim: SimState, record: TaskRecord, recursive: boolean): NodeFile[] | undefined {
  const files = taskFiles(sim, record);
  return files && listed(files, record.task.url, recursive, record.job.pool.os === "linux");
}

export function readTaskFile(sim: SimState, record: TaskRecord, filePath: string): FileContent | undefined {
  const path = normalisePath(filePath);
  return taskFiles(sim, record)?.find((entry) => entry.path === path)?.content;
}

export function listNodeFiles(sim: SimState, record: NodeRecord, recursive: boolean): NodeFile[] | undefined {
  const files = nodeFiles(sim, record);
  return files && listed(files, record.node.url, recursive, record.pool.os === "linux");
}

export function readNodeFile(sim: SimState, record: NodeRecord, filePath: string): FileContent | undefined {
  const path = normalisePath(filePath);
  if (path.startsWith("workitems/")) {
    // workitems/<job>/job-1/<task>/<file>: only the task's own directory needs generating.
    const [, jobId, , taskId, ...rest] = path.split("/");
    const task = record.taskDirectories.find(
      (candidate) => candidate.task.id === taskId && candidate.job.job.id === jobId,
    );
    if (!task || !nodeFilesReachable(record)) return undefined;
    return readTaskFile(sim, task, rest.join("/"));
  }
  return nodeFiles(sim, record)?.find((entry) => entry.path === path)?.content;
}
