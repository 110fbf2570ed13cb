import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertBuilt } from "../../helpers/builtCli.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    timeout: 240_000,
  });
  assert.equal(result.status, 0, `${command} ${args.join(" ")}: ${result.stderr}`);
  return result;
}

/**
 * The package as a user gets it: `npm pack`, then a global install of the tarball into an empty
 * prefix, from the registry like any user's install. The pack takes the dist/ that test/run.js has
 * just brought up to date (checked here), with --ignore-scripts: `prepare` would compile the same
 * dist/ again (15 s of CPU), and `npm ci` already proves that `prepare` builds. Measured on 2 cores
 * with a warm npm cache: pack 2 s, install 12 s of CPU.
 */
test(
  "npm pack and a global install give a lean package and a working batchtop",
  // POSIX layout of a global prefix (lib/node_modules, bin/), and tar to read the tarball.
  { timeout: 600_000, skip: process.platform === "win32" ? "POSIX only" : false },
  async () => {
    assertBuilt();
    const dir = await mkdtemp(join(tmpdir(), "batchtop-pack-"));
    try {
      // Packing reads the working tree and writes only the tarball, in dir.
      run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: root });
      const tarball = (await readdir(dir)).find((name) => name.endsWith(".tgz"));
      assert.ok(tarball, "npm pack wrote a tarball");

      const files = run("tar", ["-tzf", join(dir, tarball)], { cwd: dir })
        .stdout.trim()
        .split("\n");
      assert.ok(files.includes("package/bin/batchtop.js"));
      assert.ok(files.includes("package/dist/cli/main.js"), "the compiled dist/ is in the tarball");
      const unexpected = files.filter(
        (file) =>
          !/^package\/(bin\/|dist\/.*\.(js|kql)$|themes\/|package\.json$|README\.md$|LICENSE$)/.test(file) ||
          /\.(ts|tsx|map)$/.test(file),
      );
      assert.deepEqual(
        unexpected,
        [],
        "only bin/, compiled dist/ with its query files, themes/ and the package's own documents",
      );
      assert.ok(
        files.includes("package/dist/azure/kql/taskFailEvents.kql"),
        "the queries are in the tarball",
      );

      const prefix = join(dir, "prefix");
      // From npm's cache where it has the packages (npm ci filled it), from the registry where not:
      // the same packages either way, and 8 s instead of 20 s of asking the registry whether they changed.
      run(
        "npm",
        [
          "install",
          "--global",
          "--prefix",
          prefix,
          "--no-audit",
          "--no-fund",
          "--prefer-offline",
          join(dir, tarball),
        ],
        { cwd: dir },
      );
      const installed = join(prefix, "lib", "node_modules", "batchtop");
      assert.equal(
        existsSync(join(installed, "node_modules", "azurite")),
        false,
        "the storage emulator stays a dev dependency",
      );

      const batchtop = join(prefix, "bin", "batchtop");
      const home = join(dir, "home");
      const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
      const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
      assert.equal(run(batchtop, ["--version"], { cwd: dir, env }).stdout.trim(), version);
      assert.match(run(batchtop, ["--help"], { cwd: dir, env }).stdout, /batchtop config show/);
      const shown = run(batchtop, ["config", "show"], {
        cwd: dir,
        env: { ...env, AZURE_BATCH_ENDPOINT: "https://myacct.westeurope.batch.azure.com" },
      }).stdout;
      assert.match(shown, /account name\s+myacct\s+derived from the endpoint host/);
      // The built-in themes ship, and the compiled loader finds them inside the global install.
      const theme = spawnSync(batchtop, ["--theme", "nope"], {
        cwd: dir,
        env: { ...env, AZURE_BATCH_ENDPOINT: "https://myacct.westeurope.batch.azure.com" },
        encoding: "utf8",
      });
      assert.equal(theme.status, 2, theme.stderr);
      assert.match(
        theme.stderr,
        /unknown theme "nope" \(--theme\); built-in themes: dark, high-contrast, light;/,
      );

      // The installed demo account has no emulator (Azurite is a dev dependency) and says so;
      // the installed snapshot reads it through the exported variables alone.
      const sim = spawn(batchtop, ["sim", "--scenario", "incident", "--speed", "0"], { cwd: dir, env });
      let simOut = "";
      let simErr = "";
      sim.stdout.on("data", (chunk: Buffer) => (simOut += chunk.toString()));
      sim.stderr.on("data", (chunk: Buffer) => (simErr += chunk.toString()));
      try {
        while (!/ready in/.test(simErr)) {
          if (sim.exitCode !== null) assert.fail(`installed sim exited: ${simErr}`);
          await once(sim.stderr, "data");
        }
        assert.match(simErr, /linked storage is off: Azurite is not installed/);
        const simEnv: NodeJS.ProcessEnv = { ...env };
        for (const match of simOut.matchAll(/^export ([A-Z_]+)='(.*)'$/gm)) simEnv[match[1]!] = match[2]!;
        const snapshot = spawnSync(batchtop, ["snapshot", "--json"], {
          cwd: dir,
          env: simEnv,
          encoding: "utf8",
        });
        assert.equal(snapshot.status, 1, `the incident is unhealthy: ${snapshot.stderr}`);
        assert.equal((JSON.parse(snapshot.stdout) as { healthy: boolean }).healthy, false);
      } finally {
        sim.kill("SIGINT");
        await once(sim, "exit");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
