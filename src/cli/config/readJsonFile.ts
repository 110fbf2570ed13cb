import { readFile } from "node:fs/promises";
import { fileProblem } from "./fileProblem.js";
import { findJsonSyntaxProblem } from "./jsonSyntax.js";
import { errorMessage } from "../../model/errorMessage.js";

/** Contents of a JSON file, or `undefined` when there is no such file. */
export async function readJsonFile(path: string, shownAs: string): Promise<{ value: unknown } | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "EISDIR") throw fileProblem(shownAs, "is a directory, not a JSON file");
    throw fileProblem(shownAs, `cannot read it (${code ?? String(error)}); check its permissions`);
  }
  // Editors on Windows may save UTF-8 with a byte order mark, which JSON.parse rejects.
  const json = text.replace(/^\uFEFF/, "");
  try {
    return { value: JSON.parse(json) as unknown };
  } catch (error) {
    const located = findJsonSyntaxProblem(json);
    if (located)
      throw fileProblem(
        shownAs,
        `invalid JSON at line ${located.line}, column ${located.column}: ${located.problem}`,
      );
    throw fileProblem(shownAs, `invalid JSON: ${errorMessage(error)}`);
  }
}
