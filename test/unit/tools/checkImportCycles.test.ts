import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findImportCycle, importGraph } from "../../tools/checkImportCycles.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "batchtop-cycles-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test("a cycle closed by a type-only import across folders is reported with its path", (t) => {
  const root = tree({
    "model/a.ts": 'import { b } from "./b.js";\nexport const a = b;\n',
    "model/b.ts": 'export type { C } from "../store/c.js";\nexport const b = 1;\n',
    "store/c.ts": 'import type { A } from "../model/a.js";\nexport type C = A;\n',
    "ui/d.tsx": 'import { a } from "../model/a.js";\n',
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(findImportCycle(importGraph(root)), [
    join("model", "a.ts"),
    join("model", "b.ts"),
    join("store", "c.ts"),
    join("model", "a.ts"),
  ]);
});

test("a tree without a cycle passes; packages, comments and strings are not edges", (t) => {
  const root = tree({
    "a.ts": 'import ts from "typescript";\nimport { b } from "./b.js";\n// import { a } from "./a.js";\n',
    "b.ts": 'export const b = "import { a } from \'./a.js\'";\nexport const lazy = () => import("./c.js");\n',
    "c.tsx": "export const c = 1;\n",
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const graph = importGraph(root);
  assert.deepEqual(graph.get("b.ts"), ["c.tsx"]);
  assert.equal(findImportCycle(graph), undefined);
});

test("a module importing itself is a cycle", (t) => {
  const root = tree({ "a.ts": 'export * from "./a.js";\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(findImportCycle(importGraph(root)), ["a.ts", "a.ts"]);
});
