import { useEffect, type Dispatch } from "react";
import { planAttempt, type AttemptLog } from "../../actions/attemptLog.js";
import type { AuditOutcome } from "../../actions/auditJournal.js";
import { cycleOfferOf, describePlan } from "../../model/actions/actionPlan.js";
import { planOutcome, type ObservedState } from "../../model/actions/planOutcome.js";
import type { UiAction } from "../../model/navigation/uiReducer.js";
import type { PendingAction } from "../../model/navigation/uiState.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";
import { errorMessage } from "../../model/errorMessage.js";
import { useClock, useClockValue } from "./useClock.js";

/** How long the polls have to show a sent action before batchtop says it has not seen it. */
export const verifyWithinMs = 60_000;

function observedIn(snapshot: DashboardSnapshot): ObservedState {
  return {
    ...(snapshot.overview.data ? { pools: snapshot.overview.data.pools } : {}),
    ...(snapshot.nodes.data ? { nodes: snapshot.nodes.data } : {}),
    ...(snapshot.focus.poolId !== undefined ? { nodesPoolId: snapshot.focus.poolId } : {}),
    ...(snapshot.tasks.data ? { tasks: snapshot.tasks.data.rows } : {}),
    ...(snapshot.followedRuns.data ? { pipelineRuns: snapshot.followedRuns.data } : {}),
  };
}

/**
 * Follows every sent action in the polls until it settles: done when the account shows its effect,
 * failed when the effect stopped short (a resize error), unconfirmed when nothing showed within a
 * minute. Each ending is said on the flash line and appended to the audit journal. A poll that
 * brings nothing new wakes nothing, and the minute must still run out: the clock wakes this hook
 * when one more pending action's minute has passed, not every second.
 */
export function useActionOutcomes(
  pending: readonly PendingAction[],
  snapshot: DashboardSnapshot,
  dispatch: Dispatch<UiAction>,
  attempts: AttemptLog | undefined,
): void {
  const clock = useClock();
  const overdue = useClockValue(
    (now) => pending.filter((entry) => now - entry.sentAt > verifyWithinMs).length,
    {
      ticking: pending.length > 0,
    },
  );
  useEffect(() => {
    if (pending.length === 0) return;
    const now = clock.now();
    const observed = observedIn(snapshot);
    const say = (text: string, kind: "info" | "error", offer: { cycleOffer?: string } = {}) =>
      dispatch({ type: "flash", flash: { text, kind, ...offer } });
    const record = (
      entry: PendingAction,
      outcome: AuditOutcome,
      words: { error?: string; detail?: string },
    ) =>
      attempts
        ?.record(planAttempt(entry.plan), outcome, words)
        .catch((error: unknown) =>
          say(`not written to ${attempts.journal.shownAs}: ${errorMessage(error)}`, "error"),
        );
    for (const entry of pending) {
      const { title } = describePlan(entry.plan);
      const outcome = planOutcome(entry, observed);
      switch (outcome.kind) {
        case "done":
          dispatch({ type: "action-settled", pending: entry });
          // An identity change's "press C to cycle" is for its pool, wherever the selection is by now.
          say(`${title}: done, ${outcome.detail}`, "info", cycleOfferOf(entry.plan));
          void record(entry, "done", { detail: outcome.detail });
          break;
        case "failed":
          dispatch({ type: "action-settled", pending: entry });
          say(`${title}: failed, ${outcome.reason}`, "error");
          void record(entry, "failed", { error: outcome.reason });
          break;
        case "underway": {
          // A recovery run is told step by step (its new task, then how that task does); a resize once.
          const tell =
            entry.plan.kind === "recovery-run"
              ? entry.underway !== outcome.progress
              : entry.underway === undefined;
          if (tell) {
            dispatch({ type: "action-underway", pending: entry, progress: outcome.progress });
            say(`${title}: ${entry.underway === undefined ? "accepted, " : ""}${outcome.progress}`, "info");
          }
          break;
        }
        case "waiting":
          if (now - entry.sentAt > verifyWithinMs) {
            dispatch({ type: "action-settled", pending: entry });
            const reason = `sent ${verifyWithinMs / 1000}s ago and not shown yet; check the pane`;
            say(`${title}: ${reason}`, "error");
            void record(entry, "unconfirmed", { error: reason });
          }
          break;
      }
    }
    // `overdue` is read only to run again when an action's minute runs out.
  }, [pending, snapshot, overdue, clock, dispatch, attempts]);
}
