import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createSynapseService } from "../../../src/sim/synapse/synapseService.js";
import { builtInRoles, readerWithoutRoleAssignments } from "../../../src/sim/world/roleDefinitions.js";
import { createWorld, type World } from "../../../src/sim/world/world.js";
import { serviceCaller, swaggerChecker, type Json } from "../../helpers/swaggerConformance.js";

// Checks the demo account's Synapse pipeline run API (data plane, 2020-12-01) against Microsoft's
// Swagger (../shared/specs, or BATCHTOP_SPECS_DIR), and that createPipelineRun's recovery behaves as
// Synapse's: a new run in the reference run's group, from the activity named by startActivityName.

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const specsDir = resolve(repoRoot, process.env.BATCHTOP_SPECS_DIR ?? "../shared/specs");
const swagger = join(
  specsDir,
  "synapse-artifacts/2020-12-01/synapse/data-plane/Microsoft.Synapse/stable/2020-12-01/pipelines.json",
);
const skipReason = `the Synapse specification is not under ${specsDir}; set BATCHTOP_SPECS_DIR to the shared specs directory to run these checks`;

const operator = "0f0e0d0c-0000-4000-8000-00000000000a";
const reader = "0f0e0d0c-0000-4000-8000-00000000000b";
const v = "2020-12-01";
const window = { lastUpdatedAfter: "2024-04-01T00:00:00Z", lastUpdatedBefore: "2024-06-01T00:00:00Z" };
const endpoint = "/synapse/syn-contoso-analytics";

function incidentWorld(): World {
  const world = createWorld({ scenario: "incident", seed: 3 });
  for (const [principalId, role] of [
    [operator, builtInRoles.owner],
    [reader, readerWithoutRoleAssignments],
  ] as const) {
    world.identityDirectory().assignRole({
      scope: `/subscriptions/${world.account().subscriptionId}`,
      roleDefinitionName: role.name,
      principalId,
      principalType: "ServicePrincipal",
      createdOn: world.now().toISOString(),
    });
  }
  return world;
}

const checker = () => swaggerChecker(swagger, { pathPrefix: "/synapse/[^/]+" });

test("Synapse pipeline runs and activity runs validate against the Synapse Swagger", (t) => {
  if (!existsSync(swagger)) return t.skip(skipReason);
  const check = checker();
  const world = incidentWorld();
  const call = serviceCaller(createSynapseService(world), operator);

  const failed = check.conforms(
    "PipelineRun_QueryPipelineRunsByWorkspace",
    call("POST", `${endpoint}/queryPipelineRuns`, v, {
      ...window,
      filters: [
        { operand: "PipelineName", operator: "Equals", values: ["refresh_inventory"] },
        { operand: "Status", operator: "Equals", values: ["Failed"] },
      ],
    }),
  );
  const runs = failed.value as Json[];
  assert.ok(runs.length >= 1, "the schema change has failed the inventory refresh");
  const run = runs[0]!;
  assert.equal(run.runGroupId, run.runId, "a first run is its own group");
  assert.match(String(run.message), /^Operation on target refresh_inventory_shard failed: /);
  assert.equal(run.runDimensions, undefined, "Synapse's PipelineRun has no runDimensions");

  const one = check.conforms(
    "PipelineRun_GetPipelineRun",
    call("GET", `${endpoint}/pipelineruns/${String(run.runId)}`, v),
  );
  assert.deepEqual(one, run);
  check.errorConforms(
    "PipelineRun_GetPipelineRun",
    call("GET", `${endpoint}/pipelineruns/00000000-0000-4000-8000-000000000000`, v).response,
    404,
    "PipelineRunNotFound",
  );

  const activities = check.conforms(
    "PipelineRun_QueryActivityRuns",
    call(
      "POST",
      `${endpoint}/pipelines/refresh_inventory/pipelineruns/${String(run.runId)}/queryActivityruns`,
      v,
      window,
    ),
  );
  const activityRuns = activities.value as Json[];
  assert.equal(activityRuns.length, 4, "the activity's four shards");
  assert.ok(
    activityRuns.some((item) => item.status === "Failed" && (item.error as Json).errorCode === "2500"),
  );
  check.errorConforms(
    "PipelineRun_QueryActivityRuns",
    call(
      "POST",
      `${endpoint}/pipelines/ingest_sales_daily/pipelineruns/${String(run.runId)}/queryActivityruns`,
      v,
      window,
    ).response,
    404,
    "PipelineRunNotFound",
  );
  check.errorConforms(
    "PipelineRun_QueryActivityRuns",
    call(
      "POST",
      `${endpoint}/pipelines/refresh_inventory/pipelineruns/${String(run.runId)}/queryActivityruns`,
      v,
      {},
    ).response,
    400,
    "InvalidRequestContent",
  );
  // The factory's runs are not the workspace's.
  const adfRun = world
    .pipelineRuns(world.factories()[0]!.resourceId)
    .find((entry) => entry.spec.name === "transform_customers_hourly");
  assert.ok(adfRun);
  check.errorConforms(
    "PipelineRun_GetPipelineRun",
    call("GET", `${endpoint}/pipelineruns/${adfRun.runId}`, v).response,
    404,
    "PipelineRunNotFound",
  );
});

