// What the identity doctor looks at: facts as Azure reported them, gathered by src/store/doctorEvidence.ts
// and judged by diagnose.ts. Nothing here is inferred; the verdict keeps its inferences apart.

import type { AccountIdentity, AutoStorageSettings } from "../account.js";
import type { RoleAssignmentsSeen } from "../identities.js";
import type { UserAssignedIdentity } from "../pools.js";

/** The account-wide facts every pool's diagnosis shares. */
export interface AccountEvidence {
  name: string;
  /** Absent when the account has no autostorage account. */
  autoStorage?: AutoStorageSettings;
  /** The account's own identity: what the service uploads application packages with. */
  identity: AccountIdentity;
  /** The role assignments at the autostorage account's scope, or why they are unknown. */
  storageRoles?: RoleAssignmentsSeen;
}

/** One compute node as the doctor needs it. */
export interface NodeFact {
  id: string;
  state: string;
  stateTransitionTime?: Date;
  /** When the node's VM was allocated: it keeps the identity set the pool had then. */
  allocationTime?: Date;
  errorCodes: readonly string[];
}

/** One failed task of the pool's ADF job. */
export interface TaskFailureFact {
  taskId: string;
  code?: string;
  nodeId?: string;
  /** The identity the failure's details name (`IdentityReference`), when they name one. */
  identityReference?: string;
  /** When the task failed (its last state change). */
  at?: Date;
}

/** A task of the same job that succeeded after the latest failure: on its node, the failures are over. */
export interface LaterSuccessFact {
  taskId: string;
  nodeId?: string;
}

/** The failed tasks of the pool's ADF job (`adfv2-<poolId>`), or why there are none to read. */
export type TaskEvidence =
  | {
      kind: "read";
      jobId: string;
      failures: readonly TaskFailureFact[];
      /** The one page read was full: the job may have more failed tasks than these. */
      truncated: boolean;
      /**
       * Tasks that succeeded after the latest failure (one page), read only when there are failures: a
       * role granted since, for one, heals tasks without a cycle.
       */
      laterSuccesses: readonly LaterSuccessFact[];
    }
  | { kind: "no-job"; jobId: string };

/** When the pool's identity set may last have changed, and where that instant comes from. */
export interface IdentityChange {
  at: Date;
  /**
   * ARM's `lastModified` of the pool: any update moves it, so it is the latest instant the identity
   * set can have changed, never earlier than the change itself.
   */
  source: "pool lastModified";
}

export interface PoolEvidence {
  /** When the facts were read: how long a node has been starting is measured from it. */
  observedAt: Date;
  poolId: string;
  account: AccountEvidence;
  /** The pool's whole user-assigned identity set, as ARM shows it. */
  identities: readonly UserAssignedIdentity[];
  /** The application ids of the pool's application packages: they are installed from autostorage. */
  applicationPackages: readonly string[];
  identitiesChanged?: IdentityChange;
  nodes: readonly NodeFact[];
  tasks: TaskEvidence;
}

/** The failure detail that names the identity a resource file was fetched with. */
export const identityReferenceDetail = "IdentityReference";

/** ARM resource ids compare without regard to case. */
export function sameResourceId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Everything one run of the doctor read: the account once, and each pool checked. */
export interface DoctorEvidence {
  account: AccountEvidence;
  pools: PoolEvidence[];
}
