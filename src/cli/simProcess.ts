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
  /**
   * Resolves with one line if the demo account exits without being told to (a crash, a kill):
   * "demo account stopped (exit 1): <its last stderr line>". Never resolves after stop().
   */
  exited: Promise<string>;
  stop(): Promise<void>;
}

function flagsToArgs(flags: SimFlags): string[] {
  const args = ["--scenario", flags.scenario, "--seed", String(flags.seed), "--speed", String(flags.speed)];
  if (flags.faultSpec) args.push("--faults", flags.faultSpec);
  return args;
}

/**
 * The line of a process's stderr that says why it ended: the last one that is not a stack frame
 * or Node's closing "Node.js v20.20.2" after an uncaught exception ("Error: boom", not "    at …").
 */
export function lastWords(stderr: string): string {
  const lines = stderr.split("\n").filter((line) => /^\S/.test(line) && !/^Node\.js v\d/.test(line));
  return lines.at(-1)?.trim() ?? "";
}

/** "(exit 1): Error: listen EADDRINUSE", "(killed by SIGKILL)". */
export function describeExit(code: number | null, signal: string | null, lastLine: string): string {
  const how = code !== null ? `exit ${code}` : `killed by ${signal ?? "a signal"}`;
  return lastLine ? `(${how}): ${lastLine}` : `(${how})`;
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
  let stopping = false;
  // "close", not "exit": by then the pipe has delivered the child's last words.
  const ended = new Promise<string>((resolve) => {
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => {
      resolve(describeExit(code, signal, lastWords(stderr)));
    });
  });
  const ready = new Promise<SimReadyMessage>((resolve, reject) => {
    child.on("message", (message: SimReadyMessage) => {
      if (message.type === "ready") resolve(message);
    });
    void ended.then((how) => reject(new Error(`the demo account stopped before it was ready ${how}`)));
  });
  const message = await ready;
  // From here on the child's stderr is about its end, not its start-up ("ready in 0.1 s").
  stderr = "";
  const caPem = await readFile(message.env.NODE_EXTRA_CA_CERTS, "utf8");
  return {
    env: message.env,
    caPem,
    ...(message.notice ? { notice: message.notice } : {}),
    exited: ended.then((how) =>
      // After stop() nobody is left to tell: the promise stays pending.
      stopping ? new Promise<string>(() => undefined) : `demo account stopped ${how}`,
    ),
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
