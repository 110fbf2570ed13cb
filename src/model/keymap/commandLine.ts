import { parseSinceDuration } from "../changes.js";
import { closestName } from "../editDistance.js";

/** `:changes` without a duration: the last half hour. */
export const defaultChangesMs = 30 * 60_000;

/** The views `:` can switch to. */
export const commandLineViews = [
  "pools",
  "nodes",
  "jobs",
  "tasks",
  "logs",
  "runs",
  "doctor",
  "audit",
  "timeline",
] as const;
export type CommandLineView = (typeof commandLineViews)[number];

/** Every name command mode knows, in the order its suggestions list them. */
const commandNames = [...commandLineViews, "changes", "theme", "find", "quit"] as const;
const takesArgument: ReadonlySet<string> = new Set(["theme", "find"]);
const aliases: Readonly<Record<string, string>> = { q: "quit" };

/** What a line typed after `:` asks for. */
export type CommandLineResult =
  | { kind: "view"; view: CommandLineView; all?: true }
  | { kind: "theme"; name: string }
  | { kind: "find"; id: string }
  /** `:changes [30m]`: what changed in the window (default 30 minutes). */
  | { kind: "changes"; sinceMs: number }
  /** `:runs all [words]` (or `:runs` with no job selected): every activity run of the workspace. */
  | { kind: "accountRuns"; filter: string[] }
  | { kind: "quit" }
  /** Enter on an empty line: leave command mode, do nothing. */
  | { kind: "empty" }
  | { kind: "error"; message: string };

export interface CommandLineContext {
  /** The theme names `:theme` accepts and completes. */
  themes: readonly string[];
}

export interface Completion {
  /** The line after Tab: the unique candidate, or the candidates' longest common prefix. */
  line: string;
  candidates: readonly string[];
}

const error = (message: string): CommandLineResult => ({ kind: "error", message });

function isView(name: string): name is CommandLineView {
  return (commandLineViews as readonly string[]).includes(name);
}

function unknownCommand(name: string): CommandLineResult {
  const close = closestName(name, commandNames);
  return error(
    close
      ? `unknown command :${name}; did you mean :${close}?`
      : `unknown command :${name}; try ${commandNames.map((known) => `:${known}`).join(", ")}`,
  );
}

function themeCommand(args: readonly string[], themes: readonly string[]): CommandLineResult {
  const known = themes.join(", ");
  if (args.length !== 1) return error(`:theme needs one theme name: ${known}`);
  const asked = args[0] ?? "";
  const name = themes.find((theme) => theme.toLowerCase() === asked.toLowerCase());
  if (name) return { kind: "theme", name };
  const close = closestName(asked, themes);
  return error(
    close ? `unknown theme ${asked}; did you mean ${close}?` : `unknown theme ${asked}; try ${known}`,
  );
}

/**
 * Parses what the user typed after `:` (a leading `:` is allowed too). Command names ignore case;
 * `:find` keeps its id as typed, since ids are shown as Azure spells them.
 */
export function parseCommandLine(text: string, { themes }: CommandLineContext): CommandLineResult {
  const [typed, ...args] = text.replace(/^:/, "").trim().split(/\s+/).filter(Boolean);
  if (typed === undefined) return { kind: "empty" };
  const name = aliases[typed.toLowerCase()] ?? typed.toLowerCase();
  if (name === "theme") return themeCommand(args, themes);
  if (name === "find") {
    if (args.length === 0)
      return error(":find needs an id: an activity run id, or a task, job, pool or node id");
    return args.length === 1 ? { kind: "find", id: args[0] ?? "" } : error(":find takes one id");
  }
  if (name === "changes") {
    if (args.length === 0) return { kind: "changes", sinceMs: defaultChangesMs };
    const sinceMs = args.length === 1 ? parseSinceDuration(args[0] ?? "") : undefined;
    return sinceMs === undefined
      ? error(":changes takes one duration, such as 30m, 2h or 1d")
      : { kind: "changes", sinceMs };
  }
  // `:runs all [words]`: every activity run of the workspace, the words filtering them.
  if (name === "runs" && args[0]?.toLowerCase() === "all")
    return { kind: "accountRuns", filter: args.slice(1) };
  if (name === "runs" && args.length > 0) return error(":runs takes nothing, or all and words to filter by");
  if (name !== "quit" && !isView(name)) return unknownCommand(typed);
  // `:doctor all`: the identity doctor over every pool rather than the selected one.
  if (name === "doctor" && args.length === 1 && args[0]?.toLowerCase() === "all")
    return { kind: "view", view: "doctor", all: true };
  if (name === "doctor" && args.length > 0) return error(":doctor takes nothing, or all");
  if (args.length > 0) return error(`:${name} takes no argument`);
  return name === "quit" ? { kind: "quit" } : { kind: "view", view: name };
}

function longestCommonPrefix(words: readonly string[]): string {
  const [first = "", ...rest] = words;
  let length = first.length;
  for (const word of rest) {
    while (length > 0 && word.slice(0, length).toLowerCase() !== first.slice(0, length).toLowerCase())
      length--;
  }
  return first.slice(0, length);
}

function completeFrom(known: readonly string[], typed: string, suffixWhenUnique: (word: string) => string) {
  const candidates = known.filter((word) => word.toLowerCase().startsWith(typed.toLowerCase()));
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined)
    return { completed: only + suffixWhenUnique(only), candidates };
  const common = longestCommonPrefix(candidates);
  return { completed: common.length > typed.length ? common : typed, candidates };
}

/**
 * What Tab does on the command line: complete a command name (adding the space before an argument)
 * or a theme name after `:theme `; with several candidates, extend to their longest common prefix.
 */
export function completeCommandLine(text: string, { themes }: CommandLineContext): Completion {
  const colon = text.startsWith(":") ? ":" : "";
  const body = text.slice(colon.length).trimStart();
  const argumentStart = /^(\S+)\s+(\S*)$/.exec(body);
  if (!argumentStart) {
    const { completed, candidates } = completeFrom(commandNames, body, (word) =>
      takesArgument.has(word) ? " " : "",
    );
    return { line: colon + completed, candidates };
  }
  const [, name = "", partial = ""] = argumentStart;
  if (name.toLowerCase() !== "theme") return { line: text, candidates: [] };
  const { completed, candidates } = completeFrom(themes, partial, () => "");
  return { line: `${colon}${name} ${completed}`, candidates };
}
