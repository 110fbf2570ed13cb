import type { PipelineRunReader } from "../azure/pipelineRuns.js";
import { describeError } from "../azure/describeError.js";
import { recoveryRefusal, type RecoveryGroup } from "../model/actions/rerunPlans.js";
import { hostLabel } from "../model/pipelineRuns.js";

/** The pipeline runs a recovery would start from, checked with their hosts: which can be recovered. */
export interface CheckedRecovery {
  groups: RecoveryGroup[];
  /** Runs the host says cannot be recovered now (still running, already recovered, or unreachable). */
  refused: { group: RecoveryGroup; reason: string }[];
}

/**
 * What `R` needs to offer the re-run from the failed activity: whether Log Analytics can name a
 * task's pipeline run at all, and a check of each run with its factory or workspace before the
 * choice is offered, so a run Data Factory would refuse is never proposed.
 */
export interface RecoveryCheck {
  /** A Log Analytics workspace is set: task rows can be traced to their pipeline runs. */
  hasRunContext: boolean;
  check(groups: readonly RecoveryGroup[]): Promise<CheckedRecovery>;
}

export function createRecoveryCheck(reader: PipelineRunReader, hasRunContext: boolean): RecoveryCheck {
  return {
    hasRunContext,
    async check(groups) {
      const checked: CheckedRecovery = { groups: [], refused: [] };
      // In turn: a handful of runs at most, and one host's throttle.
      for (const group of groups) {
        const { host, referencePipelineRunId } = group.request;
        try {
          const run = await reader.getPipelineRun(host, referencePipelineRunId);
          const refusal = recoveryRefusal(run);
          if (refusal) checked.refused.push({ group, reason: refusal });
          else checked.groups.push(group);
        } catch (error) {
          checked.refused.push({
            group,
            reason: `${hostLabel(host)} did not answer for run ${referencePipelineRunId}: ${describeError(error)}`,
          });
        }
      }
      return checked;
    },
  };
}
