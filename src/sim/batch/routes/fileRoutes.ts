import type { SimRequest, SimResponse } from "../../http/service.js";
import type { BatchWorld, FileContent } from "../../world/batchWorld.js";
import type { NodeFile, Task } from "../../world/entities.js";
import { fileNotFound, operationInvalidForCurrentState, taskFilesUnavailable } from "../batchErrors.js";
import { parseOcpRange } from "../fileRange.js";
import { listResponse, type ListSpec } from "../listing.js";
import { requireNode, requireTask } from "../lookups.js";
import { fileFilter } from "../odata/filterSchemas.js";
import { optionalBoolean } from "../queryOptions.js";
import type { Route, RouteParams } from "../routing.js";
import { etagFor, headerValue, httpDate, standardHeaders } from "../wire.js";

const fileList: ListSpec<NodeFile> = {
  metadata: "files",
  pageSize: { default: 1000, max: 1000 },
  filter: fileFilter,
  idOf: (file) => file.name,
};

/** The reason the live service gives when a task's files are asked for before it runs (azure-docs#53298). */
const activeTaskReason =
  "The files of the specified task cannot be accessed as the task state is still active";

function taskFilesError(task: Task) {
  return task.state === "active" ? operationInvalidForCurrentState(activeTaskReason) : taskFilesUnavailable();
}

/**
 * File_GetFromTask / File_GetFromComputeNode and their HEAD properties twins. Headers follow a recorded
 * live response (azure-sdk-for-python test_batch.test_batch_files.yaml): the file URL percent-encoded
 * whole, `ocp-batch-file-isdirectory` as .NET writes booleans ("False"), Linux file mode "0o100644".
 * Content type and mode come from the world's listing entry, so both operations agree with File_List.
 * A ranged GET answers 200 with just the range, as the specification says (206 breaks @azure/batch).
 */
function fileResponse(
  request: SimRequest,
  url: string,
  content: FileContent,
  entry: NodeFile | undefined,
): SimResponse {
  const size = content.bytes.length;
  const headers: Record<string, string> = {
    ...standardHeaders(request),
    "content-type": entry?.properties?.contentType ?? "application/octet-stream",
    "last-modified": httpDate(content.lastModified),
    "ocp-creation-time": httpDate(content.creationTime),
    "ocp-batch-file-isdirectory": "False",
    "ocp-batch-file-url": encodeURIComponent(url),
    "ocp-batch-file-mode": entry?.properties?.fileMode ?? "0o100644",
    etag: etagFor(content.lastModified),
  };
  if (request.method === "HEAD") {
    return { status: 200, headers: { ...headers, "content-length": String(size) } };
  }
  const range = parseOcpRange(headerValue(request, "ocp-range"), size);
  const bytes = range ? content.bytes.subarray(range.start, range.end + 1) : content.bytes;
  return { status: 200, headers: { ...headers, "content-length": String(bytes.length) }, body: bytes };
}

function fileUrl(request: SimRequest, parent: string, filePath: string): string {
  return `${request.baseUrl}${parent}/files/${filePath.split("/").map(encodeURIComponent).join("/")}`;
}

/** File_ListFromTask, File_ListFromComputeNode, and reading one file's content or properties. */
export function fileRoutes(world: BatchWorld): Route[] {
  const readTaskFile = (request: SimRequest, params: RouteParams) => {
    const jobId = params.get("jobId");
    const taskId = params.get("taskId");
    const filePath = params.get("filePath");
    const task = requireTask(world, jobId, taskId);
    const content = world.readTaskFile(jobId, taskId, filePath);
    if (!content)
      throw task.state === "active" ? operationInvalidForCurrentState(activeTaskReason) : fileNotFound();
    const entry = world.listTaskFiles(jobId, taskId, true)?.find((file) => file.name === filePath);
    const parent = `/jobs/${encodeURIComponent(jobId)}/tasks/${encodeURIComponent(taskId)}`;
    return fileResponse(request, fileUrl(request, parent, filePath), content, entry);
  };

  const readNodeFile = (request: SimRequest, params: RouteParams) => {
    const poolId = params.get("poolId");
    const nodeId = params.get("nodeId");
    const filePath = params.get("filePath");
    requireNode(world, poolId, nodeId);
    const content = world.readNodeFile(poolId, nodeId, filePath);
    if (!content) throw fileNotFound();
    const entry = world.listNodeFiles(poolId, nodeId, true)?.find((file) => file.name === filePath);
    const parent = `/pools/${encodeURIComponent(poolId)}/nodes/${encodeURIComponent(nodeId)}`;
    return fileResponse(request, fileUrl(request, parent, filePath), content, entry);
  };

  return [
    {
      pattern: "/jobs/:jobId/tasks/:taskId/files",
      methods: {
        GET: (request, params) => {
          const jobId = params.get("jobId");
          const taskId = params.get("taskId");
          const task = requireTask(world, jobId, taskId);
          const recursive = optionalBoolean(request.query, "recursive") ?? false;
          const files = world.listTaskFiles(jobId, taskId, recursive);
          if (!files) throw taskFilesError(task);
          return listResponse(request, files, fileList);
        },
      },
    },
    {
      pattern: "/jobs/:jobId/tasks/:taskId/files/*filePath",
      methods: { GET: readTaskFile, HEAD: readTaskFile },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/files",
      methods: {
        GET: (request, params) => {
          const poolId = params.get("poolId");
          const nodeId = params.get("nodeId");
          requireNode(world, poolId, nodeId);
          const recursive = optionalBoolean(request.query, "recursive") ?? false;
          const files = world.listNodeFiles(poolId, nodeId, recursive);
          if (!files)
            throw operationInvalidForCurrentState(
              "The files of the specified node cannot be accessed in its current state",
            );
          return listResponse(request, files, fileList);
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/files/*filePath",
      methods: { GET: readNodeFile, HEAD: readNodeFile },
    },
  ];
}
