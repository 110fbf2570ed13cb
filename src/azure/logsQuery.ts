import {
  LogsQueryResultStatus,
  type LogsQueryClient,
  type LogsTable,
  type QueryTimeInterval,
} from "@azure/monitor-query-logs";
import { innermostMessage } from "./azureError.js";
import { formatIsoDuration } from "./isoDuration.js";
import type { LogRow } from "./runRows.js";
import type { AccountThrottle } from "./throttle.js";
import type { QueryWarning, TimeWindow } from "../model/runs.js";

export interface LogsQueryTarget {
  client: LogsQueryClient;
  workspaceId: string;
  throttle: AccountThrottle;
  /**
   * `Prefer: wait=N`: how long the service may work on a query. Below the throttle's request
   * timeout, so a slow query ends with the service saying so rather than with the client giving up.
   */
  serverTimeoutSeconds: number;
}

export interface LogsQueryOutcome {
  rows: LogRow[];
  /** Set when the service answered with part of the result and an error. */
  warning?: QueryWarning;
}

export function toQueryTimeInterval(window: TimeWindow): QueryTimeInterval {
  return "durationMs" in window
    ? { duration: formatIsoDuration(window.durationMs) }
    : { startTime: window.start, endTime: window.end };
}

function rowsOf(table: LogsTable | undefined): LogRow[] {
  if (!table) return [];
  const names = table.columnDescriptors.map((column) => column.name ?? "");
  return table.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]])));
}

/**
 * Runs one query through the workspace's throttle. A refused query throws an AzureRequestError in
 * the service's innermost words; a partial result (the service's `error` member next to its
 * tables) comes back with a warning naming `source`, never as if it were complete.
 */
export async function queryLogs(
  target: LogsQueryTarget,
  query: string,
  window: TimeWindow,
  source: string,
  signal?: AbortSignal,
): Promise<LogsQueryOutcome> {
  const result = await target.throttle.run(
    (attempt) =>
      target.client.queryWorkspace(target.workspaceId, query, toQueryTimeInterval(window), {
        abortSignal: attempt,
        serverTimeoutInSeconds: target.serverTimeoutSeconds,
      }),
    { signal },
  );
  if (result.status === LogsQueryResultStatus.Success) return { rows: rowsOf(result.tables[0]) };
  const reason = innermostMessage(result.partialError) ?? result.partialError.code ?? "unknown error";
  return {
    rows: rowsOf(result.partialTables[0]),
    warning: { source, message: `partial result, rows may be missing: ${reason}` },
  };
}