test("createPipelineRun with the recovery parameters starts a new run in the failed run's group, from the named activity", (t) => {
  if (!existsSync(swagger)) return t.skip(skipReason);
  const check = checker();
  const world = incidentWorld();
  const call = serviceCaller(createSynapseService(world), operator);
  const workspace = world.workspaces()[0]!;
  assert.equal(workspace.name, "syn-contoso-analytics");
  const reference = world
    .pipelineRuns(workspace.resourceId)
    .find((run) => run.spec.name === "refresh_inventory" && run.status === "Failed");
  assert.ok(reference, "a refresh_inventory run failed");
  const createRun = (pipeline: string, query: string, as = operator) =>
    serviceCaller(createSynapseService(world), as)(
      "POST",
      `${endpoint}/pipelines/${pipeline}/createRun?${query}`,
      v,
    );

  const recovery = `referencePipelineRunId=${reference.runId}&isRecovery=true&startActivityName=refresh_inventory_shard`;
  // The restricted reader may read runs but not run pipelines: Synapse RBAC's refusal.
  check.conforms(
    "PipelineRun_GetPipelineRun",
    serviceCaller(createSynapseService(world), reader)(
      "GET",
      `${endpoint}/pipelineruns/${reference.runId}`,
      v,
    ),
  );
  const refused = check.errorConforms(
    "Pipeline_CreatePipelineRun",
    createRun("refresh_inventory", recovery, reader).response,
    403,
    "Unauthorized",
  );
  assert.match(
    String((refused.error as Json).message),
    /^The principal '0f0e0d0c-0000-4000-8000-00000000000b' does not have the required Synapse RBAC permission to perform this action\. Required permission: Action: Microsoft\.Synapse\/workspaces\/integrationRuntimes\/useCompute\/action, Scope: workspaces\/syn-contoso-analytics\/\*\.$/,
  );

  const created = check.conforms("Pipeline_CreatePipelineRun", createRun("refresh_inventory", recovery), 202);
  const runId = String(created.runId);
  assert.notEqual(runId, reference.runId);
  world.advance(60_000);
  const again = check.conforms(
    "PipelineRun_GetPipelineRun",
    call("GET", `${endpoint}/pipelineruns/${runId}`, v),
  );
  assert.equal(again.runGroupId, reference.runGroupId);
  assert.equal(again.isLatest, true);
  assert.equal((again.invokedBy as Json).invokedByType, "Manual");
  assert.deepEqual(again.parameters, reference.parameters);
  const old = check.conforms(
    "PipelineRun_GetPipelineRun",
    call("GET", `${endpoint}/pipelineruns/${reference.runId}`, v),
  );
  assert.equal(old.isLatest, false, "the reference run is no longer the latest of its group");
  const grouped = check.conforms(
    "PipelineRun_QueryPipelineRunsByWorkspace",
    call("POST", `${endpoint}/queryPipelineRuns`, v, {
      ...window,
      filters: [{ operand: "RunGroupId", operator: "Equals", values: [reference.runGroupId] }],
    }),
  );
  assert.deepEqual(
    (grouped.value as Json[]).map((item) => item.runId).sort(),
    [reference.runId, runId].sort(),
  );

  // startFromFailure is Data Factory's flag, not a Synapse parameter: ignored, whatever its value
  // (Data Factory refuses one that is not a boolean), and the recovery starts from the first activity.
  check.conforms(
    "Pipeline_CreatePipelineRun",
    createRun(
      "refresh_inventory",
      `referencePipelineRunId=${reference.runId}&isRecovery=true&startFromFailure=maybe`,
    ),
    202,
  );

  // Refusals: a pipeline that does not exist, a reference of another pipeline, an activity the
  // pipeline does not have, a workspace the account does not have, another api-version.
  check.errorConforms(
    "Pipeline_CreatePipelineRun",
    createRun("nope", recovery).response,
    404,
    "EntityNotFound",
  );
  check.errorConforms(
    "Pipeline_CreatePipelineRun",
    createRun(
      "refresh_inventory",
      `referencePipelineRunId=${reference.runId}&isRecovery=true&startActivityName=nope`,
    ).response,
    400,
    "BadRequest",
  );
  check.errorConforms(
    "Pipeline_CreatePipelineRun",
    call("POST", `/synapse/syn-nope/pipelines/refresh_inventory/createRun`, v).response,
    404,
    "WorkspaceNotFound",
  );
  check.errorConforms(
    "Pipeline_CreatePipelineRun",
    call("POST", `${endpoint}/pipelines/refresh_inventory/createRun`, "2019-06-01-preview").response,
    400,
    "NotSupported",
  );
});
