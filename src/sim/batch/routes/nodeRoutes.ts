import type { BatchWorld } from "../../world/batchWorld.js";
import type { ComputeNode } from "../../world/entities.js";
import { listResponse, type ListSpec } from "../listing.js";
import { requireNode, requirePool } from "../lookups.js";
import { nodeProperties } from "../odata/entityProperties.js";
import { nodeFilter } from "../odata/filterSchemas.js";
import { selectOption } from "../queryOptions.js";
import { parseDisableSchedulingBody, parseRebootBody, parseReimageBody } from "../requestBodies.js";
import type { Route } from "../routing.js";
import { emptyResponse, jsonResponse, metadataUrl } from "../wire.js";

const nodeList: ListSpec<ComputeNode> = {
  metadata: "nodes",
  pageSize: { default: 1000, max: 1000 },
  filter: nodeFilter,
  selectable: nodeProperties,
  idOf: (node) => node.id,
};

/**
 * ComputeNode_List, ComputeNode_Get, ComputeNode_Reboot, ComputeNode_Reimage,
 * ComputeNode_DisableScheduling, ComputeNode_EnableScheduling. Nodes carry no eTag or lastModified, so unlike
 * pools, jobs and tasks their responses have no ETag or Last-Modified header.
 */
export function nodeRoutes(world: BatchWorld): Route[] {
  return [
    {
      pattern: "/pools/:poolId/nodes",
      methods: {
        GET: (request, params) => {
          const poolId = params.get("poolId");
          requirePool(world, poolId);
          return listResponse(request, world.listNodes(poolId), nodeList);
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId",
      methods: {
        GET: (request, params) => {
          const node = requireNode(world, params.get("poolId"), params.get("nodeId"));
          const project = selectOption(request.query, nodeProperties);
          return jsonResponse(request, {
            "odata.metadata": metadataUrl(request, "nodes/@Element"),
            ...(project ? project(node) : node),
          });
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/reboot",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          const nodeId = params.get("nodeId");
          const node = requireNode(world, poolId, nodeId);
          world.rebootNode(poolId, nodeId, parseRebootBody(request));
          return emptyResponse(request, 202, { dataserviceid: node.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/reimage",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          const nodeId = params.get("nodeId");
          const node = requireNode(world, poolId, nodeId);
          world.reimageNode(poolId, nodeId, parseReimageBody(request));
          return emptyResponse(request, 202, { dataserviceid: node.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/disablescheduling",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          const nodeId = params.get("nodeId");
          const node = requireNode(world, poolId, nodeId);
          world.disableNodeScheduling(poolId, nodeId, parseDisableSchedulingBody(request));
          return emptyResponse(request, 200, { dataserviceid: node.url });
        },
      },
    },
    {
      pattern: "/pools/:poolId/nodes/:nodeId/enablescheduling",
      methods: {
        POST: (request, params) => {
          const poolId = params.get("poolId");
          const nodeId = params.get("nodeId");
          const node = requireNode(world, poolId, nodeId);
          world.enableNodeScheduling(poolId, nodeId);
          return emptyResponse(request, 200, { dataserviceid: node.url });
        },
      },
    },
  ];
}
