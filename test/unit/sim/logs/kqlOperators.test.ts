import { test } from "node:test";
import assert from "node:assert/strict";
import { column, fixtureTables, ms, records, run } from "./fixtureTables.js";
import { logTableSchemas } from "../../../../src/sim/logs/tableSchemas.js";

const adfColumns = logTableSchemas.find((table) => table.name === "ADFActivityRun")?.columns ?? [];

test("a table reference returns every row with the documented columns and types", () => {
  const result = run("ADFActivityRun");
  assert.equal(result.rows.length, fixtureTables["ADFActivityRun"]?.length);
  assert.deepEqual(result.columns, adfColumns);
  const first = records(result)[0];
  assert.equal(first?.["TimeGenerated"], ms("2026-11-22T09:00:00Z"));
  assert.equal(first?.["ErrorMessage"], "", "a string column a record lacks is empty, not null");
  assert.equal(first?.["End"], null);
});

test("the ADF idiom keeps each activity run's latest row and filters on it", () => {
  const result = run(
    'ADFActivityRun | where TimeGenerated > ago(1d) | summarize arg_max(TimeGenerated, *) by ActivityRunId | where Status == "Failed"',
  );
  assert.deepEqual(result.columns.slice(0, 3), [
    { name: "ActivityRunId", type: "string" },
    { name: "TimeGenerated", type: "datetime" },
    { name: "ActivityIterationCount", type: "int" },
  ]);
  assert.equal(result.columns.length, adfColumns.length, "arg_max(*) brings every other column once");
  const [row, ...rest] = records(result);
  assert.equal(rest.length, 0, "a3 failed outside ago(1d); a2 succeeded last");
  assert.equal(row?.["ActivityRunId"], "a1");
  assert.equal(row?.["TimeGenerated"], ms("2026-11-22T10:45:30Z"));
  assert.equal(row?.["ErrorMessage"], "Task exited with code 1: Out-of-memory in step_3");
  assert.equal(
    row?.["Output"],
    '{"exitcode":1,"outputs":["https://st.blob.core.windows.net/adfjobs/a1/output/stdout.txt"]}',
  );
});

test("where is case-sensitive with == and not with =~", () => {
  assert.deepEqual(column(run('ADFActivityRun | where Status == "Failed" | project ActivityRunId')), [
    "a1",
    "a3",
  ]);
  assert.equal(run('ADFActivityRun | where Status == "failed"').rows.length, 0);
  assert.equal(run('ADFActivityRun | where Status =~ "failed"').rows.length, 2);
  assert.equal(run('ADFActivityRun | where Status != "Failed"').rows.length, 4);
});

test("project renames and computes, with Kusto's result types", () => {
  const result = run(
    'ADFActivityRun | where ActivityRunId == "a2" | project Run=ActivityRunId, Status, Duration=End - Start, Iterations=ActivityIterationCount * 10',
  );
  assert.deepEqual(result.columns, [
    { name: "Run", type: "string" },
    { name: "Status", type: "string" },
    { name: "Duration", type: "timespan" },
    { name: "Iterations", type: "long" },
  ]);
  assert.deepEqual(result.rows, [
    ["a2", "InProgress", null, 20],
    ["a2", "Succeeded", 30 * 60_000, 20],
  ]);
});

test("project reads the input columns even after a same-named column is defined", () => {
  const result = run(
    'ADFActivityRun | where Status == "Queued" | project ActivityIterationCount=ActivityIterationCount+1, Old=ActivityIterationCount',
  );
  assert.deepEqual(result.rows, [[2, 1]]);
});

test("project-away, project-keep and project-rename pick columns", () => {
  const away = run("ADFActivityRun | take 1 | project-away TimeGenerated, Status");
  assert.equal(away.columns.length, adfColumns.length - 2);
  assert.ok(!away.columns.some((c) => c.name === "TimeGenerated" || c.name === "Status"));
  const keep = run("ADFActivityRun | take 1 | project-keep Status, ActivityRunId");
  assert.deepEqual(records(keep), [{ ActivityRunId: "a1", Status: "Queued" }]);
  const renamed = run("ADFActivityRun | take 1 | project-rename Run=ActivityRunId | project Run, Status");
  assert.deepEqual(records(renamed), [{ Run: "a1", Status: "Queued" }]);
});

