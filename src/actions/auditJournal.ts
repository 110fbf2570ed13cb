import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CycleRecord } from "../model/actions/cycleSteps.js";

/**
 * How an attempt went, one line per step: refused by batchtop before sending (read-only, or a plan
 * Batch would refuse), sent, failed (Batch refused the request, or its effect stopped short: a
 * resize error), done (the account shows the effect), or unconfirmed (the polls never showed it).
 */
export const auditOutcomes = ["refused", "sent", "failed", "done", "unconfirmed"] as const;

export type AuditOutcome = (typeof auditOutcomes)[number];

/** One line of `$XDG_STATE_HOME/batchtop/audit.jsonl`: an action tried from batchtop, and how it went. */
export interface AuditEntry {
  /** ISO 8601. */
  time: string;
  account: string;
  action: string;
  target: string;
  changes: string[];
  outcome: AuditOutcome;
  /** Why it was refused or failed, in the service's words where the service said it. */
  error?: string;
  /** What the account showed when it was done. */
  detail?: string;
  /** A step of a node cycle, with its whole plan: what the next start needs to finish it. */
  cycle?: CycleRecord;
}

export interface AuditJournal {
  append(entry: AuditEntry): Promise<void>;
  /** The newest entries first, at most `limit`; lines that are not entries are skipped. */
  recent(limit: number): Promise<AuditEntry[]>;
  /** Where it is, as the user would type it. */
  shownAs: string;
}

function isEntry(value: unknown): value is AuditEntry {
  const entry = value as Partial<AuditEntry> | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.time === "string" &&
    typeof entry.action === "string" &&
    typeof entry.target === "string" &&
    Array.isArray(entry.changes) &&
    entry.changes.every((change) => typeof change === "string") &&
    (auditOutcomes as readonly unknown[]).includes(entry.outcome)
  );
}

/** Whether the file ends in the middle of a line (a write cut short by a crash). */
async function endsMidLine(path: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  try {
    const { size } = await file.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await file.close();
  }
}

/**
 * The audit journal: one JSON object per line, appended, never rewritten, readable by its owner
 * only. It holds what was changed and when, never a credential.
 */
export function createAuditJournal(path: string, shownAs: string): AuditJournal {
  // Appends go one after another, in the order they were asked for: two at once could both find the
  // last line whole and interleave. A read waits for the appends already asked for, so `:audit`
  // shows every step batchtop has said it recorded.
  let appended: Promise<unknown> = Promise.resolve();
  const write = async (entry: AuditEntry) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // After a torn last line, start a new one rather than gluing this entry onto it.
    const separator = (await endsMidLine(path)) ? "\n" : "";
    await appendFile(path, `${separator}${JSON.stringify(entry)}\n`, { mode: 0o600 });
  };
  return {
    shownAs,
    append(entry) {
      const done = appended.then(() => write(entry));
      // The next append waits for this one whether it failed or not; its caller hears the failure.
      appended = done.catch(() => undefined);
      return done;
    },
    async recent(limit) {
      await appended;
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const entries: AuditEntry[] = [];
      for (const line of text.split("\n").reverse()) {
        if (entries.length === limit) break;
        try {
          const value: unknown = JSON.parse(line);
          if (isEntry(value)) entries.push(value);
        } catch {
          // A torn or foreign line: the rest of the journal still reads.
        }
      }
      return entries;
    },
  };
}
