import type { BatchWriter } from "../azure/batchWriter.js";
import type { ActionPlan } from "../model/actions/actionPlan.js";
import { describeError } from "../azure/describeError.js";
import { planAttempt, type AttemptLog } from "./attemptLog.js";
import type { PoolIdentities } from "./poolIdentities.js";

/** The action was sent; only its journal line is missing. */
export class JournalError extends Error {}

/** Sends confirmed plans, once each, and writes every attempt to the audit journal. */
export interface ActionRunner {
  execute(plan: ActionPlan): Promise<void>;
}

/** Pool identities are set through ARM only: without pool management there is no way to send them. */
const noArm =
  "pool identities are set through ARM: give batchtop the account's subscription and resource group";

/**
 * Batch takes these one node per request: sent in turn, and on a refusal the rest are not sent, so
 * the error says which nodes it already reached and which it did not.
 */
async function eachNode(nodeIds: readonly string[], send: (nodeId: string) => Promise<void>): Promise<void> {
  for (const [index, nodeId] of nodeIds.entries()) {
    try {
      await send(nodeId);
    } catch (error) {
      if (nodeIds.length === 1) throw error;
      const done = nodeIds.slice(0, index);
      const rest = nodeIds.slice(index + 1);
      throw new Error(
        `${nodeId}: ${describeError(error)} (sent to ${done.length > 0 ? done.join(", ") : "none before it"}; not sent to ${rest.length > 0 ? rest.join(", ") : "none after it"})`,
        { cause: error },
      );
    }
  }
}

async function send(
  writer: BatchWriter,
  identities: Pick<PoolIdentities, "send"> | undefined,
  plan: ActionPlan,
): Promise<void> {
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
      return writer.rebootNode(plan.poolId, plan.nodeId, "requeue");
    case "rerun":
      return writer.reactivateTask(plan.jobId, plan.taskId);
    case "remove-nodes":
      return writer.removeNodes(plan.poolId, plan.nodeIds, plan.option);
    case "disable-scheduling":
      return eachNode(plan.nodeIds, (nodeId) =>
        writer.disableNodeScheduling(plan.poolId, nodeId, plan.option),
      );
    case "enable-scheduling":
      return eachNode(plan.nodeIds, (nodeId) => writer.enableNodeScheduling(plan.poolId, nodeId));
    case "reimage":
      return eachNode(plan.nodeIds, (nodeId) => writer.reimageNode(plan.poolId, nodeId, plan.option));
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
): ActionRunner {
  return {
    async execute(plan) {
      const attempt = planAttempt(plan);
      try {
        await send(writer, identities, plan);
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
      try {
        await attempts.record(attempt, "sent");
      } catch (error) {
        // The change went out: say so, and that it is missing from the journal.
        throw new JournalError(
          `sent, but not written to ${attempts.journal.shownAs}: ${describeError(error)}`,
        );
      }
    },
  };
}
