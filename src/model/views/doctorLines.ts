import type { DoctorReport } from "../doctor/report.js";
import { describeFix, type Verdict } from "../doctor/verdict.js";
import { sanitizeInline } from "../sanitize.js";

/** What the store holds of the doctor's answer, as the `:doctor` pane reads it. */
export interface DoctorView {
  data?: DoctorReport;
  error?: string;
  loading: boolean;
}

const marks: Record<string, string> = { healthy: "✓", unknown: "?" };

/** The pane's scope and the pool verdict the fix keys act on (see DetailsTarget). */
export interface DoctorScope {
  poolId?: string;
  selected?: string;
}

/** Where a pool's verdict sits among the pane's lines, so the cursor can scroll to it. */
export interface VerdictBlock {
  poolId: string;
  /** The verdict's first line (its case and summary) and the line after its last. */
  start: number;
  end: number;
}

export interface DoctorPane {
  lines: string[];
  /** The pools' verdicts in the order drawn; the account's check is not a pool and has no fix key. */
  blocks: VerdictBlock[];
  /** The pool `I` and `C` act on: the one chosen, else the first that needs attention, else the first. */
  selected?: { poolId: string; verdict: Verdict };
}

/** The verdict the fix keys act on, by the rules of DoctorPane.selected. */
export function selectedVerdict(
  scope: DoctorScope,
  report: DoctorReport | undefined,
): { poolId: string; verdict: Verdict } | undefined {
  const pools = report?.pools ?? [];
  return (
    pools.find((pool) => pool.poolId === (scope.poolId ?? scope.selected)) ??
    (scope.poolId === undefined
      ? (pools.find((pool) => pool.verdict.case !== "healthy") ?? pools[0])
      : undefined)
  );
}

function verdictBlock(title: string, verdict: Verdict, selected = false): string[] {
  return [
    // The cursor's mark: j and k move it, I and C act on the pool it marks.
    `${selected ? "▸" : " "} ${marks[verdict.case] ?? "✗"} ${title}  ${verdict.case}: ${verdict.summary}`,
    "    observed:",
    ...verdict.observed.map((line) => `      ${line}`),
    "    inferred:",
    ...verdict.inferred.map((line) => `      ${line}`),
    ...(verdict.fix.length > 0
      ? ["    fix:", ...verdict.fix.map((fix, index) => `      ${index + 1}. ${describeFix(fix)}`)]
      : []),
  ];
}

/**
 * `:doctor`: the account's check and each pool's verdict, drawn from the store's current answer each
 * time it changes, so a pane opened before the first answer fills in when it comes. Verdict strings
 * were sanitised when they were made; the ids around them are sanitised here.
 */
export function doctorPane(scope: DoctorScope, doctor: DoctorView): DoctorPane {
  const what = scope.poolId === undefined ? "every pool" : `pool ${sanitizeInline(scope.poolId)}`;
  const report = doctor.data;
  if (!report) {
    if (doctor.error)
      return {
        lines: [`the identity doctor could not read ${what}: ${sanitizeInline(doctor.error)}`],
        blocks: [],
      };
    return { lines: [`checking the managed identities of ${what}…`], blocks: [] };
  }
  const failing = report.pools.filter((pool) => pool.verdict.case !== "healthy").length;
  const selected = selectedVerdict(scope, report);
  const lines = [
    `${what}: ${failing === 0 ? "no identity problem" : `${failing} of ${report.pools.length} need attention`}, checked ${report.takenAt.toISOString()} (again every 30 s)`,
    ...(doctor.error
      ? [`the last check failed, showing the one before: ${sanitizeInline(doctor.error)}`]
      : []),
  ];
  const blocks: VerdictBlock[] = [];
  // The pools that need attention first (as faults-first lists do), so the cursor, which starts on
  // the first of them, is on screen when the pane opens; the healthy ones and the account's own
  // check after them. A pool that heals moves down among the healthy, and the cursor goes with it.
  const ordered = [
    ...report.pools.filter((pool) => pool.verdict.case !== "healthy"),
    ...report.pools.filter((pool) => pool.verdict.case === "healthy"),
  ];
  for (const pool of ordered) {
    lines.push("");
    const start = lines.length;
    lines.push(
      ...verdictBlock(`pool ${sanitizeInline(pool.poolId)}`, pool.verdict, pool.poolId === selected?.poolId),
    );
    blocks.push({ poolId: pool.poolId, start, end: lines.length });
  }
  lines.push("", ...verdictBlock(`account ${sanitizeInline(report.account)}`, report.accountVerdict));
  return { lines, blocks, ...(selected ? { selected } : {}) };
}

/** The pane's lines alone. */
export function doctorLines(scope: DoctorScope, doctor: DoctorView): string[] {
  return doctorPane(scope, doctor).lines;
}

/** The one line a pool's details show: the case and its summary, or why there is none yet. */
export function poolVerdictLine(poolId: string, doctor: DoctorView | undefined): string | undefined {
  if (!doctor) return undefined;
  const verdict = doctor.data?.pools.find((pool) => pool.poolId === poolId)?.verdict;
  if (verdict) return `${verdict.case}: ${verdict.summary}`;
  if (doctor.error) return `not checked: ${sanitizeInline(doctor.error)}`;
  return "checking…";
}
