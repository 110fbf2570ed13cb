// Fails `npm run lint` when the modules under src/ import each other in a circle. Type-only imports
// count: a cycle of types still ties two files together, and the layer rules in eslint.config.js say
// which way each folder may import, not that a folder may not import itself round in a loop.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

/** Each source file under `root` with the source files under `root` it imports, paths relative to `root`. */
export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // preProcessFile sees import and export-from (type-only included), side-effect imports and
    // import(), and skips specifiers inside comments and strings.
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const targets = importedFiles
      .map(({ fileName }) => resolveSpecifier(root, file, fileName, known))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The first cycle found, as the path that closes it (`[a, b, a]`), or undefined when there is none. */
export function findImportCycle(graph: Map<string, string[]>): string[] | undefined {
  const finished = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const start = onPath.indexOf(file);
    if (start !== -1) return [...onPath.slice(start), file];
    if (finished.has(file)) return undefined;
    onPath.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    onPath.pop();
    finished.add(file);
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

function sourceFiles(root: string, dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(root, path);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
    })
    .sort();
}

// The project imports its own modules by relative path with the emitted extension (`./x.js` for
// x.ts or x.tsx); package imports cannot close a cycle inside src/ and are left out.
function resolveSpecifier(
  root: string,
  from: string,
  specifier: string,
  known: Set<string>,
): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(root, resolve(root, dirname(from), specifier));
  const stem = target.replace(/\.(js|jsx|ts|tsx)$/, "");
  return [target, `${stem}.ts`, `${stem}.tsx`].find((candidate) => known.has(candidate));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(process.argv[2] ?? "src");
  if (!statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  const graph = importGraph(root);
  const cycle = findImportCycle(graph);
  if (cycle) {
    console.error(`Import cycle in ${relative(process.cwd(), root) || "."}/: ${cycle.join(" → ")}`);
    process.exitCode = 1;
  } else {
    console.log(
      `No import cycle among the ${graph.size} files under ${relative(process.cwd(), root) || "."}/`,
    );
  }
}
