import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { themeTokenNames } from "../../../../src/model/theme/themeTokens.js";

const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
const section = /^## Themes\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
const builtIns = readdirSync(new URL("../../../../themes/", import.meta.url)).map((file) =>
  file.replace(/\.json$/, ""),
);

test("the README's Themes section lists every token once, and every built-in theme", () => {
  assert.ok(section, "README.md has a Themes section");
  const list = section.slice(section.indexOf("The tokens, by where they show:"));
  const listed = [...list.matchAll(/`([a-z][A-Za-z.]*)`/g)].map((match) => match[1]);
  assert.deepEqual([...listed].sort(), [...themeTokenNames].sort());
  for (const name of builtIns) assert.match(section, new RegExp(`^\\| \`${name}\` +\\|`, "m"), name);
});
