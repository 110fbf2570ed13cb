import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createArmService } from "../../../src/sim/arm/armService.js";
import { builtInRoles, readerWithoutRoleAssignments } from "../../../src/sim/world/roleDefinitions.js";
import { createWorld, type World } from "../../../src/sim/world/world.js";
import { serviceCaller, swaggerChecker, type Json } from "../../helpers/swaggerConformance.js";

// Checks the demo account's Microsoft.DataFactory (2018-06-01) answers against Microsoft's Swagger
// (../shared/specs, or BATCHTOP_SPECS_DIR), and that createRun's recovery behaves as Data Factory's:
// a new run in the reference run's group, starting from the failed activity.

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const specsDir = resolve(repoRoot, process.env.BATCHTOP_SPECS_DIR ?? "../shared/specs");
const swagger = join(
  specsDir,
  "datafactory/2018-06-01/datafactory/resource-manager/Microsoft.DataFactory/stable/2018-06-01/datafactory.json",
);
const skipReason = `the Data Factory specification is not under ${specsDir}; set BATCHTOP_SPECS_DIR to the shared specs directory to run these checks`;

const operator = "0f0e0d0c-0000-4000-8000-00000000000a";
const reader = "0f0e0d0c-0000-4000-8000-00000000000b";
const v = "2018-06-01";
const window = { lastUpdatedAfter: "2024-04-01T00:00:00Z", lastUpdatedBefore: "2024-06-01T00:00:00Z" };

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

test("factories, pipeline runs and activity runs validate against the Data Factory Swagger", (t) => {
  if (!existsSync(swagger)) return t.skip(skipReason);
  const check = swaggerChecker(swagger);
  const world = incidentWorld();
  const call = serviceCaller(createArmService(world), operator);
  const { subscriptionId, resourceGroup } = world.account();
  const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
  const factory = `${group}/providers/Microsoft.DataFactory/factories/adf-contoso-etl`;

  const all = check.conforms(
    "Factories_List",
    call("GET", `/subscriptions/${subscriptionId}/providers/Microsoft.DataFactory/factories`, v),
  );
  assert.deepEqual(
    (all.value as Json[]).map((item) => item.name),
    ["adf-contoso-etl"],
    "the Synapse workspace is not a factory",
  );
  check.conforms(
    "Factories_ListByResourceGroup",
    call("GET", `${group}/providers/Microsoft.DataFactory/factories`, v),
  );
  assert.equal(check.conforms("Factories_Get", call("GET", factory, v)).name, "adf-contoso-etl");
  check.errorConforms(
    "Factories_Get",
    call("GET", `${group}/providers/Microsoft.DataFactory/factories/nope`, v).response,
    404,
    "ResourceNotFound",
  );

  const failed = check.conforms(
    "PipelineRuns_QueryByFactory",
    call("POST", `${factory}/queryPipelineRuns`, v, {
      ...window,
      filters: [
        { operand: "PipelineName", operator: "Equals", values: ["transform_customers_hourly"] },
        { operand: "Status", operator: "Equals", values: ["Failed"] },
      ],
    }),
  );
  const runs = failed.value as Json[];
  assert.ok(runs.length >= 2, "the schema change has failed several runs");
  const run = runs[0]!;
  assert.equal(run.runGroupId, run.runId, "a first run is its own group");
  assert.match(String(run.message), /^Operation on target transform_customers failed: /);
  assert.deepEqual(run.invokedBy, { name: "tr_customers_every_8_minutes", invokedByType: "ScheduleTrigger" });

  const one = check.conforms(
    "PipelineRuns_Get",
    call("GET", `${factory}/pipelineruns/${String(run.runId)}`, v),
  );
  assert.deepEqual(one, run);
  check.errorConforms(
    "PipelineRuns_Get",
    call("GET", `${factory}/pipelineruns/00000000-0000-4000-8000-000000000000`, v).response,
    404,
    "PipelineRunNotFound",
  );

  const activities = check.conforms(
    "ActivityRuns_QueryByPipelineRun",
    call("POST", `${factory}/pipelineruns/${String(run.runId)}/queryActivityruns`, v, window),
  );
  const activityRuns = activities.value as Json[];
  assert.equal(activityRuns.length, 2, "the activity's two partitions");
  assert.ok(
    activityRuns.every(
      (item) => item.activityName === "transform_customers" && item.activityType === "Custom",
    ),
  );
  assert.ok(
    activityRuns.some((item) => item.status === "Failed" && (item.error as Json).errorCode === "2500"),
  );
  check.errorConforms(
    "ActivityRuns_QueryByPipelineRun",
    call("POST", `${factory}/pipelineruns/${String(run.runId)}/queryActivityruns`, v, {}).response,
    400,
    "InvalidRequestContent",
  );
});

