import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runCliAsync, startSimCli, type RunningSim } from "../../helpers/runCli.js";

interface VerdictJson {
  case: string;
  summary: string;
  evidence: { observed: string[]; inferred: string[] };
  fix: ({ kind: string } & Record<string, string>)[];
}

interface DoctorJson {
  account: string;
  healthy: boolean;
  accountCheck: VerdictJson;
  pools: ({ id: string } & VerdictJson)[];
}

const nodesIdentity = /\/userAssignedIdentities\/id-batchtop-nodes$/;

/**
 * What each pool of the `identity` scenario is, by the rows of seed 001's tables, and its fix. The
 * role-based parts depend on whether role assignments could be read: `withoutRoles` is what holds
 * while batchtop has no identity reader (symptoms only), `withRoles` what the ARM identity reader adds.
 */
const expected: Record<string, { case: string; fix: string[]; withoutRoles?: RegExp; withRoles?: RegExp }> = {
  "identity-1-ok": { case: "healthy", fix: [] },
  "identity-2-no-permission": {
    case: "identity-without-storage-role",
    fix: ["grant"],
    withoutRoles: /id-batchtop-etl on autostorage: role unknown/,
    withRoles: /id-batchtop-etl on autostorage: holds none of/,
  },
  "identity-3-not-referenced": { case: "nodes-before-reference", fix: ["attach", "cycle"] },
  "identity-4-not-on-pool": { case: "reference-not-on-pool", fix: ["attach", "cycle"] },
};

/** The account's own identity: unknown without role assignments, the documented case with them. */
const accountCheck = {
  withoutRoles: "unknown",
  withRoles: "account-identity-without-autostorage-role",
};

let sim: RunningSim;
let env: NodeJS.ProcessEnv;

before(async () => {
  sim = await startSimCli(["--speed", "0", "--no-storage", "--scenario", "identity"]);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // An empty config dir: the test must not depend on the machine's own profiles.
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "batchtop-config-")),
    ...sim.exports,
  };
});

after(async () => {
  await sim.interrupt();
});

test("batchtop doctor --json on the identity scenario names each pool's case, its evidence and its fix, and exits 1", async () => {
  const [json, text] = await Promise.all([
    runCliAsync(["doctor", "--json"], env),
    runCliAsync(["doctor"], { ...env, NO_COLOR: "1" }),
  ]);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout) as DoctorJson;
  assert.equal(report.healthy, false);
  assert.deepEqual(
    report.pools.map((pool) => pool.id),
    Object.keys(expected),
  );
  const rolesRead = !report.accountCheck.evidence.observed.some((line) => /no identity reader/.test(line));
  assert.equal(report.accountCheck.case, rolesRead ? accountCheck.withRoles : accountCheck.withoutRoles);
  for (const pool of report.pools) {
    const want = expected[pool.id]!;
    assert.equal(pool.case, want.case, `${pool.id}: ${JSON.stringify(pool)}`);
    assert.deepEqual(
      pool.fix.map((fix) => fix.kind),
      want.fix,
      pool.id,
    );
    assert.ok(pool.evidence.observed.length > 0 && pool.evidence.inferred.length > 0, pool.id);
    const roleLine = rolesRead ? want.withRoles : want.withoutRoles;
    if (roleLine)
      assert.ok(
        pool.evidence.observed.some((line) => roleLine.test(line)),
        pool.id,
      );
    for (const fix of pool.fix) {
      if (fix.kind === "attach") {
        assert.equal(fix.poolId, pool.id);
        assert.match(fix.identityResourceId!, nodesIdentity);
      }
      if (fix.kind === "cycle") assert.equal(fix.poolId, pool.id);
      if (fix.kind === "grant")
        assert.match(
          fix.command!,
          /^az role assignment create --assignee-object-id [0-9a-f-]{36} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope \/subscriptions\/.+\/storageAccounts\/\w+$/,
        );
    }
  }
  const byId = new Map(report.pools.map((pool) => [pool.id, pool]));
  assert.ok(
    byId
      .get("identity-3-not-referenced")!
      .evidence.observed.some((line) => /2 nodes in starting for 15 min or more/.test(line)),
  );
  assert.ok(
    byId
      .get("identity-4-not-on-pool")!
      .evidence.observed.includes("node errors (nodes with each): 2 ApplicationPackageError"),
  );
  assert.ok(
    byId
      .get("identity-4-not-on-pool")!
      .evidence.observed.some((line) => /\d+ ResourceContainerListMiscError/.test(line)),
  );

  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /✗ pool identity-4-not-on-pool {2}reference-not-on-pool: /);
  assert.match(text.stdout, /✓ pool identity-1-ok {2}healthy/);
  assert.match(text.stdout, /^ {4}observed:$/m);
  assert.match(text.stdout, /^ {4}inferred:$/m);
  assert.match(text.stdout, /^ {6}1\. attach id-batchtop-nodes to pool identity-3-not-referenced/m);
  assert.match(text.stdout, /3 of 4 pools need attention/);
  assert.ok(!text.stdout.includes("\u001b"), "NO_COLOR output has no escape sequences");
});

test("batchtop doctor --pool on the healthy pool exits 0 and checks only that pool", () => {
  const result = runCli(["doctor", "--pool", "identity-1-ok", "--json"], env);
  const report = JSON.parse(result.stdout) as DoctorJson;
  assert.deepEqual(
    report.pools.map((pool) => [pool.id, pool.case]),
    [["identity-1-ok", "healthy"]],
  );
  // Exit 1 only if the account's check found its documented case, which needs role assignments.
  assert.equal(result.status, report.accountCheck.case === "unknown" ? 0 : 1, result.stderr);
});

test("bad usage is one line and exit 2: an unknown pool, a malformed id, no ARM target", () => {
  const unknown = runCli(["doctor", "--pool", "no-such-pool"], env);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, 'batchtop: no pool "no-such-pool" in account batchtopdemo\n');
  const malformed = runCli(["doctor", "--pool", "a b"], env);
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /^batchtop: --pool "a b" is not a pool id/);
  const noArm = runCli(["doctor"], { ...env, AZURE_SUBSCRIPTION_ID: "", AZURE_RESOURCE_GROUP: "" });
  assert.equal(noArm.status, 2);
  assert.match(noArm.stderr, /^batchtop: doctor reads identities through ARM: set --subscription/);
  assert.equal(noArm.stderr.split("\n").length, 2, "one line");
});
