// A pool update as the management plane (ARM Pool_Update) makes it: a new identity set, metadata,
// application packages, certificates, start task and scale settings. Everything is checked before
// anything changes, so a refused update leaves the pool as it was.
//
// Identity, application package and start task changes reach only nodes allocated afterwards: every
// node keeps what it was allocated with (see identityRules), which is why the source documents tell
// operators to scale the pool to 0 and back after attaching an identity.

import type { PackageReference } from "./applications.js";
import type { ResizeRequest } from "./batchWorld.js";
import type { CertificateReference, NameValuePair, Pool } from "./entities.js";
import type { ManagedIdentity } from "./identityDirectory.js";
import { formulaSyntaxError } from "./autoscaleFormula.js";
import { defaultEvaluationInterval, disableAutoScale, enableAutoScale } from "./poolAutoscale.js";
import { startResize, type ResizeTargets } from "./poolResize.js";
import { checkResize } from "./resizeChecks.js";
import {
  autoScalingFormulaSyntaxError,
  invalidApplicationPackageReferences,
  invalidPropertyValue,
  poolBeingResized,
} from "./serviceErrors.js";
import { nextETag, type PoolRecord, type SimState } from "./state.js";
import { HOUR_MS, MINUTE_MS, isoAt, parseIsoDuration } from "./time.js";

export type PoolScale =
  | { kind: "fixed"; resize: ResizeRequest }
  | { kind: "auto"; formula: string; evaluationInterval?: string };

/** The changes of one update; absent members stay as they are. */
export interface PoolUpdate {
  /** The pool's whole new set of user-assigned identities; an empty list removes them all. */
  identities?: readonly ManagedIdentity[];
  metadata?: NameValuePair[];
  applicationPackageReferences?: PackageReference[];
  certificateReferences?: CertificateReference[];
  targetNodeCommunicationMode?: PoolRecord["targetNodeCommunicationMode"];
  /** `null` removes the start task. */
  startTask?: NonNullable<Pool["startTask"]> | null;
  scale?: PoolScale;
}

/** The service evaluates autoscale formulas every 5 minutes at the most and every 168 hours at the least. */
export function checkEvaluationInterval(interval: string): void {
  const ms = parseIsoDuration(interval);
  if (ms === undefined || ms < 5 * MINUTE_MS || ms > 168 * HOUR_MS) {
    throw invalidPropertyValue(
      "autoScaleEvaluationInterval",
      interval,
      "The value must be an ISO 8601 duration from 5 minutes (PT5M) to 168 hours (PT168H).",
    );
  }
}

/** The resize a fixed scale asks for, checked as the data-plane resize is. */
function checkScale(record: PoolRecord, scale: PoolScale | undefined): ResizeTargets | undefined {
  if (!scale) return undefined;
  if (scale.kind === "fixed") return checkResize(record, scale.resize);
  // Automatic scaling cannot be enabled while a resize is in progress.
  if (record.pool.allocationState !== "steady") throw poolBeingResized();
  if (scale.evaluationInterval !== undefined) checkEvaluationInterval(scale.evaluationInterval);
  const syntax = formulaSyntaxError(scale.formula);
  if (syntax) throw autoScalingFormulaSyntaxError(syntax.values.map(({ value }) => value).join(": "));
  return undefined;
}

function applyScale(
  sim: SimState,
  record: PoolRecord,
  scale: PoolScale,
  targets: ResizeTargets | undefined,
): void {
  if (scale.kind === "auto") {
    // Evaluated at once, as on the data plane; the pool follows the formula from then on.
    enableAutoScale(sim, record, scale.formula, scale.evaluationInterval ?? defaultEvaluationInterval);
    return;
  }
  // A fixed scale turns automatic scaling off, then resizes like the data plane.
  disableAutoScale(record);
  if (targets) startResize(sim, record, targets);
}

function applyIdentities(pool: Pool, identities: readonly ManagedIdentity[]): void {
  if (identities.length === 0) {
    delete pool.identity;
    return;
  }
  pool.identity = {
    type: "UserAssigned",
    userAssignedIdentities: identities.map(({ resourceId, clientId, principalId }) => ({
      resourceId,
      clientId,
      principalId,
    })),
  };
}

function applyStartTask(pool: Pool, startTask: NonNullable<Pool["startTask"]> | null): void {
  if (startTask === null) delete pool.startTask;
  else pool.startTask = startTask;
}

export function updatePool(sim: SimState, record: PoolRecord, update: PoolUpdate): void {
  const references = update.applicationPackageReferences;
  if (references && !references.every((reference) => sim.applications.resolves(reference))) {
    throw invalidApplicationPackageReferences();
  }
  const targets = checkScale(record, update.scale);

  const { pool } = record;
  if (update.identities) applyIdentities(pool, update.identities);
  if (update.metadata) pool.metadata = update.metadata;
  if (references) pool.applicationPackageReferences = references;
  if (update.certificateReferences) pool.certificateReferences = update.certificateReferences;
  if (update.targetNodeCommunicationMode)
    record.targetNodeCommunicationMode = update.targetNodeCommunicationMode;
  if (update.startTask !== undefined) applyStartTask(pool, update.startTask);
  pool.eTag = nextETag(sim);
  pool.lastModified = isoAt(sim.nowMs);
  // Last, so the resize starts from the pool as updated (its eTag moves on again).
  if (update.scale) applyScale(sim, record, update.scale, targets);
}
