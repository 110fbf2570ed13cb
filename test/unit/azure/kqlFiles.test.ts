import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bindQuery, parseQueryFile } from "../../../src/azure/kql/loadQuery.js";
import { analyzeQuery, type TableSchema } from "../../../src/sim/logs/kql/kustoLanguage.js";
import type { KqlType } from "../../../src/sim/logs/kql/values.js";

// Every query batchtop sends, checked by the official Kusto parser (@kusto/language-service-next)
// against the table schemas written from Microsoft's table reference: an unknown table or column, a
// wrong type or a syntax error fails here, not at 3 a.m. against a real workspace. Each file is
// checked as stored (its parameter declaration gives the parameters their types) and as sent (the
// parameters bound by `let`).

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const queriesDir = join(repoRoot, "src", "azure", "kql");
const specsDir = resolve(repoRoot, process.env["BATCHTOP_SPECS_DIR"] ?? "../shared/specs");
const tablesJson = resolve(specsDir, "log-analytics/tables.json");
const skip = existsSync(tablesJson)
  ? false
  : `${tablesJson} not found: set BATCHTOP_SPECS_DIR to the shared specs directory to run this check`;

function schemas(): TableSchema[] {
  const tables = JSON.parse(readFileSync(tablesJson, "utf8")) as Record<
    string,
    { columns: Record<string, string>; inferredColumns?: Record<string, string> }
  >;
  return Object.entries(tables).map(([name, table]) => ({
    name,
    columns: Object.entries({ ...table.columns, ...table.inferredColumns }).map(([column, type]) => ({
      name: column,
      type: type as KqlType,
    })),
  }));
}

const files = readdirSync(queriesDir).filter((name) => name.endsWith(".kql"));

/** A value of each declared type, to bind a query as it would be sent. */
const samples: Record<string, string | number | Date | string[] | { durationMs: number }> = {
  string: "sample'value",
  long: 10,
  int: 10,
  dynamic: ["a", "b"],
  datetime: new Date("2026-11-22T03:00:00Z"),
  timespan: { durationMs: 3_600_000 },
};

test("there are query files to check", () => {
  assert.ok(files.length >= 7, files.join(", "));
});

test(
  "every query file parses and binds against the documented tables, as stored and as sent",
  { skip },
  () => {
    const tables = schemas();
    for (const name of files) {
      const text = readFileSync(join(queriesDir, name), "utf8");
      const stored = analyzeQuery(text, tables);
      assert.deepEqual(stored.errors, [], `${name} as stored`);
      const query = parseQueryFile(text);
      const args = Object.fromEntries(
        query.parameters.map(({ name: parameter, type }) => [parameter, samples[type]!]),
      );
      const sent = analyzeQuery(bindQuery(query, args), tables);
      assert.deepEqual(sent.errors, [], `${name} as sent`);
    }
  },
);

test("the check catches an unknown column and a syntax error", { skip }, () => {
  const tables = schemas();
  assert.ok(analyzeQuery("ADFActivityRun | project NoSuchColumn", tables).errors.length > 0);
  assert.ok(analyzeQuery("ADFActivityRun | where", tables).errors.length > 0);
  assert.ok(analyzeQuery("NoSuchTable | take 1", tables).errors.length > 0);
});
