import type { SimRequest } from "../../http/service.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import type { AccountConfig } from "../../world/accountConfig.js";
import { poolNotFound } from "../../world/serviceErrors.js";
import { conditionNotMet, invalidRequestContent, notSupported } from "../armErrors.js";
import { poolResourceId } from "../armPaths.js";
import { armETag, armPool } from "../armPool.js";
import { parsePoolPatch } from "../armPoolPatch.js";
import type { ArmParams, ArmRoute } from "../armRouting.js";
import { requireAccount } from "../armScope.js";
import { armJson } from "../armWire.js";
import { accountPath } from "./accountRoutes.js";

/** `If-Match: *` or the pool's ETag, weak or strong, quoted or not. */
function matchesETag(header: string | string[] | undefined, eTag: string): boolean {
  if (header === undefined) return true;
  const candidates = (Array.isArray(header) ? header.join(",") : header).split(",");
  return candidates.some((candidate) => {
    const value = candidate
      .trim()
      .replace(/^W\//, "")
      .replace(/^"(.*)"$/, "$1");
    return value === "*" || value === eTag;
  });
}

/** `maxresults` pages the list; the continuation is an offset in `$skiptoken`. */
function page(request: SimRequest, total: number): { from: number; to: number; nextLink?: string } {
  for (const option of ["$filter", "$select"]) {
    if (request.query.has(option))
      throw notSupported(`${option} on pool lists; list the pools and filter them yourself`);
  }
  const from = Number(request.query.get("$skiptoken") ?? "0");
  const size = Number(request.query.get("maxresults") ?? String(total || 1));
  if (!Number.isInteger(from) || from < 0)
    throw invalidRequestContent("'$skiptoken' is not one this service issued");
  if (!Number.isInteger(size) || size < 1)
    throw invalidRequestContent("'maxresults' must be a positive integer");
  const to = Math.min(total, from + size);
  if (to >= total) return { from, to };
  const next = new URL(`${request.baseUrl}${request.path}`);
  next.searchParams.set("api-version", request.query.get("api-version") ?? "");
  next.searchParams.set("maxresults", String(size));
  next.searchParams.set("$skiptoken", String(to));
  return { from, to, nextLink: next.toString() };
}

/** Pool_ListByBatchAccount, Pool_Get, Pool_Update. */
export function poolRoutes(world: ManagementWorld): ArmRoute[] {
  const render = (account: AccountConfig, poolId: string) => {
    const pool = world.getPool(poolId);
    const details = world.poolManagementDetails(poolId);
    if (!pool || !details) throw poolNotFound();
    return { pool, body: armPool(account, pool, details) };
  };
  const poolResponse = (request: SimRequest, params: ArmParams) => {
    const { pool, body } = render(requireAccount(world, params, true), params.get("poolName"));
    return armJson(request, body, { etag: armETag(pool) });
  };

  return [
    {
      pattern: `${accountPath}/pools`,
      methods: {
        GET: (request, params) => {
          const account = requireAccount(world, params, true);
          const pools = world.listPools();
          const { from, to, nextLink } = page(request, pools.length);
          const value = pools.slice(from, to).map((pool) => render(account, pool.id).body);
          return armJson(request, { value, ...(nextLink ? { nextLink } : {}) });
        },
      },
    },
    {
      pattern: `${accountPath}/pools/:poolName`,
      methods: {
        GET: poolResponse,
        PATCH: (request, params) => {
          const account = requireAccount(world, params, true);
          const poolId = params.get("poolName");
          const pool = world.getPool(poolId);
          if (!pool) throw poolNotFound();
          const update = parsePoolPatch(request.body, {
            poolResourceId: poolResourceId(account, pool.id),
            findIdentity: (resourceId) => world.findIdentity(resourceId),
          });
          if (!matchesETag(request.headers["if-match"], pool.eTag)) throw conditionNotMet();
          world.updatePool(pool.id, update);
          return poolResponse(request, params);
        },
      },
    },
  ];
}
