// ADF and Synapse pipelines that run on a schedule. A run goes through its activities in order; a
// Custom activity fans out into activity runs that each become a Batch task named after the
// activity run id (in job adfv2-<pool>), and a Web activity calls an Azure ML batch endpoint (rows
// in the history only, no Batch task). Every status transition is recorded for Log Analytics.

import type { PipelineRunEntry, RunInvoker } from "./factoryRuns.js";
import type { ActivitySpec, CustomActivitySpec, PipelineSpec, WebActivitySpec } from "./pipelineSpecs.js";
import type { ActivityRunRecord, ActivityType, PipelineHost, RunError, RunStatus } from "./history.js";
import { Random } from "./random.js";
import type { TaskOrigin } from "./taskOrigin.js";
import type { SimState, TaskRecord } from "./state.js";
import { createTask } from "./taskExecution.js";
import { STEP_MS, SECOND_MS, isoAt } from "./time.js";

interface PipelineRun {
  spec: PipelineSpec;
  runId: string;
  startMs: number;
  parameters: Readonly<Record<string, string>>;
  /** What the run API answers about this run, kept current with every transition. */
  entry: PipelineRunEntry;
}

interface ActivityRun {
  run: PipelineRun;
  name: string;
  type: ActivityType;
  activityRunId: string;
  startMs: number;
  input: Record<string, unknown>;
  linkedServiceName: string;
  batchTask?: ActivityRunRecord["batchTask"];
  done: boolean;
}

// Error codes and messages from ADF's "Troubleshoot Azure Data Factory and Synapse pipelines"
// guide: 2500 for an Azure Batch (Custom) activity whose program failed, 2108 for a Web activity
// whose endpoint refused the call.
const customFailure = (activity: string): RunError => ({
  errorCode: "2500",
  message: "Hit unexpected exception and execution failed.",
  failureType: "UserError",
  target: activity,
});

const webFailure = (activity: string, url: string): RunError => ({
  errorCode: "2108",
  message: `Error calling the endpoint '${url}'. Response status code: 'ClientSideException HttpStatusCode : 403, HttpStatusString: Forbidden'.`,
  failureType: "UserError",
  target: activity,
});

/**
 * An activity run failed by its policy timeout. ADF's troubleshooting guide publishes no error code
 * or message for an activity that exceeds its policy timeout (searched the guide and the docs'
 * issues), so this code and message are the simulator's stand-ins, not the service's words.
 */
const timeoutFailure = (activity: string, timeoutMs: number): RunError => ({
  errorCode: "ActivityTimedOut",
  message: `The activity run exceeded its policy timeout of ${policyTimespan(timeoutMs)} and was failed.`,
  failureType: "UserError",
  target: activity,
});