test("createRun with the recovery parameters starts a new run in the failed run's group, from the failed activity", (t) => {
  if (!existsSync(swagger)) return t.skip(skipReason);
  const check = swaggerChecker(swagger);
  const world = incidentWorld();
  const call = serviceCaller(createArmService(world), operator);
  const { subscriptionId, resourceGroup } = world.account();
  const factory = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.DataFactory/factories/adf-contoso-etl`;
  // score_churn_batch: prepare_features (Custom) then invoke_batch_endpoint (Web), which the scoring
  // endpoint often refuses: a failure after an activity that succeeded.
  const failedRuns = world
    .pipelineRuns(factory)
    .filter((run) => run.spec.name === "score_churn_batch" && run.status === "Failed");
  const reference = failedRuns.find((run) => run.failedActivityIndex === 1);
  assert.ok(reference, "a score_churn_batch run failed at its Web activity");
  const createRun = (pipeline: string, query: string, as = operator) =>
    serviceCaller(createArmService(world), as)(
      "POST",
      `${factory}/pipelines/${pipeline}/createRun?${query}`,
      v,
    );

  const recovery = `referencePipelineRunId=${reference.runId}&isRecovery=true&startFromFailure=true`;
  check.errorConforms(
    "Pipelines_CreateRun",
    createRun("score_churn_batch", recovery, reader).response,
    403,
    "AuthorizationFailed",
  );
  const created = check.conforms("Pipelines_CreateRun", createRun("score_churn_batch", recovery));
  const runId = String(created.runId);
  assert.notEqual(runId, reference.runId);

  world.advance(60_000);
  const again = check.conforms("PipelineRuns_Get", call("GET", `${factory}/pipelineruns/${runId}`, v));
  assert.equal(again.runGroupId, reference.runGroupId);
  assert.equal(again.isLatest, true);
  assert.equal((again.invokedBy as Json).invokedByType, "Manual");
  assert.deepEqual(again.parameters, reference.parameters);
  const old = check.conforms(
    "PipelineRuns_Get",
    call("GET", `${factory}/pipelineruns/${reference.runId}`, v),
  );
  assert.equal(old.isLatest, false, "the reference run is no longer the latest of its group");
  const activities = check.conforms(
    "ActivityRuns_QueryByPipelineRun",
    call("POST", `${factory}/pipelineruns/${runId}/queryActivityruns`, v, window),
  );
  assert.deepEqual(
    (activities.value as Json[]).map((item) => item.activityName),
    ["invoke_batch_endpoint"],
    "prepare_features succeeded in the reference run and is not run again",
  );
  const grouped = check.conforms(
    "PipelineRuns_QueryByFactory",
    call("POST", `${factory}/queryPipelineRuns`, v, {
      ...window,
      filters: [{ operand: "RunGroupId", operator: "Equals", values: [reference.runGroupId] }],
    }),
  );
  assert.deepEqual(
    (grouped.value as Json[]).map((item) => item.runId).sort(),
    [reference.runId, runId].sort(),
  );

  // Refusals: a pipeline that does not exist, a reference of another pipeline, a run that did not fail.
  check.errorConforms("Pipelines_CreateRun", createRun("nope", recovery).response, 404, "EntityNotFound");
  check.errorConforms(
    "Pipelines_CreateRun",
    createRun("ingest_sales_daily", recovery).response,
    400,
    "BadRequest",
  );
  const succeeded = world
    .pipelineRuns(factory)
    .find((run) => run.status === "Succeeded" && run.spec.name === "score_churn_batch");
  assert.ok(succeeded);
  check.errorConforms(
    "Pipelines_CreateRun",
    createRun(
      "score_churn_batch",
      `referencePipelineRunId=${succeeded.runId}&isRecovery=true&startFromFailure=true`,
    ).response,
    400,
    "BadRequest",
  );
  check.errorConforms(
    "Pipelines_CreateRun",
    serviceCaller(createArmService(world), operator)(
      "POST",
      `${factory}/pipelines/score_churn_batch/createRun`,
      "2023-11-01",
    ).response,
    400,
    "NoRegisteredProviderFound",
  );
});
