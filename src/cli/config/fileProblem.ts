import { UsageError } from "../usageError.js";

export type JsonPath = readonly (string | number)[];

/** `profiles.prod.refresh`, `profiles["my.profile"].keys["pool.rescale"][0]`: how to find the spot. */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) return index === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}

/**
 * A problem in a config or policy file: one line naming the file, where in it, and what is wrong.
 * Exit code 2, like any other bad input.
 */
export function fileProblem(file: string, problem: string, path: JsonPath = []): UsageError {
  return new UsageError(
    path.length > 0 ? `${file}: ${formatJsonPath(path)}: ${problem}` : `${file}: ${problem}`,
  );
}
