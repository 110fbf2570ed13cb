import type { ChalkInstance } from "chalk";
import { describeFix, needsAttention, type Verdict } from "../../model/doctor/verdict.js";
import { sanitizeInline } from "../../model/sanitize.js";
import type { DoctorReport } from "../../model/doctor/report.js";

function verdictLines(title: string, verdict: Verdict, colors: ChalkInstance): string[] {
  const mark =
    verdict.case === "healthy"
      ? colors.green("✓")
      : verdict.case === "unknown"
        ? colors.yellow("?")
        : colors.red("✗");
  const lines = [`${mark} ${colors.bold(sanitizeInline(title))}  ${verdict.case}: ${verdict.summary}`];
  lines.push("    observed:", ...verdict.observed.map((line) => `      ${line}`));
  lines.push("    inferred:", ...verdict.inferred.map((line) => `      ${line}`));
  if (verdict.fix.length > 0)
    lines.push("    fix:", ...verdict.fix.map((fix, index) => `      ${index + 1}. ${describeFix(fix)}`));
  return lines;
}

/** The doctor's verdicts for a terminal or an incident note: the account first, then each pool. */
export function formatDoctor(report: DoctorReport, colors: ChalkInstance): string {
  const lines = [
    colors.bold(`batchtop doctor of ${sanitizeInline(report.account)} at ${report.takenAt.toISOString()}`),
  ];
  // The pools first, the account's own check after them, as the dashboard's :doctor pane lists them.
  for (const pool of report.pools)
    lines.push("", ...verdictLines(`pool ${pool.poolId}`, pool.verdict, colors));
  lines.push("", ...verdictLines(`account ${report.account}`, report.accountVerdict, colors));
  const failing = report.pools.filter((pool) => needsAttention(pool.verdict)).length;
  lines.push(
    "",
    failing === 0 && !needsAttention(report.accountVerdict)
      ? colors.green(
          `no identity problem in ${report.pools.length} pool${report.pools.length === 1 ? "" : "s"}`,
        )
      : colors.red(
          `${failing} of ${report.pools.length} pool${report.pools.length === 1 ? "" : "s"} need${failing === 1 ? "s" : ""} attention${needsAttention(report.accountVerdict) ? ", and the account" : ""}`,
        ),
  );
  return `${lines.join("\n")}\n`;
}

/** `--json`: per pool the case, the evidence (observed and inferred apart) and the fix. */
export function doctorJson(report: DoctorReport): string {
  const entry = (verdict: Verdict) => ({
    case: verdict.case,
    summary: verdict.summary,
    evidence: { observed: verdict.observed, inferred: verdict.inferred },
    fix: verdict.fix,
  });
  return `${JSON.stringify(
    {
      account: sanitizeInline(report.account),
      takenAt: report.takenAt.toISOString(),
      healthy: !report.needsAttention,
      accountCheck: entry(report.accountVerdict),
      pools: report.pools.map((pool) => ({ id: sanitizeInline(pool.poolId), ...entry(pool.verdict) })),
    },
    null,
    2,
  )}\n`;
}
