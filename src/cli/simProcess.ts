import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { SimulatorEnvironment } from "../sim/simulator.js";
import type { SimFlags } from "./simFlags.js";

/** What `batchtop sim` sends its parent over IPC once the demo account is ready. */
export interface SimReadyMessage {
  type: "ready";
  env: SimulatorEnvironment;
  notice?: string;
}

export interface SimProcess {
  env: SimulatorEnvironment;
  /** The demo CA, for this process's agents only. */
  caPem: string;
  notice?: string;
  stop(): Promise<void>;
}

function flagsToArgs(flags: SimFlags): string[] {
  const args = ["--scenario", flags.scenario, "--seed", String(flags.seed), "--speed", String(flags.speed)];
  if (flags.faultSpec) args.push("--faults", flags.faultSpec);
  return args;
}

/**
 * Runs the demo account as a `batchtop sim` child process, so its world steps and KQL parsing never
 * hold up the dashboard's event loop. The child leaves when told to, or when this process goes away
 * (its IPC channel closes).
 */
export async function startSimProcess(flags: SimFlags): Promise<SimProcess> {
  const entry = process.argv[1];
  if (!entry) throw new Error("cannot locate batchtop's entry point to start the demo account");
  const child: ChildProcess = fork(entry, ["sim", ...flagsToArgs(flags)], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<SimReadyMessage>((resolve, reject) => {
    child.on("message", (message: SimReadyMessage) => {
      if (message.type === "ready") resolve(message);
    });
    child.once("exit", (code) => {
      const lastLine = stderr.trim().split("\n").pop() ?? "";
      reject(new Error(`the demo account stopped before it was ready (exit ${code}): ${lastLine}`));
    });
  });
  const message = await ready;
  const caPem = await readFile(message.env.NODE_EXTRA_CA_CERTS, "utf8");
  return {
    env: message.env,
    caPem,
    ...(message.notice ? { notice: message.notice } : {}),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
