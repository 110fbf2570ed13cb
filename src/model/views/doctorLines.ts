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

function verdictBlock(title: string, verdict: Verdict): string[] {
  return [
    `${marks[verdict.case] ?? "✗"} ${title}  ${verdict.case}: ${verdict.summary}`,
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
export function doctorLines(scope: { poolId?: string }, doctor: DoctorView): string[] {
  const what = scope.poolId === undefined ? "every pool" : `pool ${sanitizeInline(scope.poolId)}`;
  const report = doctor.data;
  if (!report) {
    if (doctor.error) return [`the identity doctor could not read ${what}: ${sanitizeInline(doctor.error)}`];
    return [`checking the managed identities of ${what}…`];
  }
  const failing = report.pools.filter((pool) => pool.verdict.case !== "healthy").length;
  return [
    `${what}: ${failing === 0 ? "no identity problem" : `${failing} of ${report.pools.length} need attention`}, checked ${report.takenAt.toISOString()} (again every 30 s)`,
    ...(doctor.error
      ? [`the last check failed, showing the one before: ${sanitizeInline(doctor.error)}`]
      : []),
    // The pools asked about first; the account's own check after them.
    ...report.pools.flatMap((pool) => [
      "",
      ...verdictBlock(`pool ${sanitizeInline(pool.poolId)}`, pool.verdict),
    ]),
    "",
    ...verdictBlock(`account ${sanitizeInline(report.account)}`, report.accountVerdict),
  ];
}

/** The one line a pool's details show: the case and its summary, or why there is none yet. */
export function poolVerdictLine(poolId: string, doctor: DoctorView | undefined): string | undefined {
  if (!doctor) return undefined;
  const verdict = doctor.data?.pools.find((pool) => pool.poolId === poolId)?.verdict;
  if (verdict) return `${verdict.case}: ${verdict.summary}`;
  if (doctor.error) return `not checked: ${sanitizeInline(doctor.error)}`;
  return "checking…";
}
