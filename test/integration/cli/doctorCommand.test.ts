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
 * What each pool of the `identity` scenario is, by the rows of seed 001's tables, and its fix. With
 * the demo sign-in (Owner) the doctor reads the role assignments (`withRoles`); as the restricted
 * reader ARM answers 403, the roles are unknown (`withoutRoles`) and the cases rest on the symptoms.
 */
const expected: Record<string, { case: string; fix: string[]; withoutRoles?: RegExp; withRoles?: RegExp }> = {
  "identity-1-ok": {
    case: "healthy",
    fix: [],
    withoutRoles: /^id-batchtop-nodes on autostorage: role unknown: AuthorizationFailed/,
    withRoles: /^id-batchtop-nodes on autostorage: holds Storage Blob Data Reader/,
  },
  "identity-2-no-permission": {
    case: "identity-without-storage-role",
    fix: ["grant"],
    withoutRoles: /^id-batchtop-etl on autostorage: role unknown: AuthorizationFailed/,
    withRoles: /^id-batchtop-etl on autostorage: holds none of/,
  },
  "identity-3-not-referenced": { case: "nodes-before-reference", fix: ["attach", "cycle"] },
  "identity-4-not-on-pool": { case: "reference-not-on-pool", fix: ["attach", "cycle"] },
};

let sim: RunningSim;
let env: NodeJS.ProcessEnv;
/** The demo account's second sign-in, as `batchtop sim` names it: it may not read role assignments. */
let restricted: NodeJS.ProcessEnv;

before(async () => {
  sim = await startSimCli(["--speed", "0", "--no-storage", "--scenario", "identity"]);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // An empty config dir: the test must not depend on the machine's own profiles.
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "batchtop-config-")),
    ...sim.exports,
  };
  restricted = { ...env, AZURE_CLIENT_ID: sim.restrictedReaderClientId };
});

after(async () => {
  await sim.interrupt();
});

/** Each pool's case and fix, the same whether or not the roles could be read. */
function assertCases(report: DoctorJson, rolesRead: boolean): void {
  assert.deepEqual(
    report.pools.map((pool) => pool.id),
    Object.keys(expected),
  );
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
        `${pool.id}: ${pool.evidence.observed.join("\n")}`,
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
}

test("batchtop doctor --json on the identity scenario names each pool's case, its evidence and its fix, and exits 1", async () => {
  const [json, text] = await Promise.all([
    runCliAsync(["doctor", "--json"], env),
    runCliAsync(["doctor"], { ...env, NO_COLOR: "1" }),
  ]);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout) as DoctorJson;
  assert.equal(report.healthy, false);
  assertCases(report, true);
  // The demo sign-in reads role assignments: the account's own identity lacks its role on autostorage.
  assert.equal(report.accountCheck.case, "account-identity-without-autostorage-role");
  assert.deepEqual(
    report.accountCheck.fix.map((fix) => [fix.kind, fix.role]),
    [["grant", "Storage Blob Data Contributor"]],
  );
  assert.ok(
    !json.stdout.includes("role unknown"),
    "nothing is unknown to a caller who may read the role assignments",
  );
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
  assert.match(text.stdout, /✗ account batchtopdemo {2}account-identity-without-autostorage-role: /);
  assert.match(text.stdout, /^ {4}observed:$/m);
  assert.match(text.stdout, /^ {4}inferred:$/m);
  assert.match(
    text.stdout,
    /^ {6}1\. attach id-batchtop-nodes to pool identity-3-not-referenced \(I on the pool or its :doctor verdict\)$/m,
  );
  assert.match(text.stdout, /3 of 4 pools need attention, and the account/);
  assert.ok(!text.stdout.includes("\u001b"), "NO_COLOR output has no escape sequences");
});

test("as the restricted reader (403 on role assignments) the doctor says the roles are unknown, never missing, and decides on the symptoms", async () => {
  const [json, one] = await Promise.all([
    runCliAsync(["doctor", "--json"], restricted),
    runCliAsync(["doctor", "--pool", "identity-1-ok", "--json"], restricted),
  ]);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout) as DoctorJson;
  assertCases(report, false);
  assert.doesNotMatch(json.stdout, /holds none of/, "an unreadable role is never reported missing");
  assert.equal(report.accountCheck.case, "unknown");
  assert.deepEqual(report.accountCheck.fix, []);
  assert.match(report.accountCheck.summary, /unknown/);
  const noPermission = report.pools.find((pool) => pool.id === "identity-2-no-permission")!;
  assert.match(noPermission.summary, /role assignments unknown/);
  assert.ok(noPermission.evidence.inferred.some((line) => /check before granting/.test(line)));
  // The healthy pool alone: healthy, and an unknown account check does not fail the run.
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(
    (JSON.parse(one.stdout) as DoctorJson).pools.map((pool) => [pool.id, pool.case]),
    [["identity-1-ok", "healthy"]],
  );
});

test("batchtop doctor --pool on the healthy pool checks only that pool, and the account's case still fails it", () => {
  const result = runCli(["doctor", "--pool", "identity-1-ok", "--json"], env);
  const report = JSON.parse(result.stdout) as DoctorJson;
  assert.deepEqual(
    report.pools.map((pool) => [pool.id, pool.case]),
    [["identity-1-ok", "healthy"]],
  );
  // The pool is healthy, but the account's own check found its documented case.
  assert.equal(report.accountCheck.case, "account-identity-without-autostorage-role");
  assert.equal(result.status, 1, result.stderr);
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
