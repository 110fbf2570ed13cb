import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { logTableSchemas } from "../../../../src/sim/logs/tableSchemas.js";

// The simulator carries its own copy of the table schemas (the runtime must not read ../shared);
// this keeps that copy honest against the specs written from Microsoft's table reference.

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const specsDir = resolve(repoRoot, process.env["BATCHTOP_SPECS_DIR"] ?? "../shared/specs");
const tablesJson = resolve(specsDir, "log-analytics/tables.json");
const skip = existsSync(tablesJson)
  ? false
  : `${tablesJson} not found: set BATCHTOP_SPECS_DIR to the shared specs directory to run this check`;

interface SpecTable {
  columns: Record<string, string>;
  inferredColumns?: Record<string, string>;
}

function specTables(): Record<string, SpecTable> {
  return JSON.parse(readFileSync(tablesJson, "utf8")) as Record<string, SpecTable>;
}

test("the simulator declares exactly the tables of tables.json", { skip }, () => {
  assert.deepEqual(logTableSchemas.map((table) => table.name).sort(), Object.keys(specTables()).sort());
});

test("every column has the documented (or inferred) name and Kusto type", { skip }, () => {
  const specs = specTables();
  for (const table of logTableSchemas) {
    const spec = specs[table.name];
    assert.ok(spec, table.name);
    const expected = { ...spec.columns, ...spec.inferredColumns };
    const declared = Object.fromEntries(table.columns.map((column) => [column.name, column.type]));
    assert.deepEqual(declared, expected, table.name);
  }
});
