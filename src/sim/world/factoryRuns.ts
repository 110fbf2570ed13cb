// What Data Factory's run API (and Synapse's) answers from: each pipeline run in its latest state,
// with its activity runs in theirs, kept beside the history (which has one record per transition, for
// Log Analytics). Runs are kept as long as the factory keeps them (45 days), and are found by id.

import type { ActivityRunRecord, PipelineHost, RunStatus } from "./history.js";
import type { PipelineSpec } from "./pipelineSpecs.js";
import { DAY_MS } from "./time.js";

/** Who started a run, as the run API's `invokedBy` says it. */
export interface RunInvoker {
  name: string;
  invokedByType: "ScheduleTrigger" | "Manual";
  /** The manual request's id; a trigger run's id is not modelled. */
  id?: string;
}

export interface PipelineRunEntry {
  spec: PipelineSpec;
  runId: string;
  /** The first run's id, shared by every recovery run of it. */
  runGroupId: string;
  /** False once a recovery run of the group started after this one. */
  isLatest: boolean;
  /** Set on a recovery run: the run it recovers. */
  referenceRunId?: string;
  parameters: Readonly<Record<string, string>>;
  invokedBy: RunInvoker;
  startMs: number;
  status: RunStatus;
  endMs?: number;
  lastUpdatedMs: number;
  /** The failed run's message, "Operation on target X failed: ...". */
  message?: string;
  /** Index in `spec.activities` of the activity whose failure failed the run. */
  failedActivityIndex?: number;
  /** Latest record of each activity run, by activity run id, in the order they started. */
  activities: Map<string, ActivityRunRecord>;
}

const retentionMs = 45 * DAY_MS;

export class FactoryRunBook {
  private readonly runs = new Map<string, PipelineRunEntry>();
  private readonly pipelines = new Map<string, PipelineSpec>();

  /** Pipelines by host and name: what createRun can start. */
  addPipeline(spec: PipelineSpec): void {
    this.pipelines.set(pipelineKey(spec.host.resourceId, spec.name), spec);
  }

  pipeline(hostResourceId: string, name: string): PipelineSpec | undefined {
    return this.pipelines.get(pipelineKey(hostResourceId, name));
  }

  /** Every pipeline of that name, in whichever factory or workspace. */
  pipelinesNamed(name: string): PipelineSpec[] {
    return [...this.pipelines.values()].filter((spec) => spec.name.toLowerCase() === name.toLowerCase());
  }

  hosts(): PipelineHost[] {
    const byId = new Map<string, PipelineHost>();
    for (const spec of this.pipelines.values()) byId.set(spec.host.resourceId.toLowerCase(), spec.host);
    return [...byId.values()];
  }

  add(entry: PipelineRunEntry, nowMs: number): void {
    this.runs.set(entry.runId.toLowerCase(), entry);
    // Runs are added in start order, so the oldest are first.
    for (const [key, run] of this.runs) {
      if (run.startMs >= nowMs - retentionMs) break;
      this.runs.delete(key);
    }
  }

  /** A run of the given factory or workspace (ids compared as ARM does, without regard to case). */
  find(hostResourceId: string, runId: string): PipelineRunEntry | undefined {
    const run = this.runs.get(runId.toLowerCase());
    return run && run.spec.host.resourceId.toLowerCase() === hostResourceId.toLowerCase() ? run : undefined;
  }

  of(hostResourceId: string): PipelineRunEntry[] {
    const host = hostResourceId.toLowerCase();
    return [...this.runs.values()].filter((run) => run.spec.host.resourceId.toLowerCase() === host);
  }

  group(runGroupId: string): PipelineRunEntry[] {
    return [...this.runs.values()].filter((run) => run.runGroupId === runGroupId);
  }
}

function pipelineKey(hostResourceId: string, name: string): string {
  return `${hostResourceId.toLowerCase()}|${name.toLowerCase()}`;
}
