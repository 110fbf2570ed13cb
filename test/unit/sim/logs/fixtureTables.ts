import { evaluateQuery, type QueryResult } from "../../../../src/sim/logs/kql/evaluator.js";
import type { TableSet } from "../../../../src/sim/logs/kql/inputRows.js";
import { logTableSchemas } from "../../../../src/sim/logs/tableSchemas.js";

/** The instant every fixture query runs at. */
export const now = new Date("2026-11-22T12:00:00Z");

/**
 * ADFActivityRun has one row per status transition, as in Azure: run a1 went Queued → InProgress →
 * Failed, a2 succeeded, a3 failed two days ago (outside `ago(1d)`).
 */
export const fixtureTables: TableSet = {
  ADFActivityRun: [
    {
      TimeGenerated: "2026-11-22T09:00:00Z",
      ActivityRunId: "a1",
      PipelineRunId: "p1",
      PipelineName: "Ingest",
      ActivityName: "Transform",
      ActivityType: "Custom",
      Status: "Queued",
      ActivityIterationCount: 1,
    },
    {
      TimeGenerated: "2026-11-22T09:05:00Z",
      ActivityRunId: "a1",
      PipelineRunId: "p1",
      PipelineName: "Ingest",
      ActivityName: "Transform",
      ActivityType: "Custom",
      Status: "InProgress",
      Start: "2026-11-22T09:05:00Z",
      ActivityIterationCount: 1,
    },
    {
      TimeGenerated: "2026-11-22T10:45:30Z",
      ActivityRunId: "a1",
      PipelineRunId: "p1",
      PipelineName: "Ingest",
      ActivityName: "Transform",
      ActivityType: "Custom",
      Status: "Failed",
      Start: "2026-11-22T09:05:00Z",
      End: "2026-11-22T10:45:30Z",
      ErrorCode: "2011",
      ErrorMessage: "Task exited with code 1: Out-of-memory in step_3",
      Output: { exitcode: 1, outputs: ["https://st.blob.core.windows.net/adfjobs/a1/output/stdout.txt"] },
      ActivityIterationCount: 1,
    },
    {
      TimeGenerated: "2026-11-22T11:00:00Z",
      ActivityRunId: "a2",
      PipelineRunId: "p2",
      PipelineName: "Report",
      ActivityName: "Render",
      ActivityType: "Custom",
      Status: "InProgress",
      Start: "2026-11-22T11:00:00Z",
      ActivityIterationCount: 2,
    },
    {
      TimeGenerated: "2026-11-22T11:30:00Z",
      ActivityRunId: "a2",
      PipelineRunId: "p2",
      PipelineName: "Report",
      ActivityName: "Render",
      ActivityType: "Custom",
      Status: "Succeeded",
      Start: "2026-11-22T11:00:00Z",
      End: "2026-11-22T11:30:00Z",
      Output: '{"exitcode":0}',
      ActivityIterationCount: 2,
    },
    {
      TimeGenerated: "2026-11-20T08:00:00Z",
      ActivityRunId: "a3",
      PipelineRunId: "p3",
      PipelineName: "Ingest",
      ActivityName: "Transform",
      ActivityType: "Custom",
      Status: "Failed",
      ErrorMessage: "User configuration issue",
      ActivityIterationCount: 3,
    },
  ],
  SynapseIntegrationActivityRuns: [
    {
      TimeGenerated: new Date("2026-11-22T10:00:00Z"),
      ActivityRunId: "s1",
      Status: "Succeeded",
      Tags: { team: "data", tier: 2 },
      UserProperties: [10, 20, 30],
    },
    {
      TimeGenerated: new Date("2026-11-22T10:10:00Z"),
      ActivityRunId: "s2",
      Status: "Failed",
      Tags: '{"team":"ml"}',
      UserProperties: [],
    },
    { TimeGenerated: new Date("2026-11-22T10:20:00Z"), ActivityRunId: "s3", Status: "Succeeded" },
  ],
  AzureDiagnostics: [
    {
      TimeGenerated: "2026-11-22T10:00:00Z",
      OperationName: "TaskCompleteEvent",
      Category: "ServiceLog",
      id_s: "t1",
      jobId_s: "adfv2-pool",
      executionInfo_exitCode_d: 0,
      nodeInfo_poolId_s: "pool",
    },
    {
      TimeGenerated: "2026-11-22T10:01:00Z",
      OperationName: "TaskFailEvent",
      Category: "ServiceLog",
      id_s: "t2",
      jobId_s: "adfv2-pool",
      executionInfo_exitCode_d: 137,
      nodeInfo_poolId_s: "pool",
    },
    {
      TimeGenerated: "2026-11-22T10:02:00Z",
      OperationName: "TaskCompleteEvent",
      Category: "ServiceLog",
      id_s: "t3",
      jobId_s: "adfv2-pool",
      executionInfo_exitCode_d: 1.5,
      nodeInfo_poolId_s: "pool",
    },
    {
      TimeGenerated: "2026-11-22T10:03:00Z",
      OperationName: "PoolResizeCompleteEvent",
      Category: "ServiceLog",
      id_s: "pool",
      currentDedicatedNodes_d: 4,
      enableAutoScale_b: false,
    },
  ],
};

/** Runs a query over the fixture tables at `now`. */
export function run(query: string, timeRange?: { start: number; end: number }): QueryResult {
  return evaluateQuery({
    query,
    schemas: logTableSchemas,
    tables: fixtureTables,
    now,
    ...(timeRange ? { timeRange } : {}),
  });
}

/** The rows of a query result as objects, for readable assertions. */
export function records(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])),
  );
}

/** The single column of a one-column result. */
export function column(result: QueryResult): unknown[] {
  return result.rows.map((row) => row[0]);
}

export const ms = (iso: string): number => Date.parse(iso);
