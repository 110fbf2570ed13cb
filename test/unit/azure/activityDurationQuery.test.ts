import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { activityDurationsQuery } from "../../../src/azure/activityDurationQuery.js";
import { kqlString } from "../../../src/azure/runQueries.js";
import { analyzeQuery, type TableSchema } from "../../../src/sim/logs/kql/kustoLanguage.js";

// The usual-duration query exists twice until queries are loaded by name: as a .kql file with
// declared parameters, and as the builder batchtop sends today. They must say the same thing, and
// the file must pass the official Kusto parser against the documented table schemas.

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const kqlFile = readFileSync(resolve(repoRoot, "src/azure/kql/activityDurations.kql"), "utf8");
const specsDir = resolve(repoRoot, process.env["BATCHTOP_SPECS_DIR"] ?? "../shared/specs");
const tablesJson = resolve(specsDir, "log-analytics/tables.json");
const skip = existsSync(tablesJson)
  ? false
  : `${tablesJson} not found: set BATCHTOP_SPECS_DIR to the shared specs directory to run this check`;

const pairs = [
  { pipelineName: "compact_events", activityName: "compact_partition" },
  { pipelineName: "ingest_sales_daily", activityName: "ingest_partition" },
];

function specSchemas(): TableSchema[] {
  const tables = JSON.parse(readFileSync(tablesJson, "utf8")) as Record<
    string,
    { columns: Record<string, string> }
  >;
  return Object.entries(tables).map(([name, table]) => ({
    name,
    columns: Object.entries(table.columns).map(([column, type]) => ({ name: column, type })),
  }));
}

test("the .kql file is the builder's query with its parameters declared", () => {
  const [declaration, ...body] = kqlFile.trimEnd().split("\n");
  assert.equal(declaration, "declare query_parameters(pipelineNames:dynamic, activityNames:dynamic);");
  const list = (names: string[]) => names.map(kqlString).join(", ");
  const filled = body
    .join("\n")
    .replace("(pipelineNames)", `(${list(pairs.map((pair) => pair.pipelineName))})`)
    .replace("(activityNames)", `(${list(pairs.map((pair) => pair.activityName))})`);
  assert.equal(activityDurationsQuery("ADFActivityRun", pairs), filled);
});

test(
  "the file and the built queries parse against both activity-run tables' documented columns",
  { skip },
  () => {
    const schemas = specSchemas();
    for (const table of ["ADFActivityRun", "SynapseIntegrationActivityRuns"]) {
      assert.deepEqual(analyzeQuery(kqlFile.replace("ADFActivityRun", table), schemas).errors, [], table);
      assert.deepEqual(analyzeQuery(activityDurationsQuery(table, pairs), schemas).errors, [], table);
    }
  },
);

test("names reach the query as literals only", () => {
  const query = activityDurationsQuery("ADFActivityRun", [
    { pipelineName: "p') | take 1 //", activityName: "a\nb" },
  ]);
  assert.match(query, /PipelineName in \('p\\'\) \| take 1 \/\/'\)/);
  assert.match(query, /ActivityName in \('a\\u000ab'\)/);
  assert.throws(() => activityDurationsQuery("ADFActivityRun", []), RangeError);
});
