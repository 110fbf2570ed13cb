/**
 * Data Factory pipeline runs as the Data Factory API (Microsoft.DataFactory, 2018-06-01) reports
 * them, for the re-run from the failed activity: which factory, which run, which activity failed.
 * Log Analytics rows (src/model/runs.ts) tell batchtop which pipeline run owns a task; these are the
 * factory's own answers about that run.
 */
import type { RunError } from "./runs.js";

/** A data factory, as ARM addresses it: the client is built per subscription, calls name the rest. */
export interface FactoryRef {
  subscriptionId: string;
  resourceGroup: string;
  factoryName: string;
}

const factoryIdPattern =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DataFactory\/factories\/([^/]+)\/?$/i;

/** A Synapse workspace, as ARM addresses it; its pipeline runs are served by its own endpoint. */
export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
}

/** Where a pipeline runs: a data factory or a Synapse workspace, each with its own run API. */
export type PipelineHostRef =
  | { kind: "adf"; factory: FactoryRef }
  | { kind: "synapse"; workspace: WorkspaceRef };

const workspaceIdPattern =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Synapse\/workspaces\/([^/]+)\/?$/i;

/**
 * The factory or workspace an ARM resource id names (Log Analytics' `_ResourceId` of a run row).
 * Undefined for anything else.
 */
export function pipelineHostFromResourceId(resourceId: string): PipelineHostRef | undefined {
  const factory = factoryFromResourceId(resourceId);
  if (factory) return { kind: "adf", factory };
  const match = workspaceIdPattern.exec(resourceId.trim());
  if (!match) return undefined;
  const [, subscriptionId = "", resourceGroup = "", workspaceName = ""] = match;
  return { kind: "synapse", workspace: { subscriptionId, resourceGroup, workspaceName } };
}

/** "factory adf-contoso-etl" or "Synapse workspace syn-contoso": how dialogs name a host. */
export function hostLabel(host: PipelineHostRef): string {
  return host.kind === "adf"
    ? `factory ${host.factory.factoryName}`
    : `Synapse workspace ${host.workspace.workspaceName}`;
}

/**
 * The factory an ARM resource id names. Log Analytics gives it in the run rows' `ResourceId` (upper
 * case) and `_ResourceId` (lower case); ARM names are case-insensitive, so either addresses the
 * factory. Undefined for anything else (a Synapse workspace's id, a malformed id).
 */
export function factoryFromResourceId(resourceId: string): FactoryRef | undefined {
  const match = factoryIdPattern.exec(resourceId.trim());
  if (!match) return undefined;
  const [, subscriptionId = "", resourceGroup = "", factoryName = ""] = match;
  return { subscriptionId, resourceGroup, factoryName };
}

/** Who started a pipeline run: a trigger by name and kind ("ScheduleTrigger"), or "Manual". */
export interface RunInvoker {
  name: string;
  kind: string;
}

/** One pipeline run in the factory's words. */
export interface PipelineRunInfo {
  runId: string;
  pipelineName: string;
  /** Queued, InProgress, Succeeded, Failed, Canceling or Cancelled. */
  status: string;
  /** Shared by a run and every recovery run of it: the group the factory's monitor shows together. */
  runGroupId?: string;
  /** False once a recovery run of it exists: the newest run of the group is the one that counts. */
  isLatest?: boolean;
  start?: Date;
  /** Undefined while the run has not ended. */
  end?: Date;
  lastUpdated?: Date;
  /** The factory's message on a failed run (neutralised for display). */
  message?: string;
  invokedBy?: RunInvoker;
  parameters: Readonly<Record<string, string>>;
}

/** One activity run of a pipeline run, in the factory's words. */
export interface FactoryActivityRun {
  pipelineRunId: string;
  activityName: string;
  activityRunId: string;
  /** "Custom" runs as a Batch task named after the activity run id, in job `adfv2-<pool>`. */
  activityType: string;
  /** Queued, InProgress, Succeeded, Failed or Cancelled. */
  status: string;
  start?: Date;
  end?: Date;
  error?: RunError;
}

/**
 * A recovery run of a failed pipeline run: the pipeline runs again from its failed activity with the
 * reference run's parameters, the activities that succeeded before it not run again. The UI's
 * "re-run the pipeline from the failed activity". Data Factory finds the failed activity itself
 * (`startFromFailure`); Synapse's API has no such flag and is told the activity by name
 * (`startActivityName`).
 */
export interface RecoveryRunRequest {
  host: PipelineHostRef;
  pipelineName: string;
  /** The failed run to recover; its parameters are reused. */
  referencePipelineRunId: string;
  /** The activity the recovery starts from: the one whose failure failed the reference run. */
  failedActivityName: string;
}
