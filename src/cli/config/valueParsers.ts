import { describeJson } from "../../model/jsonValues.js";
import { publicSynapseEndpointTemplate, synapseTemplateProblem } from "../../azure/synapseEndpoint.js";
import { maskSecretsInText } from "./secrets.js";

/**
 * A parsed value, or the problem in words that read well after "--flag: " or "file: path: ". `at` is
 * where inside a JSON value the problem is, for values with parts (a key map).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; at?: (string | number)[] };

/** Reads one setting from command-line or environment text, and from a JSON value in a profile. */
export interface ValueParser<T> {
  fromText(raw: string): Parsed<T>;
  fromJson(value: unknown): Parsed<T>;
}

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const problem = <T>(text: string, at?: (string | number)[]): Parsed<T> =>
  at ? { ok: false, problem: text, at } : { ok: false, problem: text };
/** The rejected input, quoted, with any credential in it hidden: error messages end up in logs. */
const got = (raw: string | number) =>
  `, got ${typeof raw === "number" ? raw : JSON.stringify(maskSecretsInText(raw))}`;

// Shared with the theme files, which the model validates without the command line's parsers.
export { describeJson, isPlainObject } from "../../model/jsonValues.js";

/** A setting written as a JSON string in a profile and as plain text elsewhere. */
function textSetting<T>(expected: string, fromText: (raw: string) => Parsed<T>): ValueParser<T> {
  return {
    fromText,
    fromJson: (value) =>
      typeof value === "string"
        ? fromText(value)
        : problem(`must be ${expected}, got ${describeJson(value)}`),
  };
}

/** `shown`: what the messages quote, when the URL parsed is not the text given (a filled-in template). */
function parseHttpsUrl(raw: string, example: string, shown: string = raw): Parsed<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return problem(`must be an https URL such as ${example}${got(shown)}`);
  }
  if (url.protocol !== "https:") return problem(`must be an https URL such as ${example}${got(shown)}`);
  // batchtop signs in with --auth; credentials in a URL would only leak into logs and screens.
  if (url.username || url.password) return problem(`must not carry a user name or password${got(shown)}`);
  if (url.search || url.hash)
    return problem(`must not carry a query or fragment (no SAS tokens)${got(shown)}`);
  return ok(url);
}

/** An https service URL; a trailing slash is dropped so paths can be appended uniformly. */
export function httpsUrl(example: string): ValueParser<string> {
  return textSetting(`an https URL such as ${example}`, (raw) => {
    const parsed = parseHttpsUrl(raw, example);
    return parsed.ok ? ok(parsed.value.href.replace(/\/+$/, "")) : parsed;
  });
}

/**
 * A Synapse workspace endpoint template (`https://{workspace}.dev.azuresynapse.net`): the https URL
 * checks with the workspace placeholder filled in, then the template's own (see synapseTemplateProblem).
 */
export const synapseEndpointTemplate: ValueParser<string> = textSetting(
  `an https URL with {workspace} such as ${publicSynapseEndpointTemplate}`,
  (raw) => {
    const text = raw.trim();
    const templateProblem = synapseTemplateProblem(text);
    if (templateProblem) return problem(`${templateProblem}${got(raw)}`);
    const parsed = parseHttpsUrl(
      text.replaceAll("{workspace}", "workspace"),
      publicSynapseEndpointTemplate,
      raw,
    );
    return parsed.ok ? ok(text.replace(/\/+$/, "")) : parsed;
  },
);

/**
 * The Batch account endpoint. `az batch account show --query accountEndpoint` prints it without a
 * scheme, so a bare host gets https:// in front; an explicit http:// is still refused.
 */
