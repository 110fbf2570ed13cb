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
 * The unit and UI test files of a folder run in one process, each file a suite named by its path:
 * alone, every file paid about 0.5 s of CPU to start Node with tsx and load the same modules again
 * (124 files, 198 s of CPU; 40 s together). The integration tests keep a process each: the SDKs'
 * credentials and token caches live for a process, and each test's simulator signs its own tokens.
 */
const batched = ["test/unit/", "test/ui/"];
// A UI test through the real path signs in to a simulator of its own: it keeps its own process too,
// or a token cached for an earlier file's simulator would be sent to its one and refused (401).
const signsIn = (file) =>
  /helpers\/(simAdapters|simManagement)\.js/.test(readFileSync(join(root, file), "utf8"));
const inBatch = (folder) => (file) => file.startsWith(folder) && !signsIn(file);
function writeBatch(folder, members) {
  const path = join(root, ".tmp", "test-batches", `${folder.split("/")[1]}.test.mjs`);
  mkdirSync(dirname(path), { recursive: true });
  const suites = members.map(
    (file) =>
      `describe(${JSON.stringify(file)}, async () => {\n  await import(${JSON.stringify(pathToFileURL(join(root, file)).href)});\n});`,
  );
  writeFileSync(
    path,
    [`// Written by test/run.js.`, `import { describe } from "node:test";`, ...suites, ""].join("\n"),
  );
  return relative(root, path);
}
function withBatches(tests) {
  const batches = batched.map((folder) => writeBatch(folder, tests.filter(inBatch(folder))));
  return [...batches, ...tests.filter((file) => !batched.some((folder) => inBatch(folder)(file)))];
}

// The slowest start first, so the two lanes finish together instead of one waiting on the global
// install at the end.
const slowFirst = [
  "test/integration/packaging/",
  ".tmp/test-batches/ui",
  "test/e2e/",
  ".tmp/test-batches/unit",
  "test/integration/cli/",
  "test/integration/",
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
// dist/ is brought up to date first: `tsc -b` compiles only when a source is newer than its output
// (0.4 s when nothing changed, as after `npm ci`). Type errors stop the run here, as they stop
// `npm ci`'s prepare. Files named on the command line that need no build skip it.
const needsBuild = (file) =>
  !statSync(join(root, file)).isFile() ||
  /helpers\/(builtCli|runCli|ptyScreen)\.js/.test(readFileSync(join(root, file), "utf8"));
if (only.length === 0 || files.some(needsBuild)) {
  const build = spawnSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.build.json"],
    { cwd: root, stdio: "inherit" },
  );
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
