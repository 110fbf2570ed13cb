import { describePlan, planTarget, type ActionPlan } from "../model/actions/actionPlan.js";
import type { AuditEntry, AuditJournal, AuditOutcome } from "./auditJournal.js";

/** What an operator tried: the action, what it acts on, and the changes it would make. */
export interface Attempt {
  action: string;
  target: string;
  changes: string[];
}

export function planAttempt(plan: ActionPlan): Attempt {
  return { action: plan.kind, target: planTarget(plan), changes: describePlan(plan).changes };
}

/**
 * Every step of every attempt, appended to the audit journal: refused before sending, sent, and how
 * it ended. Exists in read-only sessions too, where every attempt is a refusal worth keeping.
 */
export interface AttemptLog {
  journal: AuditJournal;
  /** The account each entry is recorded for: the journal is the user's, shared by every account. */
  account: string;
  record(
    attempt: Attempt,
    outcome: AuditOutcome,
    words?: Pick<AuditEntry, "error" | "detail" | "cycle">,
  ): Promise<void>;
}

export function createAttemptLog(journal: AuditJournal, account: string, now = () => new Date()): AttemptLog {
  return {
    journal,
    account,
    record: (attempt, outcome, words = {}) =>
      journal.append({ time: now().toISOString(), account, ...attempt, outcome, ...words }),
  };
}
