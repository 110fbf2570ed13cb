/**
 * The demo workspace's Log Analytics query API (`https://api.loganalytics.io/v1`):
 * `POST /v1/workspaces/{id}/query` with `{query, timespan?}` (and `GET ...?query=&timespan=`),
 * answered by the KQL evaluator over the tables the world holds at that moment.
 */
import type { SimRequest, SimResponse, SimService } from "../http/service.js";
import { type TableSet } from "./kql/inputRows.js";
import { evaluateQuery } from "./kql/evaluator.js";
import { KqlError } from "./kql/kqlError.js";
import {
  LogsApiError,
  badArgument,
  queryRejected,
  renderLogsAuthFailure,
  renderLogsError,
} from "./logsErrors.js";
import { logTableSchemas } from "./tableSchemas.js";
import { type TimeRange, parseTimespanParameter } from "./timespanParameter.js";
import { toWireTables } from "./wireFormat.js";

export interface LogsServiceOptions {
  /** The workspace (customer) id clients query, a GUID. */
  workspaceId: string;
  now: () => Date;
}

const QUERY_PATH = /^\/v1\/workspaces\/([^/]+)\/query$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface QueryRequest {
  query: string;
  timespan?: string;
  workspaces?: string[];
}

function invalidBody(message: string): LogsApiError {
  return badArgument({ code: "InvalidRequestBody", message });
}

function readBody(request: SimRequest): QueryRequest {
  if (request.method === "GET") {
    const query = request.query.get("query");
    if (query === null) throw invalidBody("The 'query' parameter is required.");
    const timespan = request.query.get("timespan");
    return timespan === null ? { query } : { query, timespan };
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw invalidBody("The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null) throw invalidBody("The request body must be a JSON object.");
  const { query, timespan, workspaces } = body as Record<string, unknown>;
  if (typeof query !== "string") throw invalidBody("The 'query' property is required and must be a string.");
  if (timespan !== undefined && timespan !== null && typeof timespan !== "string") {
    throw invalidBody("The 'timespan' property must be an ISO 8601 string.");
  }
  if (workspaces !== undefined && workspaces !== null && !Array.isArray(workspaces)) {
    throw invalidBody("The 'workspaces' property must be an array of workspace ids.");
  }
  return {
    query,
    ...(typeof timespan === "string" ? { timespan } : {}),
    ...(Array.isArray(workspaces) ? { workspaces: workspaces.map(String) } : {}),
  };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `Prefer: wait=600, include-statistics=true` → 600. Only the wait is honoured (and echoed). */
function preferredWait(request: SimRequest): number | undefined {
  const header = request.headers["prefer"];
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  const match = /(?:^|[,;\s])wait=(\d+)/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

export function createLogsService(tables: () => TableSet, options: LogsServiceOptions): SimService {
  const workspaceId = options.workspaceId.toLowerCase();

  function checkWorkspace(id: string): void {
    // A workspace name instead of its GUID gets "PathNotFoundError: The requested path does not exist"
    // from the real gateway (Azure/azure-cli-extensions#3914). The answer for an unknown GUID below
    // is the service's usual one as far as we know; no recording of it was found.
    if (!GUID.test(id)) throw new LogsApiError(404, "PathNotFoundError", "The requested path does not exist");
    if (id.toLowerCase() !== workspaceId) {
      throw new LogsApiError(404, "WorkspaceNotFoundError", "The workspace could not be found");
    }
  }

  function timeRange(body: QueryRequest, now: Date): TimeRange | undefined {
    if (body.timespan === undefined) return undefined;
    const range = parseTimespanParameter(body.timespan, now);
    if (!range) {
      throw badArgument({
        code: "InvalidTimespan",
        message: `The timespan '${body.timespan}' is not an ISO 8601 duration or interval.`,
      });
    }
    return range;
  }

  return {
    name: "log-analytics",
    audience: "https://api.loganalytics.io/",
    owns: (path) => path.startsWith("/v1/"),
    renderError: renderLogsError,
    renderAuthFailure: renderLogsAuthFailure,

    handle(request: SimRequest): SimResponse {
      const match = QUERY_PATH.exec(request.path);
      if (!match) throw new LogsApiError(404, "PathNotFoundError", "The requested path does not exist");
      checkWorkspace(decodePathSegment(match[1] ?? ""));
      if (request.method !== "POST" && request.method !== "GET") {
        throw new LogsApiError(
          405,
          "MethodNotAllowed",
          `The method '${request.method}' is not allowed on this path`,
        );
      }
      const body = readBody(request);
      const other = body.workspaces?.find((id) => id.toLowerCase() !== workspaceId);
      if (other !== undefined) {
        throw badArgument({
          code: "NotSupported",
          message: `Querying other workspaces ('${other}') is not supported by the batchtop demo account`,
        });
      }
      const now = options.now();
      const range = timeRange(body, now);
      let result;
      try {
        result = evaluateQuery({
          query: body.query,
          schemas: logTableSchemas,
          tables: tables(),
          now,
          ...(range ? { timeRange: range } : {}),
        });
      } catch (error) {
        if (error instanceof KqlError) throw queryRejected(error);
        throw error;
      }
      const wait = preferredWait(request);
      return {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          ...(wait === undefined ? {} : { "preference-applied": `wait=${wait}` }),
        },
        body: toWireTables(result),
      };
    },
  };
}
