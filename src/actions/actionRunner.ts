import type { BatchWriter } from "../azure/batchWriter.js";
import type { PipelineRunner } from "../azure/pipelineRuns.js";
import type { ActionPlan } from "../model/actions/actionPlan.js";
import { describeError } from "../azure/describeError.js";
import { planAttempt, type AttemptLog } from "./attemptLog.js";
import type { PoolIdentities } from "./poolIdentities.js";

/** The action was sent; only its journal line is missing. */
export class JournalError extends Error {
  /** What was sent and answered, for the follow: the change went out all the same. */
  readonly receipt: ActionReceipt;
  constructor(message: string, { receipt }: { receipt: ActionReceipt }) {
    super(message);
    this.receipt = receipt;
  }
}

/** Sends confirmed plans, once each, and writes every attempt to the audit journal. */
export interface ActionRunner {
  execute(plan: ActionPlan): Promise<ActionReceipt>;
}

/** What the service answered that the follow needs: the new pipeline runs of a recovery, in group order. */
export interface ActionReceipt {
  recoveryRunIds?: string[];
}

/** Pool identities are set through ARM only: without pool management there is no way to send them. */
const noArm =
  "pool identities are set through ARM: give batchtop the account's subscription and resource group";

/** Data Factory and Synapse runs are started through their own APIs, which batchtop was not given. */
const noPipelines =
  "pipeline runs are started through Data Factory or Synapse, which this session cannot reach";

/**
 * Batch takes these one node (or task) per request: sent in turn, and on a refusal the rest are not
 * sent, so the error says which it already reached and which it did not.
 */
async function eachOf<T>(ids: readonly string[], send: (id: string) => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (const [index, id] of ids.entries()) {
    try {
      answers.push(await send(id));
    } catch (error) {
      if (ids.length === 1) throw error;
      const done = ids.slice(0, index);
      const rest = ids.slice(index + 1);
      throw new Error(
        `${id}: ${describeError(error)} (sent to ${done.length > 0 ? done.join(", ") : "none before it"}; not sent to ${rest.length > 0 ? rest.join(", ") : "none after it"})`,
        { cause: error },
      );
    }
  }
  return answers;
}

interface Senders {
  writer: BatchWriter;
  identities: Pick<PoolIdentities, "send"> | undefined;
  pipelines: PipelineRunner | undefined;
}

async function send(
  { writer, identities, pipelines }: Senders,
  plan: ActionPlan,
): Promise<ActionReceipt | void> {
  switch (plan.kind) {
    case "rescale":
      return writer.resizePool(plan.poolId, {
        targetDedicatedNodes: plan.to.dedicated,
        targetSpotNodes: plan.to.spot,
        nodeDeallocationOption: plan.deallocation,
        ...(plan.resizeTimeoutMinutes === undefined
          ? {}
          : { resizeTimeoutMinutes: plan.resizeTimeoutMinutes }),
      });
    case "stop-resize":
      return writer.stopPoolResize(plan.poolId);
    case "reboot":
      await eachOf(plan.nodeIds, (nodeId) => writer.rebootNode(plan.poolId, nodeId, "requeue"));
      return;
    case "rerun":
      await eachOf(plan.taskIds, (taskId) => writer.reactivateTask(plan.jobId, taskId));
      return;
    case "recovery-run": {
      if (!pipelines) throw new Error(noPipelines);
      // Keyed by the reference run, so a refusal names the pipeline runs reached and not reached.
      const byReference = new Map(plan.groups.map((group) => [group.request.referencePipelineRunId, group]));
      const recoveryRunIds = await eachOf([...byReference.keys()], (reference) =>
        pipelines.createRecoveryRun(byReference.get(reference)!.request),
      );
      return { recoveryRunIds };
    }
    case "remove-nodes":
      return writer.removeNodes(plan.poolId, plan.nodeIds, plan.option);
    case "disable-scheduling":
      await eachOf(plan.nodeIds, (nodeId) => writer.disableNodeScheduling(plan.poolId, nodeId, plan.option));
      return;
    case "enable-scheduling":
      await eachOf(plan.nodeIds, (nodeId) => writer.enableNodeScheduling(plan.poolId, nodeId));
      return;
    case "reimage":
      await eachOf(plan.nodeIds, (nodeId) => writer.reimageNode(plan.poolId, nodeId, plan.option));
      return;
    case "terminate-task":
      return writer.terminateTask(plan.jobId, plan.taskId);
    case "autoscale-formula":
      return writer.enableAutoScale(plan.poolId, plan.to);
    case "attach-identity":
    case "detach-identity":
      if (!identities) throw new Error(noArm);
      await identities.send(plan);
      return;
  }
}

/**
 * The only way the dashboard changes anything in Azure. Exists only when the writer does, which
 * read-only mode never constructs. A failure is recorded and rethrown in the service's words.
 */
export function createActionRunner(
  writer: BatchWriter,
  attempts: AttemptLog,
  identities?: Pick<PoolIdentities, "send">,
  pipelines?: PipelineRunner,
): ActionRunner {
  return {
    async execute(plan) {
      const attempt = planAttempt(plan);
      let receipt: ActionReceipt = {};
      try {
        receipt = (await send({ writer, identities, pipelines }, plan)) ?? {};
      } catch (error) {
        const message = describeError(error);
        try {
          await attempts.record(attempt, "failed", { error: message });
        } catch (journalError) {
          // The service's refusal is what the operator must read; the journal's trouble comes second.
          throw new Error(
            `${message} (and not written to ${attempts.journal.shownAs}: ${describeError(journalError)})`,
            { cause: error },
          );
        }
        throw new Error(message, { cause: error });
      }
      const started = receipt.recoveryRunIds;
      try {
        await attempts.record(
          attempt,
          "sent",
          started ? { detail: `new pipeline runs: ${started.join(", ")}` } : {},
        );
      } catch (error) {
        // The change went out: say so, and that it is missing from the journal.
        throw new JournalError(
          `sent, but not written to ${attempts.journal.shownAs}: ${describeError(error)}`,
          { receipt },
        );
      }
      return receipt;
    },
  };
}
