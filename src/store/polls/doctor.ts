// The identity doctor in the dashboard: polled only while something on screen shows its verdicts (the
// `:doctor` pane, a pool's details), on a slow rhythm, since identities and role assignments change
// when someone edits them and each run reads every checked pool's nodes and failed tasks.

import { doctorReport, type DoctorReport } from "../../model/doctor/report.js";
import type { Focus } from "../dashboardSnapshot.js";
import { gatherDoctorEvidence } from "../doctorEvidence.js";
import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** Every 30 s while shown; `r` asks at once. */
const doctorMs = 30_000;

/** The same scope: the focus object may be new while asking for the same pools. */
function sameScope(a: Focus["doctor"], b: Focus["doctor"]): boolean {
  return a?.poolId === b?.poolId && (a === undefined) === (b === undefined);
}

export function doctorPoll(ctx: PollContext): Poll {
  return {
    jobsFor: ({ doctor }) => {
      const ports = ctx.sources.doctor;
      if (!doctor || !ports) return [];
      // A different scope is a different poll key, so an answer for the old one is dropped.
      const key = `doctor:${doctor.poolId ?? "*"}`;
      return [
        pollJob<DoctorReport>(ctx, key, "doctor", doctorMs, async (signal) => {
          const takenAt = new Date(ctx.now());
          const evidence = await gatherDoctorEvidence(ports, {
            now: takenAt,
            signal,
            ...(doctor.poolId !== undefined ? { poolId: doctor.poolId } : {}),
          });
          return doctorReport(evidence, takenAt);
        }),
      ];
    },
    refocus: (before, after) => (sameScope(before.doctor, after.doctor) ? {} : { doctor: emptyResource }),
  };
}
