import { diagnoseAccount, diagnosePool } from "../../model/doctor/diagnose.js";
import { needsAttention, type Verdict } from "../../model/doctor/verdict.js";
import type { DoctorEvidence } from "../../store/doctorEvidence.js";

/** What `batchtop doctor` prints: the account's check and each pool's verdict. */
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
