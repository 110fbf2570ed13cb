import { test } from "node:test";
import assert from "node:assert/strict";
import { keymapSetting } from "../../../src/cli/config/keymapSetting.js";
import type { EffectiveSettings } from "../../../src/cli/config/resolveSettings.js";
import type { SettingSource } from "../../../src/cli/config/settingSource.js";
import { findFlag } from "../../../src/cli/findFlag.js";
import { UsageError } from "../../../src/cli/usageError.js";

const configFile = "~/.config/batchtop/config.json";

function settings(
  keys: Record<string, readonly string[]>,
  { readOnly = false, source }: { readOnly?: boolean; source?: SettingSource } = {},
): EffectiveSettings {
  // keymapSetting reads only values.keys, values.readOnly and sources.keys; the rest is left out.
  return {
    values: { keys, readOnly },
    sources: source ? { keys: source } : {},
  } as unknown as EffectiveSettings;
}

/** The one line start-up stops with, checked to be a UsageError (exit code 2, no stack trace). */
function usageLine(run: () => unknown): string {
  let message: string | undefined;
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UsageError, `a UsageError, got ${String(error)}`);
    message = error.message;
    return true;
  });
  assert.ok(message !== undefined);
  assert.equal(message.includes("\n"), false, "one line");
  return message;
}

test("with no bindings the dashboard gets the default keys", () => {
  const keymap = keymapSetting(settings({}));
  assert.equal(keymap.readOnly, false);
  assert.deepEqual(keymap.resolve("S", "pools"), { kind: "command", command: "pool.rescale" });
  assert.deepEqual(keymap.resolve("r", "tasks"), { kind: "command", command: "app.refresh" });
});

test("a profile's bindings replace a command's default keys", () => {
  const keymap = keymapSetting(settings({ "app.refresh": ["Ctrl+R", "Y"] }));
  assert.deepEqual(keymap.resolve("ctrl+r", "pools"), { kind: "command", command: "app.refresh" });
  assert.deepEqual(keymap.resolve("Y", "log"), { kind: "command", command: "app.refresh" });
  assert.deepEqual(keymap.resolve("r", "pools"), { kind: "unbound" });
});

test("read-only mode reaches the keymap: a mutating key is refused, not run", () => {
  const keymap = keymapSetting(settings({}, { readOnly: true }));
  assert.equal(keymap.readOnly, true);
  assert.equal(keymap.offers("pool.rescale"), false);
  assert.deepEqual(keymap.resolve("S", "pools"), {
    kind: "refused",
    command: "pool.rescale",
    reason: "read-only",
  });
});

test("a binding for a command that does not exist stops start-up with one line starting with keys", () => {
  const line = usageLine(() => keymapSetting(settings({ "app.refrsh": ["F5"] })));
  assert.match(line, /^keys: app\.refrsh: unknown command; did you mean app\.refresh\?$/);
});

test("a binding to something no terminal sends as one key stops start-up", () => {
  const line = usageLine(() => keymapSetting(settings({ "app.refresh": ["F5"] })));
  assert.match(line, /^keys: app\.refresh: "F5" is not a key/);
});

test("a key two commands claim stops start-up, naming both", () => {
  const line = usageLine(() => keymapSetting(settings({ "app.refresh": ["j"] })));
  assert.match(line, /^keys: /);
  assert.match(line, /"j"/);
  assert.match(line, /nav\.down/);
  assert.match(line, /app\.refresh/);
});

test("the line says where the bad binding came from", () => {
  const fromProfile = usageLine(() =>
    keymapSetting(
      settings({ "app.refresh": ["j"] }, { source: { kind: "profile", profile: "prod", file: configFile } }),
    ),
  );
  assert.match(fromProfile, /^keys \(profile prod in ~\/\.config\/batchtop\/config\.json\): /);
  const fromFile = usageLine(() =>
    keymapSetting(
      settings({ "nope.command": ["x"] }, { source: { kind: "configFile", file: configFile, key: "keys" } }),
    ),
  );
  assert.match(
    fromFile,
    /^keys \(keys in ~\/\.config\/batchtop\/config\.json\): nope\.command: unknown command/,
  );
});

test("--find takes the id as pasted, without the spaces around it", () => {
  assert.equal(findFlag(undefined), undefined);
  assert.equal(findFlag("9f0c2a55-1111-4a4a-9b9b-000000000001"), "9f0c2a55-1111-4a4a-9b9b-000000000001");
  assert.equal(findFlag("  tvmps_1\n"), "tvmps_1");
});

test("--find with an empty or blank id stops with one line saying what it needs", () => {
  for (const value of ["", "   ", "\t\n"]) {
    const line = usageLine(() => findFlag(value));
    assert.match(line, /^--find needs an id/, JSON.stringify(value));
  }
});
