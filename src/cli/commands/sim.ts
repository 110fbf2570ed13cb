import { fstatSync } from "node:fs";
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

/** How often a piped stdout is checked for a reader. */
const readerCheckMs = 1000;

/**
 * Resolves once nobody reads stdout any more (`batchtop sim | head -1`): a closed stdout is a normal
 * way to stop listening, not a crash. A pipe's writer learns that its reader has gone only by
 * writing to it, so while stdout is a pipe an empty line (a no-op for eval and for shells) goes out
 * every second; a terminal or a file never loses its reader this way.
 */
function stdoutClosed(): { closed: Promise<void>; stopChecking(): void } {
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    // Stays attached: a later write to the closed pipe must not become an uncaught error either.
    process.stdout.on("error", () => resolve());
  });
  let piped = false;
  try {
    const stat = fstatSync(1);
    piped = stat.isFIFO() || stat.isSocket();
  } catch {
    // No stdout at all: nothing to watch.
  }
  if (piped) {
    timer = setInterval(() => process.stdout.write("\n"), readerCheckMs);
    timer.unref();
  }
  return { closed, stopChecking: () => clearInterval(timer) };
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
  // Before the first write: a reader that leaves during the exports stops the simulator too.
  const stdout = stdoutClosed();
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
  const reason = await Promise.race([waitForShutdown(), stdout.closed.then(() => "stdout closed")]);
  stdout.stopChecking();
  process.off("disconnect", parentGone);
  if (reason === "stdout closed") process.stderr.write("batchtop sim: stdout closed, stopping\n");
  await simulator.stop();
  // An open IPC channel would keep this process alive after everything else has stopped.
  if (process.connected) process.disconnect();
  process.stderr.write("batchtop sim: stopped\n");
  return 0;
}
