import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The CLI and end-to-end tests run batchtop as a user's install does: `bin/batchtop.js` over the
 * compiled `dist/`. Run from source through tsx, every process (and the demo's simulator child)
 * spent about 0.6 s more CPU compiling on the fly. `test/run.js` brings dist/ up to date before any
 * test starts; this check stops a test started some other way from testing a stale build.
 */
export const batchtopBin = join(root, "bin", "batchtop.js");

/** The src/ files whose compiled .js in dist/ is missing or older than they are. */
function staleSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return staleSources(path);
    if (!/\.tsx?$/.test(entry.name) || entry.name.endsWith(".d.ts")) return [];
    const built = join(root, "dist", relative(join(root, "src"), path)).replace(/\.tsx?$/, ".js");
    return existsSync(built) && statSync(built).mtimeMs >= statSync(path).mtimeMs
      ? []
      : [relative(root, path)];
  });
}

let checked = false;

/** Throws, naming the files, when dist/ is older than src/; checks once per test file. */
export function assertBuilt(): void {
  if (checked) return;
  const stale = staleSources(join(root, "src"));
  if (stale.length > 0)
    throw new Error(
      `dist/ is older than ${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ` and ${stale.length - 3} more` : ""}: ` +
        "these tests run the compiled batchtop; run them through `node test/run.js`, which builds first, or `npm run build`",
    );
  checked = true;
}
