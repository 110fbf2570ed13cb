import { UsageError } from "./usageError.js";

/** `--find <id>`: an id pasted from an alert, trimmed; an empty one is a mistake worth one line. */
export function findFlag(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const id = String(value).trim();
  if (id === "")
    throw new UsageError("--find needs an id: an activity run id, or a task, job, pool or node id");
  return id;
}
