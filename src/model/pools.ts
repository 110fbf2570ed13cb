/** What batchtop shows of a pool: plain data, no SDK types. */
export interface PoolSummary {
  id: string;
  vmSize: string;
  state: string;
  allocationState: string;
  allocationStateTransitionTime?: Date;
  currentDedicatedNodes: number;
  targetDedicatedNodes: number;
  currentSpotNodes: number;
  targetSpotNodes: number;
  enableAutoScale: boolean;
  taskSlotsPerNode: number;
  identityCount: number;
  resizeErrors: { code: string; message: string }[];
}

/** Node counts per state for one pool, dedicated and spot together. */
export interface PoolNodeCounts {
  poolId: string;
  byState: Record<string, number>;
  total: number;
}
