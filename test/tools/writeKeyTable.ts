// Rewrites the key table in README.md from the command table (`npm run docs:keys`), so the README
// cannot drift from the keys the dashboard binds; a unit test fails when this has not been run.
import { readFileSync, writeFileSync } from "node:fs";
import { withKeyTable } from "../../src/model/keymap/readmeKeyTable.js";

const readmePath = new URL("../../README.md", import.meta.url);
const readme = readFileSync(readmePath, "utf8");
const updated = withKeyTable(readme);
if (updated === readme) {
  console.log("README.md: key table already up to date");
} else {
  writeFileSync(readmePath, updated);
  console.log("README.md: key table rewritten");
}
