import { fileURLToPath } from "node:url";

/**
 * The package's `themes/` directory, found from a module three levels below the package root:
 * src/cli/config/ when run from source, dist/cli/config/ when compiled, and the same inside a global
 * npm install. `moduleUrl` is this module's own URL except in tests of the other layout.
 */
export function builtInThemesDirectory(moduleUrl: string | URL = import.meta.url): string {
  return fileURLToPath(new URL("../../../themes/", moduleUrl));
}
