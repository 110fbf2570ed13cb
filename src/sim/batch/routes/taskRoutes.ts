import type { BatchWorld } from "../../world/batchWorld.js";
import type { Task } from "../../world/entities.js";
import { listResponse, type ListSpec } from "../listing.js";
import { requireJob, requireTask } from "../lookups.js";
import { taskProperties } from "../odata/entityProperties.js";
import { taskFilter } from "../odata/filterSchemas.js";
import { selectOption } from "../queryOptions.js";
import type { Route } from "../routing.js";
import { emptyResponse, entityHeaders, jsonResponse, metadataUrl } from "../wire.js";

const taskList: ListSpec<Task> = {
  metadata: "tasks",
  pageSize: { default: 1000, max: 1000 },
  filter: taskFilter,
  selectable: taskProperties,
  idOf: (task) => task.id,
};

/** Task_List, Task_Get, Task_Reactivate, Task_Terminate. */
export function taskRoutes(world: BatchWorld): Route[] {
  return [
    {
      pattern: "/jobs/:jobId/tasks",
      methods: {
        GET: (request, params) => {
          const jobId = params.get("jobId");
          requireJob(world, jobId);
          return listResponse(request, world.listTasks(jobId), taskList);
        },
      },
    },
    {
      pattern: "/jobs/:jobId/tasks/:taskId",
      methods: {
        GET: (request, params) => {
          const task = requireTask(world, params.get("jobId"), params.get("taskId"));
          const project = selectOption(request.query, taskProperties);
          return jsonResponse(
            request,
            { "odata.metadata": metadataUrl(request, "tasks/@Element"), ...(project ? project(task) : task) },
            { ...entityHeaders(task), dataserviceid: task.url },
          );
        },
      },
    },
    {
      pattern: "/jobs/:jobId/tasks/:taskId/reactivate",
      methods: {
        POST: (request, params) => {
          const jobId = params.get("jobId");
          const taskId = params.get("taskId");
          requireTask(world, jobId, taskId);
          world.reactivateTask(jobId, taskId);
          const task = requireTask(world, jobId, taskId);
          return emptyResponse(request, 204, { ...entityHeaders(task), dataserviceid: task.url });
        },
      },
    },
    {
      pattern: "/jobs/:jobId/tasks/:taskId/terminate",
      methods: {
        POST: (request, params) => {
          const jobId = params.get("jobId");
          const taskId = params.get("taskId");
          requireTask(world, jobId, taskId);
          world.terminateTask(jobId, taskId);
          const task = requireTask(world, jobId, taskId);
          return emptyResponse(request, 204, { ...entityHeaders(task), dataserviceid: task.url });
        },
      },
    },
  ];
}
