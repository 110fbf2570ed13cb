// The managed identity scenarios of "Use managed identities in an Azure Batch account or pool"
// (seed 001) as living pools, one per row of its behaviour tables. The account's autostorage uses
// the Batch account's managed identity, with id-batchtop-nodes as the node identity reference. No
// pool has hand-written behaviour: every outcome follows from the identity rules (identityRules.ts),
// so fixing the cause through ARM heals a pool as it would on Azure.
//
//   identity-1-ok               the reference identity is on the pool and may read storage.
//   identity-2-no-permission    the pipeline's storage linked service signs in with id-batchtop-etl,
//                               which is on the pool but holds no storage role.
//   identity-3-not-referenced   allocated before the account had a node identity reference: its
//                               first nodes run tasks that are denied, the two added with the
//                               application package are stuck in starting.
//   identity-4-not-on-pool      the pool only has id-batchtop-keyvault: tasks on its first nodes
//                               fail to list the container, the nodes added with the application
//                               package are unusable (ApplicationPackageError).
//
// The account's own identity holds no role on the autostorage account either, so uploading an
// application package answers 409 AutoStorageNoPermission.

import type { PoolIdentity } from "../entities.js";
import type { ManagedIdentity } from "../identityDirectory.js";
import { addBootedNode } from "../nodeLifecycle.js";
import type { PoolRecord } from "../state.js";
import { MINUTE_MS, SECOND_MS } from "../time.js";
import type { PoolSpec, WorldBuilder } from "./builder.js";
import { ingestSales } from "./catalog.js";
import {
  addApplication,
  addUserAssignedIdentity,
  enableSystemAssignedIdentity,
  setAutoStorage,
} from "./identitySetup.js";
import type { ScenarioDefinition } from "./scenario.js";

const etlTool = [{ applicationId: "etl-tool", version: "2.4.0" }];

/** Never fails by itself, so every failure in this scenario is an identity one. */
const ingest = { ...ingestSales, failureRate: 0, durationMs: [30 * SECOND_MS, 90 * SECOND_MS] as const };

function poolIdentity(...identities: ManagedIdentity[]): PoolIdentity {
  return {
    type: "UserAssigned",
    userAssignedIdentities: identities.map(({ resourceId, clientId, principalId }) => ({
      resourceId,
      clientId,
      principalId,
    })),
  };
}

function poolSpec(id: string, displayName: string, identity: PoolIdentity): PoolSpec {
  return {
    id,
    displayName,
    vmSize: "standard_d2s_v3",
    os: "linux",
    dedicatedNodes: 2,
    taskSlotsPerNode: 1,
    identity,
  };
}

/**
 * The pool gets the application package and grows by two nodes: only those install it, since a
 * pool's application package changes reach nodes that join afterwards.
 */
function addPackageAndGrow(builder: WorldBuilder, record: PoolRecord): void {
  record.pool.applicationPackageReferences = etlTool;
  for (const readyFor of [25 * MINUTE_MS, 24 * MINUTE_MS]) {
    addBootedNode(builder.sim, record, true, readyFor);
  }
  record.pool.targetDedicatedNodes += 2;
}

function addIngestPipeline(
  builder: WorldBuilder,
  name: string,
  poolId: string,
  options: { storageIdentity?: string; offsetMs: number },
): void {
  builder.addPipeline(
    {
      name,
      host: builder.adfFactory("adf-contoso-identity"),
      poolId,
      triggerName: `tr_${name}_every_6_minutes`,
      everyMs: 6 * MINUTE_MS,
      activities: [
        { type: "Custom", name: "ingest_partition", program: ingest, fanOut: 2, maxTaskRetryCount: 0 },
      ],
      ...(options.storageIdentity !== undefined ? { storageIdentity: options.storageIdentity } : {}),
    },
    options.offsetMs,
  );
}

export const identity: ScenarioDefinition = {
  description:
    "Managed identity autostorage and four pools, one per row of the identity tables: healthy, no storage role, no node identity reference, reference identity not on the pool.",
  leadTimeMs: 45 * MINUTE_MS,
  build(builder) {
    const nodes = addUserAssignedIdentity(builder, "id-batchtop-nodes", { storageRole: true });
    const etl = addUserAssignedIdentity(builder, "id-batchtop-etl", { storageRole: false });
    const keyVault = addUserAssignedIdentity(builder, "id-batchtop-keyvault", { storageRole: false });
    enableSystemAssignedIdentity(builder, { storageRole: false });
    addApplication(builder, "etl-tool", ["2.4.0"]);
    setAutoStorage(builder, {
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityReference: undefined,
    });

    // Row 3 is laid out first: its nodes were allocated while the account had no node identity
    // reference, which they keep.
    const notReferenced = builder.addPool(
      poolSpec(
        "identity-3-not-referenced",
        "Identity 3: not in the node identity reference",
        poolIdentity(keyVault),
      ),
    );
    addPackageAndGrow(builder, notReferenced);
    setAutoStorage(builder, { nodeIdentityReference: nodes.resourceId });

    builder.addPool({
      ...poolSpec("identity-1-ok", "Identity 1: reference identity with a storage role", poolIdentity(nodes)),
      applicationPackageReferences: etlTool,
    });
    builder.addPool({
      ...poolSpec(
        "identity-2-no-permission",
        "Identity 2: identity without a storage role",
        poolIdentity(nodes, etl),
      ),
      applicationPackageReferences: etlTool,
    });
    const notOnPool = builder.addPool(
      poolSpec(
        "identity-4-not-on-pool",
        "Identity 4: reference identity not on the pool",
        poolIdentity(keyVault),
      ),
    );
    addPackageAndGrow(builder, notOnPool);

    addIngestPipeline(builder, "ingest_orders", "identity-1-ok", { offsetMs: 60 * SECOND_MS });
    addIngestPipeline(builder, "ingest_invoices", "identity-2-no-permission", {
      storageIdentity: etl.resourceId,
      offsetMs: 90 * SECOND_MS,
    });
    addIngestPipeline(builder, "ingest_returns", "identity-3-not-referenced", { offsetMs: 120 * SECOND_MS });
    addIngestPipeline(builder, "ingest_shipments", "identity-4-not-on-pool", { offsetMs: 150 * SECOND_MS });
  },
};