test("extend adds columns and replaces a same-named one in place", () => {
  const result = run(
    'ADFActivityRun | where ActivityRunId == "a1" | extend Status = tolower(Status), Hour = bin(TimeGenerated, 1h), strlen(ActivityName)',
  );
  const names = result.columns.map((c) => c.name);
  assert.equal(
    names.indexOf("Status"),
    adfColumns.findIndex((c) => c.name === "Status"),
  );
  assert.deepEqual(names.slice(-2), ["Hour", "strlen_ActivityName"]);
  assert.deepEqual(
    records(result).map((r) => [r["Status"], r["Hour"], r["strlen_ActivityName"]]),
    [
      ["queued", ms("2026-11-22T09:00:00Z"), 9],
      ["inprogress", ms("2026-11-22T09:00:00Z"), 9],
      ["failed", ms("2026-11-22T10:00:00Z"), 9],
    ],
  );
});

test("summarize count() by a column names the count count_", () => {
  const result = run("ADFActivityRun | summarize count() by Status");
  assert.deepEqual(result.columns, [
    { name: "Status", type: "string" },
    { name: "count_", type: "long" },
  ]);
  assert.deepEqual(result.rows, [
    ["Queued", 1],
    ["InProgress", 2],
    ["Failed", 2],
    ["Succeeded", 1],
  ]);
});

test("summarize with dcount, max, min, sum, avg and countif", () => {
  const result = run(
    'ADFActivityRun | summarize dcount(ActivityRunId), max(ActivityIterationCount), min(TimeGenerated), sum(ActivityIterationCount), avg(ActivityIterationCount), countif(Status == "Failed") by PipelineName',
  );
  assert.deepEqual(result.columns, [
    { name: "PipelineName", type: "string" },
    { name: "dcount_ActivityRunId", type: "long" },
    { name: "max_ActivityIterationCount", type: "int" },
    { name: "min_TimeGenerated", type: "datetime" },
    { name: "sum_ActivityIterationCount", type: "long" },
    { name: "avg_ActivityIterationCount", type: "real" },
    { name: "countif_", type: "long" },
  ]);
  assert.deepEqual(result.rows, [
    ["Ingest", 2, 3, ms("2026-11-20T08:00:00Z"), 6, 1.5, 2],
    ["Report", 1, 2, ms("2026-11-22T11:00:00Z"), 4, 2, 0],
  ]);
});

test("minif and maxif take the extreme over the rows where the predicate holds", () => {
  const result = run(
    'ADFActivityRun | summarize earliest = minif(TimeGenerated, Status == "Failed"), latest = maxif(TimeGenerated, Status == "Failed"), never = maxif(TimeGenerated, Status == "Nope") by PipelineName',
  );
  assert.deepEqual(result.columns, [
    { name: "PipelineName", type: "string" },
    { name: "earliest", type: "datetime" },
    { name: "latest", type: "datetime" },
    { name: "never", type: "datetime" },
  ]);
  assert.deepEqual(result.rows, [
    ["Ingest", ms("2026-11-20T08:00:00Z"), ms("2026-11-22T10:45:30Z"), null],
    ["Report", null, null, null],
  ]);
});

test("summarize by bin(TimeGenerated, 1h) keeps the column name", () => {
  const result = run(
    "ADFActivityRun | where TimeGenerated > ago(1d) | summarize n = count() by bin(TimeGenerated, 1h)",
  );
  assert.deepEqual(result.columns, [
    { name: "TimeGenerated", type: "datetime" },
    { name: "n", type: "long" },
  ]);
  assert.deepEqual(result.rows, [
    [ms("2026-11-22T09:00:00Z"), 2],
    [ms("2026-11-22T10:00:00Z"), 1],
    [ms("2026-11-22T11:00:00Z"), 2],
  ]);
});

test("summarize without by answers one row even over no rows; with by, none", () => {
  assert.deepEqual(
    run("ADFActivityRun | where false | summarize count(), sum(ActivityIterationCount), max(End)").rows,
    [[0, 0, null]],
  );
  assert.deepEqual(run("ADFActivityRun | where false | summarize count() by Status").rows, []);
});

test("arg_max and arg_min with listed columns", () => {
  const latest = run(
    "ADFActivityRun | summarize arg_max(TimeGenerated, Status, Iter=ActivityIterationCount) by ActivityRunId",
  );
  assert.deepEqual(
    latest.columns.map((c) => c.name),
    ["ActivityRunId", "TimeGenerated", "Status", "Iter"],
  );
  assert.deepEqual(latest.rows, [
    ["a1", ms("2026-11-22T10:45:30Z"), "Failed", 1],
    ["a2", ms("2026-11-22T11:30:00Z"), "Succeeded", 2],
    ["a3", ms("2026-11-20T08:00:00Z"), "Failed", 3],
  ]);
  const first = run("ADFActivityRun | summarize arg_min(TimeGenerated, Status) by ActivityRunId");
  assert.deepEqual(
    column(
      run("ADFActivityRun | summarize arg_min(TimeGenerated, Status) by ActivityRunId | project Status"),
    ),
    ["Queued", "InProgress", "Failed"],
  );
  assert.equal(first.columns[1]?.name, "TimeGenerated");
});

