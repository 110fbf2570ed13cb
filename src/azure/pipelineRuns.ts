import { AzureRequestError } from "./azureError.js";
import type {
  FactoryActivityRun,
  FactoryRef,
  PipelineHostRef,
  PipelineRunInfo,
  RecoveryRunRequest,
  WorkspaceRef,
} from "../model/pipelineRuns.js";

/**
 * Reads of pipeline runs, in a data factory (Microsoft.DataFactory 2018-06-01) or a Synapse
 * workspace (its data plane, 2020-12-01). Every call names its host: batchtop learns it from what it
 * already has about a task (Log Analytics' `_ResourceId`), not from configuration. Present in
 * read-only mode: the run queries are POSTs the read-only guard allows by name.
 */
export interface PipelineRunReader {
  /** One run. A run the host does not know is an AzureRequestError with 404. */
  getPipelineRun(host: PipelineHostRef, runId: string, signal?: AbortSignal): Promise<PipelineRunInfo>;
  /** Every activity run of a pipeline run, all pages (see `runQueryWindow`). */
  activityRuns(host: PipelineHostRef, run: RunToQuery, signal?: AbortSignal): Promise<FactoryActivityRun[]>;
}

/**
 * The run whose activity runs are asked for. Synapse addresses them under the pipeline
 * (`pipelines/{name}/pipelineruns/{runId}/queryActivityruns`): without the name it reads the run first.
 */
export type RunToQuery = Pick<PipelineRunInfo, "runId" | "start"> &
  Partial<Pick<PipelineRunInfo, "pipelineName">>;

/** Starts pipeline runs. Absent in read-only mode: a mutation that was never built cannot be called. */
export interface PipelineRunner {
  /**
   * A recovery run of a failed run (see RecoveryRunRequest): a new pipeline run, its id the answer,
   * grouped with the reference run. Sent once: a retry after a lost answer could start a second
   * run, so a failure is reported, never repeated.
   */
  createRecoveryRun(request: RecoveryRunRequest, signal?: AbortSignal): Promise<string>;
}

/** One run API (Data Factory's or Synapse's), addressed by its own kind of host. */
export interface HostRunApi<Host> {
  getPipelineRun(host: Host, runId: string, signal?: AbortSignal): Promise<PipelineRunInfo>;
  activityRuns(host: Host, run: RunToQuery, signal?: AbortSignal): Promise<FactoryActivityRun[]>;
}

export interface HostRunStarter<Host> {
  createRecoveryRun(
    host: Host,
    request: Omit<RecoveryRunRequest, "host">,
    signal?: AbortSignal,
  ): Promise<string>;
}

/** The run APIs batchtop can reach: Data Factory through ARM, Synapse through its workspaces' endpoint. */
export interface RunApis<T extends "api" | "starter"> {
  adf?: T extends "api" ? HostRunApi<FactoryRef> : HostRunStarter<FactoryRef>;
  synapse?: T extends "api" ? HostRunApi<WorkspaceRef> : HostRunStarter<WorkspaceRef>;
}

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
/** How long Data Factory and Synapse keep pipeline run data. */
const retentionMs = 45 * dayMs;

/**
 * The window a run query needs on the activity runs' last update: from a minute before the run
 * started (45 days back, the retention, when the start is not known) to a day ahead of this
 * machine's clock, so a clock behind the service's loses nothing.
 */
export function runQueryWindow(start: Date | undefined, nowMs: number): { after: Date; before: Date } {
  return {
    after: new Date(start ? start.getTime() - minuteMs : nowMs - retentionMs),
    before: new Date(nowMs + dayMs),
  };
}

/** The filter of one page of an activity-run query: the window, and the token the page before gave. */
export interface ActivityRunFilter {
  lastUpdatedAfter: Date;
  lastUpdatedBefore: Date;
  continuationToken?: string;
}

/** Every page of an activity-run query (Data Factory's and Synapse's page alike), mapped. */
export async function allActivityRuns<Item>(
  window: { after: Date; before: Date },
  fetchPage: (
    filter: ActivityRunFilter,
  ) => Promise<{ value: Item[]; continuationToken?: string | undefined }>,
  map: (item: Item) => FactoryActivityRun | undefined,
): Promise<FactoryActivityRun[]> {
  const runs: FactoryActivityRun[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await fetchPage({
      lastUpdatedAfter: window.after,
      lastUpdatedBefore: window.before,
      ...(continuationToken ? { continuationToken } : {}),
    });
    for (const item of page.value) {
      const mapped = map(item);
      if (mapped) runs.push(mapped);
    }
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken);
  return runs;
}

/** An answer without the fields batchtop keys on is the service's fault, named as such. */
export function malformedRunAnswer(service: string, what: string): AzureRequestError {
  return new AzureRequestError(
    `${service} answered ${what} without its identifiers`,
    undefined,
    "MalformedAnswer",
    undefined,
    undefined,
  );
}

/** A host whose run API batchtop was not given: said plainly rather than sent anywhere. */
function unreachable(host: PipelineHostRef): Error {
  return new Error(
    host.kind === "adf"
      ? `Data Factory is not reachable from this session (no ARM endpoint), so factory ${host.factory.factoryName} cannot be asked`
      : `Synapse is not reachable from this session (no Synapse endpoint), so workspace ${host.workspace.workspaceName} cannot be asked`,
  );
}

/** The reader over whichever run APIs are reachable, each host sent to its own. */
export function createPipelineRunReader(apis: RunApis<"api">): PipelineRunReader {
  return {
    getPipelineRun: (host, runId, signal) => {
      if (host.kind === "adf")
        return apis.adf
          ? apis.adf.getPipelineRun(host.factory, runId, signal)
          : Promise.reject(unreachable(host));
      return apis.synapse
        ? apis.synapse.getPipelineRun(host.workspace, runId, signal)
        : Promise.reject(unreachable(host));
    },
    activityRuns: (host, run, signal) => {
      if (host.kind === "adf")
        return apis.adf
          ? apis.adf.activityRuns(host.factory, run, signal)
          : Promise.reject(unreachable(host));
      return apis.synapse
        ? apis.synapse.activityRuns(host.workspace, run, signal)
        : Promise.reject(unreachable(host));
    },
  };
}

/** The runner over whichever run APIs are reachable. */
export function createPipelineRunner(starters: RunApis<"starter">): PipelineRunner {
  return {
    createRecoveryRun: ({ host, ...request }, signal) => {
      if (host.kind === "adf")
        return starters.adf
          ? starters.adf.createRecoveryRun(host.factory, request, signal)
          : Promise.reject(unreachable(host));
      return starters.synapse
        ? starters.synapse.createRecoveryRun(host.workspace, request, signal)
        : Promise.reject(unreachable(host));
    },
  };
}
