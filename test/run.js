// Runs every *.test.ts / *.test.tsx under test/ (benchmarks and soak tests excepted) with node's test
// runner. Node 20 neither expands globs nor discovers .ts files, so the list is built here.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const skipped = new Set(["bench", "soak", "fixtures"]);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : findTests(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

// The slowest files start first, so the two lanes finish together instead of one waiting on the
// global install at the end.
const slowFirst = ["test/integration/packaging/", "test/e2e/", "test/integration/"];
const rank = (file) => {
  const index = slowFirst.findIndex((prefix) => file.startsWith(prefix));
  return index === -1 ? slowFirst.length : index;
};

const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : findTests(join(root, "test")).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
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
