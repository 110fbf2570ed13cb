import { diagnoseAccount, diagnosePool } from "./diagnose.js";
import type { DoctorEvidence } from "./evidence.js";
import { needsAttention, type Verdict } from "./verdict.js";

/** The doctor's answer: the account's check and each pool's verdict, as the CLI and the dashboard show it. */
export interface DoctorReport {
  account: string;
  takenAt: Date;
  accountVerdict: Verdict;
  pools: { poolId: string; verdict: Verdict }[];
  /** Exit 1: a pool is not healthy, or the account's check found a problem (unknown does not count). */
  needsAttention: boolean;
}

export function doctorReport(evidence: DoctorEvidence, takenAt: Date): DoctorReport {
  const accountVerdict = diagnoseAccount(evidence.account);
  const pools = evidence.pools.map((pool) => ({ poolId: pool.poolId, verdict: diagnosePool(pool) }));
  return {
    account: evidence.account.name,
    takenAt,
    accountVerdict,
    pools,
    needsAttention: needsAttention(accountVerdict) || pools.some((pool) => needsAttention(pool.verdict)),
  };
}
