import { resolve } from "node:path";
import { unknownKeyProblem } from "./configFile.js";
import { systemPolicyPath } from "./configPaths.js";
import { fileProblem } from "./fileProblem.js";
import { readJsonFile } from "./readJsonFile.js";
import { describeJson, isPlainObject } from "./valueParsers.js";

export const policyEnv = "BATCHTOP_POLICY";

/** One policy file's restrictions. A policy can only restrict: `readOnly: false` grants nothing. */
export interface Policy {
  file: string;
  readOnly: boolean;
}

export interface PolicyOptions {
  env: Readonly<Record<string, string | undefined>>;
  /**
   * For tests only: where the system policy lives. The CLI never passes it, so the system file is
   * always /etc/batchtop/policy.json and no flag or variable can swap it for a laxer one.
   */
  systemPolicyPath?: string;
}

const policyKeys = ["$schema", "readOnly"];

/**
 * Fails closed: an unknown key (a misspelt `readonly`) or a wrong type is an error, never a policy
 * silently not applied.
 */
export function validatePolicy(value: unknown, file: string): Policy {
  if (!isPlainObject(value)) throw fileProblem(file, `must be a JSON object, got ${describeJson(value)}`);
  for (const key of Object.keys(value)) {
    if (!policyKeys.includes(key))
      throw fileProblem(file, unknownKeyProblem(key, policyKeys, "policy key"), [key]);
  }
  if (value.readOnly !== undefined && typeof value.readOnly !== "boolean")
    throw fileProblem(file, `must be true or false, got ${describeJson(value.readOnly)}`, ["readOnly"]);
  return { file, readOnly: value.readOnly === true };
}

/**
 * The system policy (if the file exists) and the one BATCHTOP_POLICY names (which must exist: a
 * policy asked for and not found is an error). Their restrictions add up; none can lift another's.
 */
export async function loadPolicies(options: PolicyOptions): Promise<Policy[]> {
  const policies: Policy[] = [];
  const systemFile = options.systemPolicyPath ?? systemPolicyPath;
  const system = await readJsonFile(systemFile, systemFile);
  if (system) policies.push(validatePolicy(system.value, systemFile));
  const extra = options.env[policyEnv];
  if (extra) {
    const extraFile = resolve(extra);
    const read = await readJsonFile(extraFile, extraFile);
    if (!read) throw fileProblem(extraFile, `no such file (named by ${policyEnv})`);
    policies.push(validatePolicy(read.value, extraFile));
  }
  return policies;
}
