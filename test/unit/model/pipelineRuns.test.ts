import { test } from "node:test";
import assert from "node:assert/strict";
import { factoryFromResourceId } from "../../../src/model/pipelineRuns.js";

test("the factory comes from a run row's ResourceId in either of Log Analytics' casings", () => {
  const id =
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-batchtop-demo/providers/Microsoft.DataFactory/factories/adf-contoso-etl";
  const expected = {
    subscriptionId: "00000000-0000-4000-8000-000000000001",
    resourceGroup: "rg-batchtop-demo",
    factoryName: "adf-contoso-etl",
  };
  assert.deepEqual(factoryFromResourceId(id), expected);
  // ADFActivityRun's ResourceId is upper case: ARM names are case-insensitive, so it addresses the same factory.
  const upper = factoryFromResourceId(id.toUpperCase());
  assert.deepEqual(upper, {
    subscriptionId: expected.subscriptionId.toUpperCase(),
    resourceGroup: "RG-BATCHTOP-DEMO",
    factoryName: "ADF-CONTOSO-ETL",
  });
  assert.deepEqual(factoryFromResourceId(`${id.toLowerCase()}/`), expected);
});

test("anything but a factory's id names no factory", () => {
  for (const id of [
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/syn-contoso-analytics",
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DataFactory/factories/f/pipelines/p",
    "subscriptions/s/resourceGroups/rg/providers/Microsoft.DataFactory/factories/f",
    "",
  ]) {
    assert.equal(factoryFromResourceId(id), undefined, id);
  }
});
