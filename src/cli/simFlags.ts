import { parseFaultSpec, type FaultSettings } from "../sim/http/faults.js";
import { scenarioNames } from "../sim/world/world.js";
import { integerFlag, numberFlag } from "./parseArgs.js";
import { UsageError } from "./usageError.js";

/** Flags `sim` and `demo` share: which story the demo account tells, and how fast. */
export const simFlagConfig = {
  scenario: { type: "string" },
  seed: { type: "string" },
  speed: { type: "string" },
  faults: { type: "string" },
} as const;

export interface SimFlags {
  scenario: string;
  seed: number;
  speed: number;
  faults?: FaultSettings;
  /** The --faults text as given, to hand on to a `batchtop sim` child process. */
  faultSpec?: string;
}

export function readSimFlags(values: {
  scenario?: string;
  seed?: string;
  speed?: string;
  faults?: string;
}): SimFlags {
  const scenario = values.scenario ?? "healthy";
  if (!scenarioNames.includes(scenario)) {
    throw new UsageError(`unknown scenario "${scenario}"; choose one of ${scenarioNames.join(", ")}`);
  }
  let faults: FaultSettings | undefined;
  if (values.faults !== undefined) {
    const parsed = parseFaultSpec(values.faults);
    if (typeof parsed === "string") throw new UsageError(parsed);
    faults = parsed;
  }
  return {
    scenario,
    seed: integerFlag("seed", values.seed, 0, 2 ** 32 - 1) ?? 1,
    speed: numberFlag("speed", values.speed, 0, 1000) ?? 1,
    ...(faults ? { faults, faultSpec: values.faults } : {}),
  };
}
