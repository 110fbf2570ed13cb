import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  kqlTimespan,
  timelineQuery,
  timelineRowsQuery,
  timelineTemplates,
  type TimelineQueryName,
} from "../../../src/azure/timelineQueries.js";
import { analyzeQuery, type TableSchema } from "../../../src/sim/logs/kql/kustoLanguage.js";

// The timeline's queries: the text sent is the .kql file's with its parameters written in, and
// every file parses and binds with the official Kusto parser against the shared table schemas.

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const kqlFile = (name: string) => resolve(repoRoot, "src/azure/kql", `${name}.kql`);
const specsDir = resolve(repoRoot, process.env["BATCHTOP_SPECS_DIR"] ?? "../shared/specs");
const tablesJson = resolve(specsDir, "log-analytics/tables.json");
const skip = existsSync(tablesJson)
  ? false
  : `${tablesJson} not found: set BATCHTOP_SPECS_DIR to the shared specs directory to run this check`;
const names = Object.keys(timelineTemplates) as TimelineQueryName[];

function fileParts(name: string): { declaration: string; body: string } {
  const [declaration = "", ...body] = readFileSync(kqlFile(name), "utf8").trimEnd().split("\n");
  return { declaration, body: body.join("\n") };
}

test("each template is its .kql file's text after the parameter declaration", () => {
  for (const name of names) {
    const { declaration, body } = fileParts(name);
    assert.match(
      declaration,
      /^declare query_parameters\((\w+:(string|long|timespan))(, \w+:(string|long|timespan))*\);$/,
    );
    assert.equal(timelineTemplates[name].join("\n"), body, name);
    // Every declared parameter is used, and is filled by the builders.
    for (const [, parameter] of declaration.matchAll(/(\w+):\w+/g))
      assert.match(body, new RegExp(`\\b${parameter}\\b`), `${name} uses ${parameter}`);
  }
});

test("parameters are written as literals by tested functions: timespans, limits, an escaped account name", () => {
  assert.equal(kqlTimespan(120_000), "2m");
  assert.equal(kqlTimespan(2_880_000), "48m");
  assert.equal(kqlTimespan(1500), "1500ms");
  for (const bad of [0, -60_000, 1.5]) assert.throws(() => kqlTimespan(bad), RangeError);
  assert.equal(
    timelineQuery("timelineAdfFailures", { bucketMs: 720_000, maxRows: 3000 }),
    [
      "ADFActivityRun",
      "| where Status == 'Failed'",
      "| summarize Count = count() by bin(TimeGenerated, 12m), PipelineName",
      "| take 3000",
    ].join("\n"),
  );
  const batch = timelineQuery("timelineBatchEvents", {
    bucketMs: 120_000,
    maxRows: 10,
    batchAccountName: "x' or true or '",
  });
  assert.match(batch, /\| where isempty\('x\\' or true or \\''\) or Resource =~ 'x\\' or true or \\''\n/);
  assert.match(
    timelineRowsQuery("timelineBatchEventRows", { maxRows: 200 }),
    /isempty\(''\) or Resource =~ ''/,
  );
  assert.match(
    timelineRowsQuery("timelineSynapseFailureRows", { maxRows: 200 }),
    /\| top 200 by TimeGenerated desc$/,
  );
  assert.throws(() => timelineRowsQuery("timelineAdfFailureRows", { maxRows: 0 }), RangeError);
});

test("every .kql file parses and binds against tables.json, declaration included", { skip }, () => {
  const spec = JSON.parse(readFileSync(tablesJson, "utf8")) as Record<
    string,
    { columns: Record<string, string>; inferredColumns?: Record<string, string> }
  >;
  const schemas: TableSchema[] = Object.entries(spec).map(([name, table]) => ({
    name,
    columns: Object.entries({ ...table.columns, ...table.inferredColumns }).map(([column, type]) => ({
      name: column,
      type,
    })),
  }));
  for (const name of names) {
    const { errors } = analyzeQuery(readFileSync(kqlFile(name), "utf8"), schemas);
    assert.deepEqual(
      errors.map((error) => `${error.code} ${error.message}`),
      [],
      name,
    );
  }
});
