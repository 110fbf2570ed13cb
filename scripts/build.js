// Compiles src/ into dist/ (`tsc -b`, which skips what is up to date) and copies the KQL query
// files beside their compiled loader: tsc copies only what it compiles, and batchtop reads each
// query from its `.kql` file at run time.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = spawnSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.build.json"],
  { cwd: root, stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

function queryFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return queryFiles(path);
    return entry.name.endsWith(".kql") ? [path] : [];
  });
}
const src = join(root, "src");
for (const file of queryFiles(src)) {
  const target = join(root, "dist", relative(src, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