export function batchEndpoint(example: string): ValueParser<string> {
  return textSetting(`an https URL such as ${example}`, (raw) => {
    const text = raw.trim();
    const parsed = parseHttpsUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`, example);
    if (!parsed.ok) return parsed;
    if (parsed.value.pathname !== "/")
      return problem(`must be the account's base URL without a path, such as ${example}${got(raw)}`);
    return ok(parsed.value.origin);
  });
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID, as Azure uses for subscription and workspace IDs; `what` says where to find the right one. */
export function guid(what: string): ValueParser<string> {
  return textSetting(`${what} (a GUID)`, (raw) =>
    guidPattern.test(raw.trim())
      ? ok(raw.trim().toLowerCase())
      : problem(`must be ${what}, a GUID like 00000000-0000-0000-0000-000000000000${got(raw)}`),
  );
}

/** Azure's rule for resource group names: up to 90 letters, digits, _ . ( ) -, not ending in a period. */
export const resourceGroupName: ValueParser<string> = textSetting("a resource group name", (raw) =>
  /^[\p{L}\p{N}_.()-]{1,90}$/u.test(raw) && !raw.endsWith(".")
    ? ok(raw)
    : problem(
        `must be a resource group name (up to 90 letters, digits, _ . ( ) -, not ending in a period)${got(raw)}`,
      ),
);

/** Azure's rule for Batch account names. */
export const batchAccountName: ValueParser<string> = textSetting("a Batch account name", (raw) =>
  /^[a-z0-9]{3,24}$/.test(raw)
    ? ok(raw)
    : problem(`must be a Batch account name: 3 to 24 lowercase letters and digits${got(raw)}`),
);

/**
 * A name that may become a file name (a theme in the config directory): it starts with a letter or
 * digit and has no slash, so it cannot reach outside that directory.
 */
export function simpleName(what: string): ValueParser<string> {
  return textSetting(`a ${what} name`, (raw) =>
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(raw)
      ? ok(raw)
      : problem(`must be a ${what} name of letters, digits, "_", "." and "-"${got(raw)}`),
  );
}

export function oneOf<T extends string>(choices: readonly T[]): ValueParser<T> {
  const isChoice = (raw: string): raw is T => (choices as readonly string[]).includes(raw);
  return textSetting(`one of ${choices.join(", ")}`, (raw) =>
    isChoice(raw) ? ok(raw) : problem(`must be one of ${choices.join(", ")}${got(raw)}`),
  );
}

const trueWords = new Set(["true", "1", "yes", "on"]);
const falseWords = new Set(["false", "0", "no", "off"]);

/** true/false in text (also 1/0, yes/no, on/off, as shells and CI systems write them); JSON booleans only. */
export const booleanValue: ValueParser<boolean> = {
  fromText: (raw) => {
    const word = raw.trim().toLowerCase();
    if (trueWords.has(word)) return ok(true);
    if (falseWords.has(word)) return ok(false);
    return problem(`must be true or false${got(raw)}`);
  },
  fromJson: (value) =>
    typeof value === "boolean" ? ok(value) : problem(`must be true or false, got ${describeJson(value)}`),
};

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A duration in milliseconds, written `5s`, `1.5s`, `500ms`, `1m` or as plain seconds (`5`, and a JSON
 * number in a profile), within bounds.
 */
export function duration(minMs: number, maxMs: number): ValueParser<number> {
  const range = `from ${formatDuration(minMs)} to ${formatDuration(maxMs)}`;
  const inRange = (ms: number, raw: string | number): Parsed<number> =>
    ms >= minMs && ms <= maxMs ? ok(ms) : problem(`must be ${range}${got(raw)}`);
  const fromText = (raw: string): Parsed<number> => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
    if (!match) return problem(`must be a duration like 5s (${range})${got(raw)}`);
    return inRange(Math.round(Number(match[1]) * (unitMs[match[2] ?? "s"] ?? 1000)), raw);
  };
  return {
    fromText,
    fromJson: (value) => {
      if (typeof value === "string") return fromText(value);
      if (typeof value === "number" && Number.isFinite(value)) return inRange(value * 1000, value);
      return problem(`must be a duration like 5s (${range}), got ${describeJson(value)}`);
    },
  };
}

/** `2s`, `1.5s`, `500ms`, `10m`: the shortest exact way to write a duration. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0 || ms > 1000) return `${ms / 1000}s`;
  return `${ms}ms`;
}
