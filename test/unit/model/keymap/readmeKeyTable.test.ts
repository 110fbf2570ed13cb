import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  keyTableEnd,
  keyTableMarkdown,
  keyTableStart,
  withKeyTable,
} from "../../../../src/model/keymap/readmeKeyTable.js";

const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");

test("README.md holds exactly the generated key table (run npm run docs:keys after changing keys)", () => {
  const start = readme.indexOf(keyTableStart);
  const end = readme.indexOf(keyTableEnd);
  assert.ok(start !== -1 && end > start, "README.md has the key table markers");
  assert.equal(readme.slice(start + keyTableStart.length, end).trim(), keyTableMarkdown());
  assert.equal(withKeyTable(readme), readme);
});

test("the table has a row per command with its default keys, and marks the mutating ones", () => {
  const table = keyTableMarkdown();
  assert.match(table, /^\| keys +\| command +\| where +\| what it does +\|$/m);
  assert.match(table, /^\| `down` `j` +\| `nav\.down` +\| everywhere +\| move the selection down/m);
  assert.match(
    table,
    /^\| `S` +\| `pool\.rescale` +\| pools +\| .*; asks first, absent in read-only mode +\|$/m,
  );
  assert.match(
    table,
    /^\| `I` +\| `pool\.attachIdentity` +\| pools, doctor +\| .*; asks first, absent in read-only mode +\|$/m,
  );
});

test("rewriting replaces only the block between the markers", () => {
  const before = `# x\n\n${keyTableStart}\nstale\n${keyTableEnd}\n\n## after\n`;
  assert.equal(
    withKeyTable(before),
    `# x\n\n${keyTableStart}\n\n${keyTableMarkdown()}\n\n${keyTableEnd}\n\n## after\n`,
  );
  assert.throws(() => withKeyTable("# no markers\n"), /README\.md has no key table block/);
});