/** "0.00:10:00": the activity policy's timespan format (d.hh:mm:ss). */
function policyTimespan(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${Math.floor(seconds / 86_400)}.${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

function integrationRuntime(host: PipelineHost): string {
  return `AutoResolveIntegrationRuntime (${host.location})`;
}

function recordPipelineRun(
  sim: SimState,
  run: PipelineRun,
  status: RunStatus,
  failure?: { error: RunError; activityIndex: number },
): void {
  const terminal = status === "Succeeded" || status === "Failed";
  const error = failure?.error;
  const message = error && `Operation on target ${error.target} failed: ${error.message}`;
  const { entry } = run;
  entry.status = status;
  entry.lastUpdatedMs = sim.nowMs;
  if (terminal) entry.endMs = sim.nowMs;
  if (failure && message) {
    entry.failedActivityIndex = failure.activityIndex;
    entry.message = message;
  }
  sim.history.append({
    kind: "pipelineRun",
    time: isoAt(sim.nowMs),
    host: run.spec.host,
    pipelineName: run.spec.name,
    runId: run.runId,
    status,
    start: isoAt(run.startMs),
    ...(terminal ? { end: isoAt(sim.nowMs) } : {}),
    ...(error && message ? { error: { ...error, message } } : {}),
    parameters: run.parameters,
    triggerName: entry.invokedBy.name,
    ...(entry.invokedBy.invokedByType === "Manual" ? { invokedByType: "Manual" as const } : {}),
  });
}

/**
 * ADF logs an activity as Queued and, a moment later, InProgress. Logging both in the same second
 * would make `arg_max(TimeGenerated, *)` pick either, so a running activity could read as Queued.
 */
function queueThenStart(sim: SimState, activity: ActivityRun): void {
  recordActivityRun(sim, activity, "Queued");
  sim.timeline.at(sim.nowMs + SECOND_MS, () => {
    if (!activity.done) recordActivityRun(sim, activity, "InProgress");
  });
}

function recordActivityRun(
  sim: SimState,
  activity: ActivityRun,
  status: RunStatus,
  outcome?: { output: Record<string, unknown>; error?: RunError },
): void {
  const { run } = activity;
  const terminal = status === "Succeeded" || status === "Failed";
  const record: ActivityRunRecord = {
    kind: "activityRun",
    time: isoAt(sim.nowMs),
    host: run.spec.host,
    pipelineName: run.spec.name,
    pipelineRunId: run.runId,
    activityName: activity.name,
    activityRunId: activity.activityRunId,
    activityType: activity.type,
    status,
    start: isoAt(activity.startMs),
    ...(terminal ? { end: isoAt(sim.nowMs) } : {}),
    linkedServiceName: activity.linkedServiceName,
    effectiveIntegrationRuntime: integrationRuntime(run.spec.host),
    input: activity.input,
    ...(outcome ? { output: outcome.output } : {}),
    ...(outcome?.error ? { error: outcome.error } : {}),
    ...(activity.batchTask ? { batchTask: activity.batchTask } : {}),
  };
  sim.history.append(record);
  run.entry.activities.set(activity.activityRunId, record);
  run.entry.lastUpdatedMs = sim.nowMs;
}

/** Schedules every run of a pipeline, each at its trigger time; createRun can start it too. */
export function schedulePipeline(sim: SimState, spec: PipelineSpec): void {
  sim.factoryRuns.addPipeline(spec);
  const trigger = (atMs: number) =>
    sim.timeline.at(atMs, () => {
      startRun(sim, spec, {
        parameters: { runDate: isoAt(sim.nowMs).slice(0, 10) },
        invokedBy: { name: spec.triggerName, invokedByType: "ScheduleTrigger" },
        startIndex: 0,
      });
      trigger(atMs + spec.everyMs);
    });
  trigger(spec.firstRunMs);
}

interface RunStart {
  parameters: Readonly<Record<string, string>>;
  invokedBy: RunInvoker;
  /** The first activity to run; those before it are not run (a recovery run's succeeded part). */
  startIndex: number;
  /** A recovery run's: the run it recovers. */
  reference?: PipelineRunEntry;
}

/** Where a pipeline's run and activity run ids come from: its own stream, or the world's. */
function idsOf(sim: SimState, spec: PipelineSpec): Random {
  return spec.ids ?? sim.rng;
}

function startRun(sim: SimState, spec: PipelineSpec, start: RunStart): PipelineRunEntry {
  const runId = idsOf(sim, spec).guid();
  const entry: PipelineRunEntry = {
    spec,
    runId,
    runGroupId: start.reference?.runGroupId ?? runId,
    isLatest: true,
    ...(start.reference ? { referenceRunId: start.reference.runId } : {}),
    parameters: start.parameters,
    invokedBy: start.invokedBy,
    startMs: sim.nowMs,
    status: "Queued",
    lastUpdatedMs: sim.nowMs,
    activities: new Map(),
  };
  if (start.reference) {
    for (const member of sim.factoryRuns.group(entry.runGroupId)) member.isLatest = false;
  }
  sim.factoryRuns.add(entry, sim.nowMs);
  const run: PipelineRun = { spec, runId, startMs: sim.nowMs, parameters: start.parameters, entry };
  recordPipelineRun(sim, run, "Queued");
  // ADF picks a queued run up within seconds.
  sim.timeline.at(sim.nowMs + 2 * SECOND_MS, () => {
    recordPipelineRun(sim, run, "InProgress");
    runActivity(sim, run, start.startIndex);
  });
  return entry;
}

/**
 * Pipelines_CreateRun: a run started by hand (invokedBy "Manual"). A recovery run (`reference`)
 * joins the reference run's group, runs with its parameters and starts at `startIndex`: with
 * startFromFailure, the activity whose failure failed the reference run. The activities before it
 * are not run again, so the new run has no activity runs for them. A failed Custom activity with
 * fan-out runs all its partitions again, as ADF reruns a ForEach whole: each as a new activity run,
 * so a new Batch task, in the same adfv2-<pool> job.
 */
export function startManualRun(
  sim: SimState,
  spec: PipelineSpec,
  options: { parameters: Readonly<Record<string, string>>; startIndex: number; reference?: PipelineRunEntry },
): PipelineRunEntry {
  return startRun(sim, spec, {
    ...options,
    invokedBy: { name: "Manual", invokedByType: "Manual", id: sim.rng.hex(32) },
  });
}

function runActivity(sim: SimState, run: PipelineRun, index: number): void {
  const spec = run.spec.activities[index];
  if (!spec) {
    recordPipelineRun(sim, run, "Succeeded");
    return;
  }
  const next = (error: RunError | undefined) => {
    if (error) recordPipelineRun(sim, run, "Failed", { error, activityIndex: index });
    else runActivity(sim, run, index + 1);
  };
  if (spec.type === "Custom") runCustomActivity(sim, run, spec, next);
  else runWebActivity(sim, run, spec, next);
}

function newActivityRun(
  sim: SimState,
  run: PipelineRun,
  spec: ActivitySpec,
  input: Record<string, unknown>,
  linkedServiceName: string,
): ActivityRun {
  return {
    run,
    name: spec.name,
    type: spec.type,
    activityRunId: idsOf(sim, run.spec).guid(),
    startMs: sim.nowMs,
    input,
    linkedServiceName,
    done: false,
  };
}

function runCustomActivity(
  sim: SimState,
  run: PipelineRun,
  spec: CustomActivitySpec,
  next: (error: RunError | undefined) => void,
): void {
  const job = sim.jobRecords.get(`adfv2-${run.spec.poolId}`);
  if (!job)
    throw new Error(`Pipeline ${run.spec.name} runs on pool ${run.spec.poolId}, which has no adfv2 job`);
  const breakage = run.spec.breakage;
  const broken =
    breakage !== undefined &&
    breakage.activityName === spec.name &&
    sim.nowMs >= breakage.fromMs &&
    !(breakage.fixedFromMs !== undefined && sim.nowMs >= breakage.fixedFromMs);
  const program = broken ? breakage.program : spec.program;
  const blobs = `https://${sim.account.storageAccountName}.blob.core.windows.net`;
  let pending = spec.fanOut;
  let firstError: RunError | undefined;

  for (let partition = 0; partition < spec.fanOut; partition++) {
    const activity = newActivityRun(sim, run, spec, {}, `ls_batch_${run.spec.poolId}`);
    const taskId = activity.activityRunId;
    const origin: TaskOrigin = {
      host: run.spec.host,
      pipelineName: run.spec.name,
      pipelineRunId: run.runId,
      activityName: spec.name,
    };
    const output = (exitCode: number | undefined) => ({
      ...(exitCode !== undefined ? { exitcode: exitCode } : {}),
      outputs: [
        `${blobs}/adfjobs/${taskId}/output/stdout.txt`,
        `${blobs}/adfjobs/${taskId}/output/stderr.txt`,
      ],
      effectiveIntegrationRuntime: integrationRuntime(run.spec.host),
      executionDuration: Math.round((sim.nowMs - activity.startMs) / 1000),
    });
    const finish = (status: RunStatus, outcome: { output: Record<string, unknown>; error?: RunError }) => {
      activity.done = true;
      recordActivityRun(sim, activity, status, outcome);
      firstError ??= outcome.error;
      pending -= 1;
      if (pending === 0) next(firstError);
    };
    const onCompleted = (record: TaskRecord) => {
      // A task reactivated by hand (or one that outlived its timed-out activity) completes again,
      // but ADF already reported the activity.
      if (activity.done) return;
      const info = record.task.executionInfo;
      const succeeded = info?.result === "success";
      const error = succeeded ? undefined : customFailure(spec.name);
      finish(succeeded ? "Succeeded" : "Failed", {
        output: output(info?.exitCode),
        ...(error ? { error } : {}),
      });
    };
    const { timeoutMs } = spec;
    if (timeoutMs !== undefined)
      sim.timeline.at(sim.nowMs + timeoutMs, () => {
        // ADF fails the activity and leaves its Batch task running.
        if (!activity.done)
          finish("Failed", { output: output(undefined), error: timeoutFailure(spec.name, timeoutMs) });
      });
    const record = createTask(sim, job, {
      id: taskId,
      program,
      origin,
      maxTaskRetryCount: spec.maxTaskRetryCount,
      ...(run.spec.storageIdentity !== undefined ? { storageIdentity: run.spec.storageIdentity } : {}),
      onCompleted,
    });
    activity.input = {
      command: record.task.commandLine,
      resourceLinkedService: { referenceName: "ls_storage_adfjobs", type: "LinkedServiceReference" },
      folderPath: `scripts/${run.spec.name}`,
      referenceObjects: { linkedServices: [], datasets: [] },
    };
    activity.batchTask = { poolId: run.spec.poolId, jobId: job.job.id, taskId };
    queueThenStart(sim, activity);
  }
}

function runWebActivity(
  sim: SimState,
  run: PipelineRun,
  spec: WebActivitySpec,
  next: (error: RunError | undefined) => void,
): void {
  const activity = newActivityRun(
    sim,
    run,
    spec,
    { method: "POST", url: spec.url, authentication: { type: "MSI", resource: "https://ml.azure.com/" } },
    "",
  );
  queueThenStart(sim, activity);
  const rng = Random.derive(sim.seed, `${activity.activityRunId}#web`);
  const [shortest, longest] = spec.durationMs;
  const durationMs = Math.round(rng.between(shortest, longest) / STEP_MS) * STEP_MS;
  const failed = rng.chance(spec.failureRate);
  sim.timeline.at(sim.nowMs + Math.max(durationMs, 2 * SECOND_MS), () => {
    activity.done = true;
    const error = failed ? webFailure(spec.name, spec.url) : undefined;
    recordActivityRun(sim, activity, failed ? "Failed" : "Succeeded", {
      output: failed ? {} : { name: rng.guid(), properties: { status: "Preparing" } },
      ...(error ? { error } : {}),
    });
    next(error);
  });
}
