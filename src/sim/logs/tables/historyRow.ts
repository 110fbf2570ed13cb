/**
 * Which table a history record lands in, and its row there: every record is exactly one row, as every
 * status transition and Batch event is one log entry in Azure.
 */
import type { HistoryRecord } from "../../world/history.js";
import type { LogRecord } from "../kql/inputRows.js";
import { adfActivityRunRow, adfPipelineRunRow } from "./adfRows.js";
import { batchEventRow } from "./azureDiagnosticsRows.js";
import type { Workspace } from "./resourceColumns.js";
import { synapseActivityRunRow, synapsePipelineRunRow } from "./synapseRows.js";

export const workspaceTableNames = [
  "ADFPipelineRun",
  "ADFActivityRun",
  "SynapseIntegrationPipelineRuns",
  "SynapseIntegrationActivityRuns",
  "AzureDiagnostics",
] as const;

export type WorkspaceTableName = (typeof workspaceTableNames)[number];

export function historyRow(
  record: HistoryRecord,
  workspace: Workspace,
): { table: WorkspaceTableName; row: LogRecord } {
  switch (record.kind) {
    case "pipelineRun":
      return record.host.kind === "adf"
        ? { table: "ADFPipelineRun", row: adfPipelineRunRow(record, workspace) }
        : { table: "SynapseIntegrationPipelineRuns", row: synapsePipelineRunRow(record, workspace) };
    case "activityRun":
      return record.host.kind === "adf"
        ? { table: "ADFActivityRun", row: adfActivityRunRow(record, workspace) }
        : { table: "SynapseIntegrationActivityRuns", row: synapseActivityRunRow(record, workspace) };
    case "batchEvent":
      return { table: "AzureDiagnostics", row: batchEventRow(record, workspace) };
  }
}
