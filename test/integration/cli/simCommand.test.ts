import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { isRunning } from "../../../src/cli/detachedSim.js";
import { assertBuilt } from "../../helpers/builtCli.js";
import { startSimCli } from "../../helpers/runCli.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));

// A separate Node process that knows nothing of batchtop: plain SDK code, configured only by the
// exported variables, as a user's own script would be.
const sdkScript = `
import { BatchServiceClient } from "@azure/batch";
import { AzureIdentityCredentialAdapter } from "@azure/ms-rest-js";
import { DefaultAzureCredential } from "@azure/identity";
const credential = new AzureIdentityCredentialAdapter(new DefaultAzureCredential(), "https://batch.core.windows.net//.default");
const client = new BatchServiceClient(credential, process.env.AZURE_BATCH_ENDPOINT, { noRetryPolicy: true });
const pools = await client.pool.list();
console.log(pools.map((pool) => pool.id).join(","));
`;

test("the exports of batchtop sim point any Azure SDK script at the demo account, and Ctrl-C cleans up", async () => {
  const sim = await startSimCli(["--scenario", "healthy", "--seed", "7", "--no-storage"]);
  try {
    const env = sim.exports;
    assert.deepEqual(Object.keys(env).sort(), [
      "AZURE_BATCH_ACCOUNT",
      "AZURE_BATCH_ENDPOINT",
      "AZURE_RESOURCE_GROUP",
      "AZURE_SUBSCRIPTION_ID",
      "BATCHTOP_ARM_ENDPOINT",
      "BATCHTOP_LOGS_ENDPOINT",
      "BATCHTOP_STORAGE_URL",
      "BATCHTOP_SYNAPSE_ENDPOINT",
      "BATCHTOP_WORKSPACE_ID",
      "IDENTITY_ENDPOINT",
      "IDENTITY_HEADER",
      "NODE_EXTRA_CA_CERTS",
    ]);
    assert.match(env.AZURE_BATCH_ENDPOINT ?? "", /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(env.BATCHTOP_SYNAPSE_ENDPOINT, `${env.AZURE_BATCH_ENDPOINT}/synapse/{workspace}`);
    assert.ok(existsSync(env.NODE_EXTRA_CA_CERTS ?? ""), "the CA file exists while the simulator runs");

    const client = spawnSync(process.execPath, ["--input-type=module", "-e", sdkScript], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(client.status, 0, client.stderr);
    assert.ok(client.stdout.trim().split(",").length >= 1, `pools listed: ${client.stdout}`);

    assert.equal(await sim.interrupt(), 0);
    assert.match(sim.stderr(), /stopped/);
    assert.equal(existsSync(env.NODE_EXTRA_CA_CERTS ?? ""), false, "the CA file is removed on exit");
  } finally {
    await sim.interrupt();
  }
});

test("batchtop sim | head -1 stops the simulator cleanly: no crash log, no certificate folder left", async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), "batchtop-sim-pipe-"));
  t.after(() => rm(scratch, { recursive: true, force: true }));
  const tmp = join(scratch, "tmp");
  const state = join(scratch, "state");
  await mkdir(tmp);
  // The reader leaves at once (the exports may still be being written), or after all of them have
  // been written: both are a normal end. `timeout` keeps a simulator that never notices from
  // outliving the test.
  assertBuilt();
  for (const reader of ["head -1", "{ sleep 1; head -1; }"]) {
    const result = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; timeout 30 "$0" bin/batchtop.js sim --no-storage --speed 0 | ${reader}`,
        process.execPath,
      ],
      {
        cwd: root,
        env: { ...process.env, TMPDIR: tmp, XDG_STATE_HOME: state },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    assert.equal(result.status, 0, `${reader}: ${result.stderr}`);
    assert.match(result.stdout, /^export AZURE_BATCH_ENDPOINT='https:\/\/127\.0\.0\.1:\d+'\n$/);
    assert.match(result.stderr, /stdout closed, stopping\nbatchtop sim: stopped\n$/);
    const left = (await readdir(tmp)).filter((name) => name.startsWith("batchtop-sim-"));
    assert.deepEqual(left, [], "the certificate folder is removed");
    assert.equal(existsSync(join(state, "batchtop")), false, "no crash log");
  }
});

test('eval "$(batchtop sim --detach)" gives the prompt back with the demo account serving; eval "$(batchtop sim --stop)" ends it', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), "batchtop-sim-detach-"));
  const tmp = join(scratch, "tmp");
  await mkdir(tmp);
  t.after(() => rm(scratch, { recursive: true, force: true }));
  // The README's recipe, word for word, with the compiled batchtop.
  assertBuilt();
  const script = `
batchtop() { "$BATCHTOP_NODE" bin/batchtop.js "$@"; }
eval "$(batchtop sim --detach --scenario incident --seed 4 --speed 0 --no-storage)" || exit 10
echo "pid $BATCHTOP_SIM_PID"
echo "ca $NODE_EXTRA_CA_CERTS"
batchtop snapshot --json > "$SCRATCH/snapshot.json"
echo "snapshot $?"
eval "$(batchtop sim --stop)" || exit 11
echo "after [$BATCHTOP_SIM_PID] [$AZURE_BATCH_ENDPOINT] [$NODE_EXTRA_CA_CERTS]"
`;
  const result = spawnSync("bash", ["-c", script], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BATCHTOP_NODE: process.execPath,
      SCRATCH: scratch,
      TMPDIR: tmp,
      XDG_STATE_HOME: join(scratch, "state"),
      XDG_CONFIG_HOME: join(scratch, "config"),
    },
    encoding: "utf8",
    timeout: 90_000,
  });
  const pid = Number(/^pid (\d+)$/m.exec(result.stdout)?.[1]) || undefined;
  t.after(async () => {
    // However the test went, no simulator outlives it.
    if (pid !== undefined && (await isRunning(pid))) process.kill(pid, "SIGKILL");
  });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.ok(pid, result.stdout);
  assert.match(
    result.stderr,
    new RegExp(
      `running in the background as pid ${pid}\\. Stop it with: eval "\\$\\(batchtop sim --stop\\)"`,
    ),
  );

  // batchtop in the same shell read the demo account: the incident, so exit 1.
  assert.match(result.stdout, /^snapshot 1$/m);
  const snapshot = JSON.parse(await readFile(join(scratch, "snapshot.json"), "utf8")) as {
    pools: { id: string }[];
  };
  assert.ok(
    snapshot.pools.some((pool) => pool.id === "etl-highmem-e8"),
    JSON.stringify(snapshot.pools),
  );

  // Stopped: variables cleared, process gone, certificate folder removed, no crash log.
  assert.match(result.stdout, /^after \[\] \[\] \[\]$/m);
  assert.match(result.stderr, new RegExp(`stopped the demo account \\(pid ${pid}\\)`));
  assert.equal(await isRunning(pid), false, "the simulator has exited");
  const ca = /^ca (.+)$/m.exec(result.stdout)?.[1] ?? "";
  assert.ok(ca.startsWith(join(tmp, "batchtop-sim-")), ca);
  assert.deepEqual(
    (await readdir(tmp)).filter((name) => name.startsWith("batchtop-sim-")),
    [],
  );
  assert.equal(existsSync(join(scratch, "state", "batchtop")), false, "no crash log");
});
