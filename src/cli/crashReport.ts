import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { displayPath, stateDirectory } from "./config/configPaths.js";
import { CrashError } from "../ui/crashError.js";
import { maskSecretsInText } from "./config/secrets.js";
import { errorMessage } from "../model/errorMessage.js";

type Environment = Readonly<Record<string, string | undefined>>;

function details(error: unknown): string {
  if (error instanceof Error) return `${error.stack ?? `${error.name}: ${error.message}`}\n`;
  return `${String(error)}\n`;
}

/**
 * Writes `$XDG_STATE_HOME/batchtop/crash-<time>.log` (readable by the user only, credentials masked)
 * and returns the one line to print: what happened and where the details are. If the log cannot be
 * written, the line says so instead of failing a second time.
 */
export function writeCrashReport(error: unknown, env: Environment, now = new Date()): string {
  const cause = error instanceof CrashError ? error.original : error;
  const message = maskSecretsInText(errorMessage(cause).split("\n")[0] ?? "");
  const directory = stateDirectory(env);
  const path = join(directory, `crash-${now.toISOString().replace(/[:.]/g, "-")}.log`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const body = [
      `batchtop crashed at ${now.toISOString()}`,
      `node ${process.version} ${process.platform}`,
      "",
      details(cause),
    ];
    writeFileSync(path, maskSecretsInText(body.join("\n")), { mode: 0o600 });
    return `batchtop crashed: ${message}; details in ${displayPath(path, env)}`;
  } catch {
    return `batchtop crashed: ${message} (no crash log: ${displayPath(directory, env)} is not writable)`;
  }
}
