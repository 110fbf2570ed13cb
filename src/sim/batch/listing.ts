import type { SimRequest, SimResponse } from "../http/service.js";
import { invalidQueryParameter } from "./batchErrors.js";
import type { FilterSchema, Predicate } from "./odata/filterCompile.js";
import { filterOption, maxResults, selectOption, type PageSize } from "./queryOptions.js";
import { jsonResponse, metadataUrl } from "./wire.js";

// Paged lists. The continuation is an opaque $skiptoken in odata.nextLink holding the position and id
// of the next item to return; the link repeats the request's other query options, so a client that
// follows it verbatim (the SDK's listNext does) keeps its filter, select and page size. Lists can
// change between pages: the id finds the item again if items before it went away.

const skipTokenParameter = "$skiptoken";

interface SkipToken {
  index: number;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts: the index of the first matching item not returned. */
  nextIndex?: number;
}

/**
 * Scans once from `start`, keeps up to `limit` matching items, and looks ahead for one more match so a
 * next link is given only when something follows. The world's arrays are read in place, never copied.
 */
export function scanPage<T extends object>(
  items: readonly T[],
  start: number,
  limit: number,
  keep?: Predicate,
): Page<T> {
  const page: T[] = [];
  for (let index = start; index < items.length; index += 1) {
    const item = items[index]!;
    if (keep && !keep(item)) continue;
    if (page.length === limit) return { items: page, nextIndex: index };
    page.push(item);
  }
  return { items: page };
}

export function encodeSkipToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64url");
}

function decodeSkipToken(text: string): SkipToken | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (value === null || typeof value !== "object") return undefined;
    const { index, id } = value as Record<string, unknown>;
    if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || typeof id !== "string")
      return undefined;
    return { index, id };
  } catch {
    return undefined;
  }
}

/** Where a request's page starts: 0, or where its $skiptoken says, found again by id if the list moved. */
export function startIndex<T>(
  query: URLSearchParams,
  items: readonly T[],
  idOf: (item: T) => string,
): number {
  const text = query.get(skipTokenParameter);
  if (text === null) return 0;
  const token = decodeSkipToken(text);
  if (!token) throw invalidQueryParameter(skipTokenParameter, text, "The continuation token is not valid.");
  const atIndex = items[token.index];
  if (atIndex !== undefined && idOf(atIndex) === token.id) return token.index;
  const moved = items.findIndex((item) => idOf(item) === token.id);
  return moved === -1 ? Math.min(token.index, items.length) : moved;
}

export function nextLink(request: SimRequest, token: SkipToken): string {
  const query = new URLSearchParams(request.query);
  query.set(skipTokenParameter, encodeSkipToken(token));
  return `${request.baseUrl}${request.path}?${query.toString()}`;
}

export interface ListSpec<T extends object> {
  /** The odata.metadata fragment, e.g. "pools". */
  metadata: string;
  pageSize: PageSize;
  filter: FilterSchema;
  /** The properties $select may name; absent for lists the specification gives no $select. */
  selectable?: readonly string[];
  idOf(item: T): string;
}

export function listResponse<T extends object>(
  request: SimRequest,
  items: readonly T[],
  spec: ListSpec<T>,
): SimResponse {
  const { query } = request;
  const limit = maxResults(query, spec.pageSize);
  const keep = filterOption(query, spec.filter);
  const project = spec.selectable ? selectOption(query, spec.selectable) : undefined;
  const page = scanPage(items, startIndex(query, items, spec.idOf), limit, keep);
  const next = page.nextIndex === undefined ? undefined : items[page.nextIndex];
  return jsonResponse(request, {
    "odata.metadata": metadataUrl(request, spec.metadata),
    value: project ? page.items.map(project) : page.items,
    ...(next === undefined || page.nextIndex === undefined
      ? {}
      : { "odata.nextLink": nextLink(request, { index: page.nextIndex, id: spec.idOf(next) }) }),
  });
}
