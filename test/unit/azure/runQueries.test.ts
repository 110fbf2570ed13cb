import { test } from "node:test";
import assert from "node:assert/strict";
import {
  activityDurationsQuery,
  activityRunsByIdsQuery,
  activityRunTables,
  activityRunTransitionsQuery,
  kqlLimit,
  latestActivityRunsQuery,
  taskFailEventsQuery,
} from "../../../src/azure/runQueries.js";

const [adf, synapse] = activityRunTables;

test("the latest runs bind the limit, use ADF's arg_max idiom, and keep the window out of the text", () => {
  const query = latestActivityRunsQuery(adf!, 200);
  assert.match(query, /^let limit = long\(200\);\nADFActivityRun\n/);
  assert.match(query, /\n\| summarize arg_max\(TimeGenerated, \*\) by ActivityRunId\n/);
  assert.match(query, /\n\| top limit by TimeGenerated desc$/);
  assert.doesNotMatch(query, /ago\(|datetime\(/);
  // Synapse's table has no error or output columns; asking for them would be a semantic error.
  assert.doesNotMatch(latestActivityRunsQuery(synapse!, 10), /Error|Output/);
  assert.match(latestActivityRunsQuery(synapse!, 10), /\nSynapseIntegrationActivityRuns\n/);
});

test("ids are bound as one array of escaped literals, filtered before summarizing", () => {
  const query = activityRunsByIdsQuery(adf!, ["a1", "b'2"]);
  assert.match(query, /^let ids = pack_array\('a1', 'b\\'2'\);\n/);
  assert.match(query, /\n\| where ActivityRunId in \(ids\)\n\| summarize/);
  assert.throws(() => activityRunsByIdsQuery(adf!, []), RangeError);
  assert.match(
    activityRunTransitionsQuery(synapse!, "5f3eb3bc-9ad3-44a2-b272-3d64328a8755"),
    /^let activityRunId = '5f3eb3bc-9ad3-44a2-b272-3d64328a8755';\n/,
  );
});

test("row limits are whole numbers in range", () => {
  assert.equal(kqlLimit(1), 1);
  for (const bad of [0, -1, 1.5, Number.NaN, 10_001])
    assert.throws(() => kqlLimit(bad), RangeError, String(bad));
  assert.throws(() => latestActivityRunsQuery(adf!, 0), RangeError);
});

test("TaskFailEvents: the Batch service log, one account's or every account's", () => {
  const all = taskFailEventsQuery(50);
  assert.match(all, /^let batchAccount = '';\nlet limit = long\(50\);\nAzureDiagnostics\n/);
  assert.match(taskFailEventsQuery(50, "batch'demo"), /^let batchAccount = 'batch\\'demo';/);
});

test("usual durations: each name once, as arrays of escaped literals, summarised by percentile", () => {
  const query = activityDurationsQuery(adf!, [
    { pipelineName: "p'1", activityName: "a" },
    { pipelineName: "p'1", activityName: "b" },
  ]);
  assert.match(
    query,
    /^let pipelineNames = pack_array\('p\\'1'\);\nlet activityNames = pack_array\('a', 'b'\);\n/,
  );
  assert.match(query, /percentile\(\(End - Start\) \/ 1ms, 95\)/);
  assert.throws(() => activityDurationsQuery(synapse!, []), RangeError);
});
