// What the identity doctor says about a pool or the account: the case of 001_a5bcfcf801ea43e6.txt it
// fits, what was observed apart from what was inferred, and the fix in the documents' terms.

import { identityName } from "../pools.js";
import { sanitizeInline } from "../sanitize.js";

export const doctorCases = [
  "healthy",
  "identity-without-storage-role",
  "nodes-before-reference",
  "reference-not-on-pool",
  "account-identity-without-autostorage-role",
  /** Symptoms of the identity cases that fit none of them, or fit more than one: not guessed. */
  "unexplained",
  /** No symptom, but a permission that decides the case could not be read (the account's check only). */
  "unknown",
] as const;

export type DoctorCase = (typeof doctorCases)[number];

/**
 * One step of a repair. `attach` and `cycle` are batchtop's own actions (one key opens them pre-filled);
 * `grant` and `manual` are for the operator to do elsewhere: batchtop never grants roles.
 */
export type Fix =
  | { kind: "attach"; poolId: string; identityResourceId: string }
  | { kind: "cycle"; poolId: string }
  | { kind: "grant"; principalId: string; role: string; scope: string; command: string }
  | { kind: "manual"; text: string };

export interface Verdict {
  case: DoctorCase;
  /** One line: what the pool's details show. */
  summary: string;
  /** Facts as Azure reported them. */
  observed: string[];
  /** What the doctor concludes from them, and from the documents' tables. */
  inferred: string[];
  /** The repair, in order; empty when there is nothing to repair or nothing certain to do. */
  fix: Fix[];
}

/** Whether a verdict fails `batchtop doctor`: anything but healthy, except an unreadable account check. */
export function needsAttention(verdict: Pick<Verdict, "case">): boolean {
  return verdict.case !== "healthy" && verdict.case !== "unknown";
}

/** A fix as one line, for the CLI and the doctor pane. */
export function describeFix(fix: Fix): string {
  switch (fix.kind) {
    case "attach":
      // By name, as the portal shows it; the fix's data keeps the whole resource id.
      return `attach ${identityName(fix.identityResourceId)} to pool ${fix.poolId} (I on the pool or its :doctor verdict)`;
    case "cycle":
      return `cycle the nodes of pool ${fix.poolId}: scale to 0 and back (C on the pool or its :doctor verdict)`;
    case "grant":
      return `grant ${fix.role} (batchtop does not grant roles): ${fix.command}`;
    case "manual":
      return fix.text;
  }
}

/** Every string of a verdict made safe to draw: most of it quotes the service. */
export function sanitizeVerdict(verdict: Verdict): Verdict {
  return {
    case: verdict.case,
    summary: sanitizeInline(verdict.summary),
    observed: verdict.observed.map(sanitizeInline),
    inferred: verdict.inferred.map(sanitizeInline),
    fix: verdict.fix.map((fix): Fix => {
      switch (fix.kind) {
        case "attach":
          return {
            ...fix,
            poolId: sanitizeInline(fix.poolId),
            identityResourceId: sanitizeInline(fix.identityResourceId),
          };
        case "cycle":
          return { ...fix, poolId: sanitizeInline(fix.poolId) };
        case "grant":
          return {
            kind: "grant",
            principalId: sanitizeInline(fix.principalId),
            role: sanitizeInline(fix.role),
            scope: sanitizeInline(fix.scope),
            command: sanitizeInline(fix.command),
          };
        case "manual":
          return { ...fix, text: sanitizeInline(fix.text) };
      }
    }),
  };
}