test("make_set and make_list collect dynamic arrays", () => {
  const result = run(
    'ADFActivityRun | where ActivityRunId == "a1" | summarize make_set(PipelineName), make_list(Status)',
  );
  assert.deepEqual(
    result.columns.map((c) => c.type),
    ["dynamic", "dynamic"],
  );
  assert.deepEqual(result.rows, [[["Ingest"], ["Queued", "InProgress", "Failed"]]]);
});

test("sort/order by: descending by default, nulls first ascending and last descending", () => {
  assert.deepEqual(column(run("ADFActivityRun | sort by TimeGenerated | project Status | take 2")), [
    "Succeeded",
    "InProgress",
  ]);
  assert.deepEqual(
    column(run("ADFActivityRun | order by TimeGenerated asc | project ActivityRunId | take 2")),
    ["a3", "a1"],
  );
  const ascending = column(run("ADFActivityRun | sort by End asc | project End"));
  assert.deepEqual(ascending, [
    null,
    null,
    null,
    null,
    ms("2026-11-22T10:45:30Z"),
    ms("2026-11-22T11:30:00Z"),
  ]);
  const descending = column(run("ADFActivityRun | sort by End desc | project End"));
  assert.deepEqual(descending, [
    ms("2026-11-22T11:30:00Z"),
    ms("2026-11-22T10:45:30Z"),
    null,
    null,
    null,
    null,
  ]);
  const twoKeys = run(
    "ADFActivityRun | order by ActivityIterationCount desc, TimeGenerated asc | project ActivityRunId, Status",
  );
  assert.deepEqual(twoKeys.rows.slice(0, 3), [
    ["a3", "Failed"],
    ["a2", "InProgress"],
    ["a2", "Succeeded"],
  ]);
});

test("top N by, take and limit", () => {
  assert.deepEqual(column(run("ADFActivityRun | top 2 by TimeGenerated | project Status")), [
    "Succeeded",
    "InProgress",
  ]);
  assert.deepEqual(column(run("ADFActivityRun | top 1 by TimeGenerated asc | project ActivityRunId")), [
    "a3",
  ]);
  assert.equal(run("ADFActivityRun | take 2").rows.length, 2);
  assert.equal(run("ADFActivityRun | limit 0").rows.length, 0);
});

test("distinct, count and print", () => {
  assert.deepEqual(column(run("ADFActivityRun | distinct PipelineName")), ["Ingest", "Report"]);
  assert.equal(run("ADFActivityRun | distinct ActivityRunId, Status").rows.length, 6);
  assert.equal(run("ADFActivityRun | project ActivityRunId | distinct *").rows.length, 3);
  const counted = run("ADFActivityRun | where Status == 'Failed' | count");
  assert.deepEqual(counted, { columns: [{ name: "Count", type: "long" }], rows: [[2]] });
  assert.deepEqual(run("print answer = 42, label = 'x'").rows, [[42, "x"]]);
});

test("the API's time range hides rows outside it", () => {
  const result = run("ADFActivityRun | summarize count()", {
    start: ms("2026-11-22T10:00:00Z"),
    end: ms("2026-11-22T11:00:00Z"),
  });
  assert.deepEqual(result.rows, [[2]]);
});

test("columns no expression names still carry their values through every operator", () => {
  const [row] = records(
    run('(ADFActivityRun) | where ActivityRunId == "a2" | sort by TimeGenerated asc | take 1'),
  );
  assert.equal(row?.["PipelineName"], "Report");
  assert.equal(row?.["Start"], ms("2026-11-22T11:00:00Z"));
  const [away] = records(run("ADFActivityRun | project-away Status | top 1 by TimeGenerated"));
  assert.equal(away?.["Output"], '{"exitcode":0}');
});

test("percentile is Kusto's nearest rank, over numbers and over durations in milliseconds", () => {
  const result = run(
    "ADFActivityRun | summarize p50 = percentile(ActivityIterationCount, 50), p95 = percentile(ActivityIterationCount, 95), tookMs = percentile((End - Start) / 1ms, 95) by PipelineName",
  );
  assert.deepEqual(result.columns, [
    { name: "PipelineName", type: "string" },
    { name: "p50", type: "long" },
    { name: "p95", type: "long" },
    { name: "tookMs", type: "real" },
  ]);
  // Ingest's counts are 1, 1, 1, 3: the 50th is the 2nd smallest, the 95th the 4th. Only rows with
  // both Start and End have a duration (nulls are left out, as Kusto does).
  assert.deepEqual(result.rows, [
    ["Ingest", 1, 3, 100.5 * 60_000],
    ["Report", 2, 2, 30 * 60_000],
  ]);
});
