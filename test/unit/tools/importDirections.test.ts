// The layer rules in eslint.config.js, run through ESLint itself on text placed in a layer's folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, "eslint.config.js") });

async function forbidden(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter(
      (message) => message.ruleId === "no-restricted-imports" || message.ruleId === "no-restricted-syntax",
    )
    .map((message) => message.message);
}

test("src/model imports nothing of the project outside itself, type-only imports included", async () => {
  assert.match(
    (await forbidden("src/model/x.ts", 'import { y } from "../store/y.js";\nexport const x = y;\n'))[0] ?? "",
    /src\/model is pure/,
  );
  assert.equal(
    (await forbidden("src/model/views/x.ts", 'import type { Y } from "../../actions/y.js";\n')).length,
    1,
  );
  // src/model/actions is part of the model, not the src/actions layer.
  assert.deepEqual(
    await forbidden("src/model/views/x.ts", 'import type { Y } from "../actions/y.js";\n'),
    [],
  );
  assert.deepEqual(await forbidden("src/model/x.ts", 'import stringWidth from "string-width";\n'), []);
});

test("each forbidden direction is flagged, the allowed ones are not", async () => {
  const cases: [file: string, specifier: string, flagged: boolean][] = [
    ["src/azure/x.ts", "./y.js", false],
    ["src/azure/x.ts", "../model/y.js", false],
    ["src/azure/x.ts", "../store/y.js", true],
    ["src/azure/x.ts", "../ui/y.js", true],
    ["src/azure/x.ts", "../cli/y.js", true],
    ["src/store/x.ts", "../azure/y.js", false],
    ["src/store/x.ts", "../ui/y.js", true],
    ["src/ui/panes/x.tsx", "../../store/y.js", false],
    ["src/ui/panes/x.tsx", "../../azure/y.js", true],
    ["src/ui/x.tsx", "@azure/batch", true],
    ["src/ui/x.tsx", "ink", false],
    ["src/actions/x.ts", "../azure/y.js", false],
    ["src/actions/x.ts", "../sim/y.js", true],
    ["src/store/x.ts", "../sim/y.js", true],
    ["src/cli/commands/x.ts", "../../sim/y.js", false],
    ["src/sim/world/x.ts", "../../model/y.js", false],
  ];
  for (const [file, specifier, flagged] of cases) {
    const messages = await forbidden(file, `import type { Y } from "${specifier}";\nexport type X = Y;\n`);
    assert.equal(messages.length, flagged ? 1 : 0, `${file} importing ${specifier}: ${messages.join(" ")}`);
  }
});

test("only src/cli loads modules with import(), which the import rule cannot see", async () => {
  assert.equal(
    (await forbidden("src/ui/x.ts", 'export const y = () => import("../azure/y.js");\n')).length,
    1,
  );
  assert.deepEqual(await forbidden("src/cli/x.ts", 'export const y = () => import("../sim/y.js");\n'), []);
});

test("every file of a restricted layer is within the depths the rules are written for", async () => {
  const uncovered: string[] = [];
  for (const layer of ["model", "azure", "store", "ui", "actions"]) {
    const files = readdirSync(join(root, "src", layer), { recursive: true, encoding: "utf8" });
    for (const file of files.filter((name) => /\.tsx?$/.test(name))) {
      const config = (await eslint.calculateConfigForFile(join(root, "src", layer, file))) as {
        rules?: Record<string, unknown>;
      };
      if (!config.rules?.["no-restricted-imports"]) uncovered.push(join("src", layer, file));
    }
  }
  assert.deepEqual(uncovered, []);
});
