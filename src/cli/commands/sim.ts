import { fstatSync } from "node:fs";
import { integerFlag, parseCommandArgs } from "../parseArgs.js";
import { readSimFlags, simFlagConfig } from "../simFlags.js";
import { UsageError } from "../usageError.js";
import { waitForShutdown } from "../shutdown.js";
import { detachSim, exportLines, restrictedReaderHint, stopDetachedSim } from "../detachedSim.js";
import type { SimDetachMessage, SimReadyMessage } from "../simProcess.js";

/** How often a piped stdout is checked for a reader. */
const readerCheckMs = 1000;

/**
 * Resolves once nobody reads stdout any more (`batchtop sim | head -1`): a closed stdout is a normal
 * way to stop listening, not a crash. A pipe's writer learns that its reader has gone only by
 * writing to it, so while stdout is a pipe an empty line (a no-op for eval and for shells) goes out
 * every second; a terminal or a file never loses its reader this way.
 */
function stdoutClosed(): { closed: Promise<void>; piped: boolean; stopChecking(): void } {
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
  return { closed, piped, stopChecking: () => clearInterval(timer) };
}

/**
 * `batchtop sim`: the demo account alone. Export lines go to stdout; everything else goes to stderr.
 * With --detach it runs in the background and the command returns once it is ready, so
 * `eval "$(batchtop sim --detach)"` sets up a shell; --stop stops that one. Without, it runs until
 * Ctrl-C, SIGTERM, hang-up or a closed stdout, then cleans up.
 */
export async function simCommand(args: string[]): Promise<number> {
  if (args[0] === "grant-role") return grantRoleCommand(args.slice(1));
  if (args[0] === "fix-pipeline") return fixPipelineCommand(args.slice(1));
  const { values, positionals } = parseCommandArgs("sim", args, {
    ...simFlagConfig,
    port: { type: "string" },
    "no-storage": { type: "boolean" },
    detach: { type: "boolean" },
    stop: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for sim`);
  if (values.stop === true) {
    const other = args.find((arg) => arg !== "--stop");
    if (other !== undefined) throw new UsageError(`sim --stop takes no other flag or argument, got ${other}`);
    return stopDetachedSim(process.env);
  }
  const flags = readSimFlags(values);
  const port = integerFlag("port", values.port, 0, 65535) ?? 0;
  const storage = values["no-storage"] !== true;
  if (values.detach === true) return detachSim(flags, { port, storage });

  const started = performance.now();
  // Here only: --detach and --stop need none of the simulator's modules.
  const { startSimulator } = await import("../../sim/simulator.js");
  const simulator = await startSimulator({ ...flags, port, storage });
  // Before the first write: a reader that leaves during the exports stops the simulator too.
  const stdout = stdoutClosed();
  process.stdout.write(
    exportLines(simulator.env) + restrictedReaderHint(simulator.issuer.restrictedReader.clientId),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const memory = Math.round(process.memoryUsage().rss / 1024 / 1024);
  // Before the ready line, which scripts and tests wait for.
  if (simulator.storageNotice) process.stderr.write(`batchtop sim: ${simulator.storageNotice}\n`);
  process.stderr.write(
    `batchtop sim: demo account ready in ${seconds} s (${memory} MiB): scenario ${flags.scenario}, seed ${flags.seed}, speed ${flags.speed}x, Batch at ${simulator.env.AZURE_BATCH_ENDPOINT}. Ctrl-C stops it.\n`,
  );
  // eval "$(batchtop sim)" waits for this process to end: say how to get the prompt back.
  if (stdout.piped && !process.send) {
    process.stderr.write(
      `batchtop sim: runs until stopped; to set up a shell and get the prompt back: eval "$(batchtop sim --detach)"\n`,
    );
  }
  const parentGone = () => process.kill(process.pid, "SIGTERM");
  process.once("disconnect", parentGone);
  // Started by `batchtop demo` or `batchtop sim --detach`: tell the parent, and leave with it unless
  // asked to outlive it.
  if (process.send) {
    process.on("message", (message: SimDetachMessage) => {
      if (message.type !== "detach") return;
      process.off("disconnect", parentGone);
      // The parent reads stderr until it goes; a message after that has no reader, and is no failure.
      process.stderr.on("error", () => {});
      process.send?.({ type: "detached" });
    });
    const ready: SimReadyMessage = {
      type: "ready",
      env: simulator.env,
      restrictedReaderClientId: simulator.issuer.restrictedReader.clientId,
      ...(simulator.storageNotice ? { notice: simulator.storageNotice } : {}),
    };
    process.send(ready);
  }
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

/**
 * `batchtop sim grant-role --principal ID --role NAME [--scope ID]`: the drill that grants a role in
 * the running demo account (see src/sim/drill/grantRole.ts). Not a batchtop feature on Azure.
 */
async function grantRoleCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("sim grant-role", args, {
    principal: { type: "string" },
    role: { type: "string" },
    scope: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}" for sim grant-role`);
  if (values.principal === undefined || values.role === undefined)
    throw new UsageError(
      'sim grant-role needs --principal ID and --role NAME (e.g. --role "Storage Blob Data Reader")',
    );
  const [{ DrillError }, { grantRole }] = await Promise.all([
    import("../../sim/drill/demoArm.js"),
    import("../../sim/drill/grantRole.js"),
  ]);
  try {
    const line = await grantRole(
      {
        principalId: values.principal,
        role: values.role,
        ...(values.scope !== undefined ? { scope: values.scope } : {}),
      },
      process.env,
    );
    process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DrillError)) throw error;
    if (error.exitCode === 2) throw new UsageError(error.message);
    process.stderr.write(`batchtop: ${error.message}\n`);
    return 1;
  }
}

/**
 * `batchtop sim fix-pipeline NAME`: the drill that deploys a pipeline's fix in the running demo
 * account (see src/sim/drill/fixPipeline.ts). Not a batchtop feature on Azure.
 */
async function fixPipelineCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs("sim fix-pipeline", args, {});
  const [name, extra] = positionals;
  if (name === undefined || name === "")
    throw new UsageError("sim fix-pipeline needs the pipeline's name (e.g. transform_customers_hourly)");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for sim fix-pipeline`);
  const [{ DrillError }, { fixPipeline }] = await Promise.all([
    import("../../sim/drill/demoArm.js"),
    import("../../sim/drill/fixPipeline.js"),
  ]);
  try {
    process.stdout.write(`${await fixPipeline(name, process.env)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DrillError)) throw error;
    if (error.exitCode === 2) throw new UsageError(error.message);
    process.stderr.write(`batchtop: ${error.message}\n`);
    return 1;
  }
}
