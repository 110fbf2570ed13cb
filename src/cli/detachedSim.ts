import { readFile } from "node:fs/promises";
import type { SimulatorEnvironment } from "../sim/simulator.js";
import type { SimFlags } from "./simFlags.js";
import { startSimProcess } from "./simProcess.js";
import { UsageError } from "./usageError.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** Exported by `sim --detach`, read by `sim --stop`: which process is the shell's demo account. */
export const simPidVariable = "BATCHTOP_SIM_PID";

// Every name `sim` exports, checked against the simulator's type so that --stop unsets them all.
const simulatorNames = Object.keys({
  AZURE_BATCH_ENDPOINT: true,
  AZURE_BATCH_ACCOUNT: true,
  AZURE_SUBSCRIPTION_ID: true,
  AZURE_RESOURCE_GROUP: true,
  BATCHTOP_ARM_ENDPOINT: true,
  BATCHTOP_LOGS_ENDPOINT: true,
  BATCHTOP_WORKSPACE_ID: true,
  BATCHTOP_STORAGE_URL: true,
  BATCHTOP_SYNAPSE_ENDPOINT: true,
  IDENTITY_ENDPOINT: true,
  IDENTITY_HEADER: true,
  NODE_EXTRA_CA_CERTS: true,
} satisfies Record<keyof SimulatorEnvironment, true>);

const stopWaitMs = 10_000;
const stopPollMs = 50;

/** Quotes a value for POSIX shells: eval "$(batchtop sim)" must survive any character. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function exportLines(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join("");
}

/**
 * A shell comment after the exports (eval skips it): the demo account's second sign-in, which may
 * read everything but role assignments (ARM answers 403), for drills of the identity doctor's
 * "permission unknown" path. Any credential that reads AZURE_CLIENT_ID picks it:
 * DefaultAzureCredential (batchtop's default --auth) and --auth managed-identity.
 */
export function restrictedReaderHint(clientId: string): string {
  return `# restricted reader (no role assignments): AZURE_CLIENT_ID=${clientId} batchtop doctor\n`;
}

/** Resolves with the error, if any, once `text` has been handed to stdout. */
function writeStdout(text: string): Promise<Error | null | undefined> {
  // The failure is reported through the callback; without a listener it would also be thrown.
  const ignore = () => {};
  process.stdout.on("error", ignore);
  return new Promise((resolve) => process.stdout.write(text, resolve));
}

/**
 * `batchtop sim --detach`: starts the demo account as a process of its own, prints the exports (and
 * its pid) once it is ready, and returns, so that `eval "$(batchtop sim --detach)"` gives the prompt
 * back with the simulator still serving. If nobody reads the exports, the simulator is stopped:
 * nobody could find it.
 */
export async function detachSim(
  flags: SimFlags,
  options: { port: number; storage: boolean },
): Promise<number> {
  const started = performance.now();
  const simulator = await startSimProcess(flags, { detached: true, ...options });
  const failed = await writeStdout(
    exportLines({ ...simulator.env, [simPidVariable]: String(simulator.pid) }) +
      restrictedReaderHint(simulator.restrictedReaderClientId),
  );
  if (failed) {
    await simulator.stop();
    process.stderr.write(
      "batchtop sim: stdout closed before the exports were read; the demo account is stopped\n",
    );
    return 0;
  }
  await simulator.detach();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (simulator.notice) process.stderr.write(`batchtop sim: ${simulator.notice}\n`);
  process.stderr.write(
    `batchtop sim: demo account ready in ${seconds} s: scenario ${flags.scenario}, seed ${flags.seed}, speed ${flags.speed}x, Batch at ${simulator.env.AZURE_BATCH_ENDPOINT}; running in the background as pid ${simulator.pid}. Stop it with: eval "$(batchtop sim --stop)"\n`,
  );
  return 0;
}

/** Signal 0 answers for a process that has exited but not been reaped: on Linux, /proc tells them apart. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // "<pid> (<name>) <state> ...": Z is a zombie, X is dead.
    return !/\) [ZX] /.test(await readFile(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/**
 * `batchtop sim --stop`: stops the demo account named by BATCHTOP_SIM_PID, waits until it has
 * removed its certificate folder and exited, and prints `unset` lines, so that
 * `eval "$(batchtop sim --stop)"` also clears the shell's variables.
 */
export async function stopDetachedSim(env: Environment): Promise<number> {
  const raw = env[simPidVariable];
  if (raw === undefined || raw === "") {
    throw new UsageError(
      `--stop: ${simPidVariable} is not set; it is exported by eval "$(batchtop sim --detach)" in the shell that started the demo account`,
    );
  }
  if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`${simPidVariable} must be a process id, got "${raw}"`);
  const pid = Number(raw);
  let running = true;
  try {
    process.kill(pid, "SIGTERM");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    running = false;
  }
  const deadline = Date.now() + stopWaitMs;
  while (running && (await isRunning(pid))) {
    if (Date.now() > deadline)
      throw new Error(`pid ${pid} is still running ${stopWaitMs / 1000} s after SIGTERM`);
    await new Promise((resolve) => setTimeout(resolve, stopPollMs));
  }
  process.stdout.write(`unset ${[simPidVariable, ...simulatorNames].join(" ")}\n`);
  process.stderr.write(
    running
      ? `batchtop sim: stopped the demo account (pid ${pid})\n`
      : `batchtop sim: no demo account was running as pid ${pid}; its variables are cleared\n`,
  );
  return 0;
}
