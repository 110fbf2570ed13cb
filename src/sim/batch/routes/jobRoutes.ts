import type { BatchWorld } from "../../world/batchWorld.js";
import type { Job } from "../../world/entities.js";
import { listResponse, type ListSpec } from "../listing.js";
import { requireJob } from "../lookups.js";
import { jobProperties } from "../odata/entityProperties.js";
import { jobFilter } from "../odata/filterSchemas.js";
import { selectOption } from "../queryOptions.js";
import type { Route } from "../routing.js";
import { entityHeaders, jsonResponse, metadataUrl } from "../wire.js";

const jobList: ListSpec<Job> = {
  metadata: "jobs",
  pageSize: { default: 1000, max: 1000 },
  filter: jobFilter,
  selectable: jobProperties,
  idOf: (job) => job.id,
};

/** Job_List, Job_Get, Job_GetTaskCounts. */
export function jobRoutes(world: BatchWorld): Route[] {
  return [
    { pattern: "/jobs", methods: { GET: (request) => listResponse(request, world.listJobs(), jobList) } },
    {
      pattern: "/jobs/:jobId",
      methods: {
        GET: (request, params) => {
          const job = requireJob(world, params.get("jobId"));
          const project = selectOption(request.query, jobProperties);
          return jsonResponse(
            request,
            { "odata.metadata": metadataUrl(request, "jobs/@Element"), ...(project ? project(job) : job) },
            entityHeaders(job),
          );
        },
      },
    },
    {
      pattern: "/jobs/:jobId/taskcounts",
      methods: {
        GET: (request, params) => {
          const jobId = params.get("jobId");
          requireJob(world, jobId);
          return jsonResponse(request, {
            "odata.metadata": metadataUrl(request, "taskcounts/@Element"),
            ...world.taskCounts(jobId),
          });
        },
      },
    },
  ];
}
