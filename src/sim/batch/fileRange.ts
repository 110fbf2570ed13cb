import { invalidHeaderValue, invalidRange } from "./batchErrors.js";

export interface ByteRange {
  start: number;
  /** Inclusive, as in the header. */
  end: number;
}

/**
 * Reads `ocp-range: bytes=START-END` (the specification's form) and the open forms HTTP ranges allow,
 * `bytes=START-` and `bytes=-SUFFIX`, against a file of `size` bytes. The end is clamped to the file;
 * a start at or past the end of the file is a 416 InvalidRange. Undefined means the whole file.
 */
export function parseOcpRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(\d{0,15})\s*-\s*(\d{0,15})\s*$/i.exec(header);
  if (!match || (match[1] === "" && match[2] === "")) throw invalidHeaderValue("ocp-range", header);
  const [, first = "", last = ""] = match;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw invalidRange();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) throw invalidHeaderValue("ocp-range", header);
  if (start >= size) throw invalidRange();
  return { start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}
