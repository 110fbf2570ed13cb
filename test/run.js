// Runs every *.test.ts / *.test.tsx under test/ (benchmarks and soak tests excepted) with node's test
// runner. Node 20 neither expands globs nor discovers .ts files, so the list is built here.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const skipped = new Set(["bench", "soak", "fixtures"]);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : findTests(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

/**
 * The unit, UI and integration test files of a folder run in one process, each file a suite named by
 * its path: alone, every file paid about 0.5 s of CPU (more for an integration file, which loads the
 * SDKs) to start Node with tsx and load the same modules again (124 unit and UI files, 198 s of CPU;
 * 40 s together; batching the 33 integration and sign-in UI files too took the whole run from 300 s
 * of CPU to 210-220 s).
 */
const batched = [
  "test/unit/",
  "test/ui/",
  "test/integration/azure/",
  "test/integration/sim/",
  "test/integration/store/",
];
// The CLI tests spawn batchtop and the packaging and end-to-end tests install or drive it: their CPU is
// in the processes they start (test/integration/cli batched: 60 s of CPU either way, and one lane
// instead of two), so they keep a process each.
/**
 * The UI tests against the demo account (`*Demo.test.tsx`) each start a simulator and spend 10 to 40 s
 * in it: batched, together they outlast the per-file timeout (120 s) on a busy machine, and a process
 * each costs them little. They run like the CLI tests.
 */
const ownProcess = (file) => /Demo\.test\.tsx?$/.test(file);
const inBatch = (folder) => (file) => file.startsWith(folder) && !ownProcess(file);
const batchName = (folder) => folder.split("/").filter(Boolean).slice(1).join("-");
/**
 * A file that signs in to a simulator through ManagedIdentityCredential needs the managed identity
 * state of a fresh process: @azure/msal-node keeps it in statics for the life of the process (the
 * token cache, ManagedIdentityApplication.nodeStorage, and the endpoint and IDENTITY_HEADER it read
 * on the first request, ManagedIdentityClient.identitySource), so an earlier file's simulator (closed,
 * with its own signing key) would be asked for tokens, or its cached token sent to the next one and
 * refused (401). Each suite forgets them before it starts. ManagedIdentityClient is not exported, so
 * it is loaded from msal-node's own file: the one module instance @azure/identity uses, as the
 * package has no nested copy. Were msal-node to rename these, the sign-ins would fail, not pass.
 */
const freshManagedIdentity = `import { ManagedIdentityApplication } from "@azure/msal-node";
const { ManagedIdentityClient } = await import(
  new URL("./client/ManagedIdentityClient.mjs", import.meta.resolve("@azure/msal-node")).href
);
function freshManagedIdentity() {
  delete ManagedIdentityApplication.nodeStorage;
  delete ManagedIdentityClient.identitySource;
  delete ManagedIdentityClient.sourceName;
}`;
function writeBatch(folder, members) {
  const path = join(root, ".tmp", "test-batches", `${batchName(folder)}.test.mjs`);
  mkdirSync(dirname(path), { recursive: true });
  const suites = members.map(
    (file) =>
      `describe(${JSON.stringify(file)}, async () => {\n  before(freshManagedIdentity);\n  await import(${JSON.stringify(pathToFileURL(join(root, file)).href)});\n});`,
  );
  writeFileSync(
    path,
    [
      `// Written by test/run.js.`,
      `import { before, describe } from "node:test";`,
      freshManagedIdentity,
      ...suites,
      "",
    ].join("\n"),
  );
  return relative(root, path);
}
function withBatches(tests) {
  const batches = batched.map((folder) => writeBatch(folder, tests.filter(inBatch(folder))));
  return [...batches, ...tests.filter((file) => !batched.some((folder) => inBatch(folder)(file)))];
}

// The slowest first (seconds each took in a whole run on the 2-core machine), so the two lanes finish
// together instead of one running a long file alone at the end.
const slowFirst = [
  ".tmp/test-batches/ui", // 42
  "test/ui/dashboard/", // the demo-account UI tests, 10 to 40 each
  "test/e2e/benchSmoke", // 40 to 95: every bench section, small
  "test/integration/packaging/", // 17
  "test/e2e/incidentTriage", // 16
  ".tmp/test-batches/unit", // 13
  "test/integration/cli/simCommand", // 13
  "test/integration/cli/snapshotCommand", // 12
  "test/integration/cli/doctorCommand", // 12
  ".tmp/test-batches/integration-azure", // 10
  "test/integration/cli/configCommand", // 10
  "test/e2e/", // 7 to 10
  ".tmp/test-batches/integration", // 8
  "test/integration/cli/", // 1 to 4
];
const rank = (file) => {
  const index = slowFirst.findIndex((prefix) => file.startsWith(prefix));
  return index === -1 ? slowFirst.length : index;
};

// Files named on the command line run as named, each in its own process.
const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : withBatches(findTests(join(root, "test"))).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

// The CLI, end-to-end and packaging tests run the compiled batchtop (test/helpers/builtCli.ts), so
// dist/ is brought up to date first by the build script: `tsc -b` compiles only when a source is
// newer than its output (0.4 s when nothing changed, as after `npm ci`), and the query files are
// copied beside it. Type errors stop the run here, as they stop `npm ci`'s prepare. Files named on
// the command line that need no build skip it.
const needsBuild = (file) =>
  !statSync(join(root, file)).isFile() ||
  /helpers\/(builtCli|runCli|ptyScreen)\.js/.test(readFileSync(join(root, file), "utf8"));
if (only.length === 0 || files.some(needsBuild)) {
  const build = spawnSync(process.execPath, [join(root, "scripts", "build.js")], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) {
    console.error("test/run.js: dist/ did not build (errors above); the CLI tests run the compiled batchtop");
    process.exit(build.status ?? 1);
  }
}
// Ink reads CI on import and then draws no frame until exit and ignores resizes; the UI tests press
// keys and read frames as an operator at a terminal would, so they run as on one. (The e2e test
// sets CI=true itself to prove the real dashboard draws regardless.)
const env = { ...process.env };
// The React build an installed batchtop draws with (bin/batchtop.js), which renders in a third less time.
env.NODE_ENV ??= "production";
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=120000", ...files],
  { cwd: root, env, stdio: "inherit" },
);
process.exit(result.status ?? 1);
