import { startSimulator } from "../../sim/simulator.js";
import { integerFlag, parseCommandArgs } from "../parseArgs.js";
import { readSimFlags, simFlagConfig } from "../simFlags.js";
import { UsageError } from "../usageError.js";
import { waitForShutdown } from "../shutdown.js";
import type { SimReadyMessage } from "../simProcess.js";

/** Quotes a value for POSIX shells: eval "$(batchtop sim)" must survive any character. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `batchtop sim`: the demo account alone. Export lines go to stdout so `eval "$(batchtop sim)"` sets
 * up a shell; everything else goes to stderr. Runs until Ctrl-C or SIGTERM, then cleans up.
 */
export async function simCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("sim", args, {
    ...simFlagConfig,
    port: { type: "string" },
    "no-storage": { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for sim`);
  const flags = readSimFlags(values);
  const started = performance.now();
  const simulator = await startSimulator({
    ...flags,
    port: integerFlag("port", values.port, 0, 65535) ?? 0,
    storage: values["no-storage"] !== true,
  });
  for (const [name, value] of Object.entries(simulator.env)) {
    process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const memory = Math.round(process.memoryUsage().rss / 1024 / 1024);
  // Before the ready line, which scripts and tests wait for.
  if (simulator.storageNotice) process.stderr.write(`batchtop sim: ${simulator.storageNotice}\n`);
  process.stderr.write(
    `batchtop sim: demo account ready in ${seconds} s (${memory} MiB): scenario ${flags.scenario}, seed ${flags.seed}, speed ${flags.speed}x, Batch at ${simulator.env.AZURE_BATCH_ENDPOINT}. Ctrl-C stops it.\n`,
  );
  // Started by `batchtop demo`: tell the parent, and leave with it.
  if (process.send) {
    const ready: SimReadyMessage = {
      type: "ready",
      env: simulator.env,
      ...(simulator.storageNotice ? { notice: simulator.storageNotice } : {}),
    };
    process.send(ready);
  }
  const parentGone = () => process.kill(process.pid, "SIGTERM");
  process.once("disconnect", parentGone);
  await waitForShutdown();
  process.off("disconnect", parentGone);
  await simulator.stop();
  // An open IPC channel would keep this process alive after everything else has stopped.
  if (process.connected) process.disconnect();
  process.stderr.write("batchtop sim: stopped\n");
  return 0;
}
