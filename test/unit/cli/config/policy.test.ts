import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../../../src/cli/config/loadSettings.js";
import { loadPolicies, validatePolicy } from "../../../../src/cli/config/policy.js";
import { describeSource } from "../../../../src/cli/config/settingSource.js";
import { UsageError } from "../../../../src/cli/usageError.js";

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "batchtop-policy-"));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("a policy is refused, never ignored, when a key is unknown or has the wrong type", () => {
  const file = "/etc/batchtop/policy.json";
  for (const [value, message] of [
    [{ readonly: true }, `${file}: readonly: unknown policy key; did you mean readOnly?`],
    [{ readOnly: "true" }, `${file}: readOnly: must be true or false, got a string`],
    [null, `${file}: must be a JSON object, got null`],
  ] as const) {
    assert.throws(
      () => validatePolicy(value, file),
      (error: unknown) => error instanceof UsageError && error.message === message,
    );
  }
  assert.deepEqual(validatePolicy({}, file), { file, readOnly: false });
});

test("the system policy applies when present; a missing one is no policy", async () => {
  await withDir(async (dir) => {
    const system = join(dir, "policy.json");
    assert.deepEqual(await loadPolicies({ env: {}, systemPolicyPath: system }), []);
    await writeFile(system, '{"readOnly": true}');
    assert.deepEqual(await loadPolicies({ env: {}, systemPolicyPath: system }), [
      { file: system, readOnly: true },
    ]);
  });
});

test("a broken policy file fails closed with one line naming it", async () => {
  await withDir(async (dir) => {
    const system = join(dir, "policy.json");
    await writeFile(system, '{"readOnly": true');
    await assert.rejects(
      loadPolicies({ env: {}, systemPolicyPath: system }),
      (error: unknown) =>
        error instanceof UsageError &&
        error.message ===
          `${system}: invalid JSON at line 1, column 18: expected ',' or '}', found the end of the file`,
    );
  });
});

test("BATCHTOP_POLICY adds a policy, and must name a file that exists", async () => {
  await withDir(async (dir) => {
    const extra = join(dir, "team.json");
    await writeFile(extra, '{"readOnly": true}');
    const policies = await loadPolicies({
      env: { BATCHTOP_POLICY: extra },
      systemPolicyPath: join(dir, "none"),
    });
    assert.deepEqual(policies, [{ file: extra, readOnly: true }]);
    await assert.rejects(
      loadPolicies({ env: { BATCHTOP_POLICY: join(dir, "typo.json") }, systemPolicyPath: join(dir, "none") }),
      /typo\.json: no such file \(named by BATCHTOP_POLICY\)/,
    );
  });
});

test("a system policy beats --read-only=false, the environment, a profile and a lax BATCHTOP_POLICY", async () => {
  await withDir(async (dir) => {
    const system = join(dir, "system-policy.json");
    const lax = join(dir, "lax-policy.json");
    await writeFile(system, '{"readOnly": true}');
    await writeFile(lax, '{"readOnly": false}');
    const configHome = join(dir, "config");
    await mkdir(join(configHome, "batchtop"), { recursive: true });
    await writeFile(
      join(configHome, "batchtop", "config.json"),
      JSON.stringify({ defaultProfile: "rw", profiles: { rw: { readOnly: false } } }),
    );
    const settings = await loadSettings({
      flags: { settings: { readOnly: "false" } },
      env: { HOME: dir, XDG_CONFIG_HOME: configHome, BATCHTOP_READ_ONLY: "false", BATCHTOP_POLICY: lax },
      systemPolicyPath: system,
    });
    assert.equal(settings.values.readOnly, true);
    const source = settings.sources.readOnly;
    assert.ok(source);
    assert.equal(describeSource(source), `policy ${system}`);
    assert.deepEqual(settings.files.policies, [system, lax]);
  });
});

test("BATCHTOP_POLICY can add read-only, and nothing below it can lift it", async () => {
  await withDir(async (dir) => {
    const extra = join(dir, "extra.json");
    await writeFile(extra, '{"readOnly": true}');
    const settings = await loadSettings({
      flags: { settings: { readOnly: "false" } },
      env: { HOME: dir, XDG_CONFIG_HOME: join(dir, "config"), BATCHTOP_POLICY: extra },
      systemPolicyPath: join(dir, "absent.json"),
    });
    assert.equal(settings.values.readOnly, true);
    assert.equal(settings.sources.readOnly?.kind, "policy");
    const overruled = settings.overruled.readOnly;
    assert.ok(overruled);
    assert.equal(describeSource(overruled), "--read-only=false");
  });
});
