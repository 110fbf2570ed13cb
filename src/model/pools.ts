import type { PoolAutoScale } from "./autoscale.js";

/** What batchtop shows of a pool: plain data, no SDK types. */
export interface PoolSummary {
  id: string;
  vmSize: string;
  state: string;
  allocationState: string;
  allocationStateTransitionTime?: Date | undefined;
  currentDedicatedNodes: number;
  targetDedicatedNodes: number;
  currentSpotNodes: number;
  targetSpotNodes: number;
  enableAutoScale: boolean;
  /** The formula, its interval and its last evaluation; only while autoscale is on. */
  autoScale?: PoolAutoScale;
  taskSlotsPerNode: number;
  identityCount: number;
  /**
   * The pool's user-assigned identities by name (`id-etl-storage`), as its details list them;
   * absent when it has none. The name is what the portal and `az identity` show, not the long id.
   */
  identityNames?: readonly string[];
  resizeErrors: { code: string; message: string }[];
}

/**
 * A managed identity's name from its ARM resource id
 * (`/subscriptions/…/userAssignedIdentities/<name>`); the id itself when it has no such shape.
 */
export function identityName(resourceId: string): string {
  const match = /\/userAssignedIdentities\/([^/]+)\/?$/i.exec(resourceId);
  return match?.[1] ?? resourceId;
}

/** A pool's allocation states as the data plane spells them: resize is refused unless steady. */
export const allocationStates = ["steady", "resizing", "stopping"] as const;

export type AllocationState = (typeof allocationStates)[number];

/** Node counts per state for one pool, dedicated and spot together. */
export interface PoolNodeCounts {
  poolId: string;
  byState: Record<string, number>;
  total: number;
}

/** What happens to a node's running tasks when it leaves the pool or reboots (data-plane spelling). */
export type NodeDeallocationOption = "requeue" | "terminate" | "taskcompletion" | "retaineddata";

/**
 * How a pool is sized: fixed targets, or an autoscale formula the service evaluates. The two are
 * exclusive; switching to fixed turns autoscale off.
 */
export type PoolScaleSettings =
  | {
      mode: "fixed";
      targetDedicatedNodes: number;
      targetSpotNodes: number;
      /** At least 5 minutes; the service's default is 15. */
      resizeTimeoutMinutes?: number;
      nodeDeallocationOption?: NodeDeallocationOption;
    }
  | {
      mode: "auto";
      formula: string;
      /** The service's default is 15 minutes. */
      evaluationIntervalMinutes?: number;
    };

/** The current resize, or the last one; errors only once it has ended. */
export interface ResizeOperation {
  targetDedicatedNodes: number;
  targetSpotNodes: number;
  resizeTimeoutMinutes?: number;
  nodeDeallocationOption?: NodeDeallocationOption;
  startTime?: Date;
  errors: { code: string; message: string }[];
}

/** A user-assigned managed identity attached to a pool or an account. */
export interface UserAssignedIdentity {
  /** The identity's ARM resource id: what the pool's identity set is keyed by. */
  resourceId: string;
  clientId?: string;
  principalId?: string;
}

/**
 * A pool as the management plane (ARM) shows it: the settings only ARM can change (identities) next
 * to the sizing an operator changes with them. The data plane's PoolSummary has the same pool.
 */
export interface ManagedPool {
  /** The pool's name, which is its data-plane id. */
  id: string;
  /** The ARM resource id. */
  resourceId: string;
  /** Pass back to a mutation to refuse it if the pool changed since it was read. */
  etag?: string;
  vmSize: string;
  /** Lower case, as the data plane spells it: steady, resizing or stopping. */
  allocationState: string;
  allocationStateTransitionTime?: Date | undefined;
  currentDedicatedNodes: number;
  currentSpotNodes: number;
  /** The pool's whole user-assigned identity set; empty when it has none. */
  identities: UserAssignedIdentity[];
  /** The application ids of the pool's application packages, which nodes install from autostorage. */
  applicationPackages: string[];
  /**
   * When ARM last saw the pool change. Any update moves it, an identity change among them: nodes
   * allocated before it may lack the current identity set.
   */
  lastModified?: Date;
  scale: PoolScaleSettings;
  resizeOperation?: ResizeOperation;
}
