import { test } from "node:test";
import assert from "node:assert/strict";
import {
  activityRunsByIdsQuery,
  activityRunTables,
  activityRunTransitionsQuery,
  kqlLimit,
  kqlString,
  latestActivityRunsQuery,
  taskFailEventsQuery,
} from "../../../src/azure/runQueries.js";

const [adf, synapse] = activityRunTables;

test("the latest runs use ADF's arg_max idiom, project what is read, and keep the window out of the text", () => {
  assert.equal(
    latestActivityRunsQuery(adf!, 200),
    [
      "ADFActivityRun",
      "| summarize arg_max(TimeGenerated, *) by ActivityRunId",
      "| project TimeGenerated, PipelineName, PipelineRunId, ActivityName, ActivityRunId, ActivityType, Status, Start, End, _ResourceId, ErrorCode, ErrorMessage, FailureType, Output",
      "| top 200 by TimeGenerated desc",
    ].join("\n"),
  );
  // Synapse's table has no error or output columns; asking for them would be a semantic error.
  assert.doesNotMatch(latestActivityRunsQuery(synapse!, 10), /Error|Output/);
  assert.match(latestActivityRunsQuery(synapse!, 10), /^SynapseIntegrationActivityRuns\n/);
});

test("ids are filtered before summarizing, each as an escaped literal", () => {
  assert.equal(
    activityRunsByIdsQuery(adf!, ["a1", "b'2"]).split("\n")[1],
    "| where ActivityRunId in ('a1', 'b\\'2')",
  );
  assert.throws(() => activityRunsByIdsQuery(adf!, []), RangeError);
  assert.equal(
    activityRunTransitionsQuery(synapse!, "5f3eb3bc-9ad3-44a2-b272-3d64328a8755").split("\n")[1],
    "| where ActivityRunId == '5f3eb3bc-9ad3-44a2-b272-3d64328a8755'",
  );
});

test("kqlString escapes what could end the literal or break a line", () => {
  assert.equal(kqlString("plain"), "'plain'");
  assert.equal(kqlString("it's"), "'it\\'s'");
  assert.equal(kqlString("back\\slash"), "'back\\\\slash'");
  assert.equal(
    kqlString("two\nlines\r\tand\u0000nul\u2028"),
    "'two\\u000alines\\u000d\\u0009and\\u0000nul\\u2028'",
  );
  assert.equal(kqlString("\\'"), "'\\\\\\''", "an escaped quote in the value stays a value");
});

test("row limits are whole numbers in range", () => {
  assert.equal(kqlLimit(1), 1);
  for (const bad of [0, -1, 1.5, Number.NaN, 10_001])
    assert.throws(() => kqlLimit(bad), RangeError, String(bad));
  assert.throws(() => latestActivityRunsQuery(adf!, 0), RangeError);
});

test("TaskFailEvents: the Batch service log, optionally one account's", () => {
  const all = taskFailEventsQuery(50);
  assert.match(
    all,
    /^AzureDiagnostics\n\| where ResourceProvider == 'MICROSOFT\.BATCH' and Category == 'ServiceLog' and OperationName == 'TaskFailEvent'\n/,
  );
  assert.doesNotMatch(all, /Resource =~/);
  assert.match(all, /\| top 50 by TimeGenerated desc$/);
  assert.match(taskFailEventsQuery(50, "batch'demo"), /\n\| where Resource =~ 'batch\\'demo'\n/);
});
