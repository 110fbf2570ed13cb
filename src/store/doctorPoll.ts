// The identity doctor in the dashboard: polled only while something on screen shows its verdicts (the
// `:doctor` pane, a pool's details), on a slow rhythm, since identities and role assignments change
// when someone edits them and each run reads every checked pool's nodes and failed tasks.

import { doctorReport, type DoctorReport } from "../model/doctor/report.js";
import { gatherDoctorEvidence, type DoctorPorts } from "./doctorEvidence.js";

/** Which pools the doctor checks: one, or all of the account's. */
export interface DoctorFocus {
  /** Absent: every pool. */
  poolId?: string;
}

/** Every 30 s while shown; `r` asks at once. */
export const doctorPollMs = 30_000;

/** The poll key: a different scope is a different poll, so an answer for the old one is dropped. */
export function doctorPollKey(focus: DoctorFocus): string {
  return `doctor:${focus.poolId ?? "*"}`;
}

/** One run of the doctor over the focus, through the ports. */
export function doctorFetch(
  ports: DoctorPorts,
  focus: DoctorFocus,
  now: () => number,
): (signal: AbortSignal) => Promise<DoctorReport> {
  return async (signal) => {
    const takenAt = new Date(now());
    const evidence = await gatherDoctorEvidence(ports, {
      now: takenAt,
      signal,
      ...(focus.poolId !== undefined ? { poolId: focus.poolId } : {}),
    });
    return doctorReport(evidence, takenAt);
  };
}

/** The same scope: the focus object may be new while asking for the same pools. */
export function sameDoctorFocus(a: DoctorFocus | undefined, b: DoctorFocus | undefined): boolean {
  return a?.poolId === b?.poolId && (a === undefined) === (b === undefined);
}
