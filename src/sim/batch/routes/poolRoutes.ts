import type { SimRequest } from "../../http/service.js";
import type { BatchWorld } from "../../world/batchWorld.js";
import type { Pool, PoolNodeCounts } from "../../world/entities.js";
import { listResponse, type ListSpec } from "../listing.js";
import { requirePool } from "../lookups.js";
import { poolProperties } from "../odata/entityProperties.js";
import { nodeCountsFilter, poolFilter } from "../odata/filterSchemas.js";
import { selectOption } from "../queryOptions.js";
import {
  parseEnableAutoScaleBody,
  parseEvaluateAutoScaleBody,
  parseRemoveNodesBody,
  parseResizeBody,
} from "../requestBodies.js";
import type { Route } from "../routing.js";
import { emptyResponse, entityHeaders, jsonResponse, metadataUrl } from "../wire.js";

const poolList: ListSpec<Pool> = {
  metadata: "pools",
  pageSize: { default: 1000, max: 1000 },
  filter: poolFilter,
  selectable: poolProperties,
  idOf: (pool) => pool.id,
};

// Account_ListPoolNodeCounts pages at 10 by default and at most (specification: maxresults 1..10).
const nodeCountsList: ListSpec<PoolNodeCounts> = {
  metadata: "poolnodecounts",
  pageSize: { default: 10, max: 10 },
  filter: nodeCountsFilter,
  idOf: (counts) => counts.poolId,
};

/**
 * Pool_List, Pool_Get, Account_ListPoolNodeCounts, Pool_Resize, Pool_StopResize, Pool_RemoveNodes,
 * Pool_EvaluateAutoScale, Pool_EnableAutoScale and Pool_DisableAutoScale.
 */
export function poolRoutes(world: BatchWorld): Route[] {
  /** 202 Accepted with the pool's new ETag, as Pool_Resize, Pool_StopResize and Pool_RemoveNodes answer. */
  const accepted = (request: SimRequest, poolId: string) => {
    const pool = requirePool(world, poolId);
    return emptyResponse(request, 202, { ...entityHeaders(pool), dataserviceid: pool.url });
  };

  return [
    { pattern: "/pools", methods: { GET: (request) => listResponse(request, world.listPools(), poolList) } },
    {
      pattern: "/pools/:poolId",
      methods: {
        GET: (request, params) => {
          const pool = requirePool(world, params.get("poolId"));
          const project = selectOption(request.query, poolProperties);
          return jsonResponse(
            request,
            { "odata.metadata": metadataUrl(request, "pools/@Element"), ...(project ? project(pool) : pool) },
            entityHeaders(pool),
          );
        },
      },
    },
    {
      pattern: "/nodecounts",
      methods: { GET: (request) => listResponse(request, world.poolNodeCounts(), nodeCountsList) },
    },
    {
      pattern: "/pools/:poolId/resize",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          world.resizePool(poolId, parseResizeBody(request));
          return accepted(request, poolId);
        },
      },
    },
    {
      pattern: "/pools/:poolId/stopresize",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          world.stopResizePool(poolId);
          return accepted(request, poolId);
        },
      },
    },
    {
      pattern: "/pools/:poolId/evaluateautoscale",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          const pool = requirePool(world, poolId);
          const run = world.evaluateAutoScale(poolId, parseEvaluateAutoScaleBody(request));
          // 200 with the AutoScaleRun; the pool is unchanged, so are its ETag and Last-Modified.
          return jsonResponse(request, run, { ...entityHeaders(pool), dataserviceid: pool.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/enableautoscale",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          world.enableAutoScale(poolId, parseEnableAutoScaleBody(request));
          const pool = requirePool(world, poolId);
          return emptyResponse(request, 200, { ...entityHeaders(pool), dataserviceid: pool.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/disableautoscale",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          world.disableAutoScale(poolId);
          const pool = requirePool(world, poolId);
          return emptyResponse(request, 200, { ...entityHeaders(pool), dataserviceid: pool.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/removenodes",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          world.removeNodes(poolId, parseRemoveNodesBody(request));
          return accepted(request, poolId);
        },
      },
    },
  ];
}
