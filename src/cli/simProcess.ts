import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile, rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import type { SimulatorEnvironment } from "../sim/simulator.js";
import type { SimFlags } from "./simFlags.js";

/** What `batchtop sim` sends its parent over IPC once the demo account is ready. */
export interface SimReadyMessage {
  type: "ready";
  env: SimulatorEnvironment;
  /** The client id of the demo's restricted reader (see restrictedReaderHint). */
  restrictedReaderClientId: string;
  notice?: string;
}

/** Asks the child to outlive its parent (`batchtop sim --detach`); it answers `detached`. */
export interface SimDetachMessage {
  type: "detach";
}

type SimChildMessage = SimReadyMessage | { type: "detached" };

export interface SimProcessOptions {
  /**
   * In a session of its own, so that Ctrl-C and hang-up in this terminal do not reach it: for a
   * simulator that is to outlive this process (see `SimProcess.detach`).
   */
  detached?: boolean;
  port?: number;
  storage?: boolean;
}

export interface SimProcess {
  env: SimulatorEnvironment;
  restrictedReaderClientId: string;
  pid: number;
  /** The demo CA, for this process's agents only. */
  caPem: string;
  notice?: string;
  /**
   * Resolves with one line if the demo account exits without being told to (a crash, a kill):
   * "demo account stopped (exit 1): <its last stderr line>". Never resolves after stop().
   */
  exited: Promise<string>;
  stop(): Promise<void>;
  /** Lets it run on after this process exits; this process stops holding on to it. */
  detach(): Promise<void>;
}

function flagsToArgs(flags: SimFlags, options: SimProcessOptions): string[] {
  const args = ["--scenario", flags.scenario, "--seed", String(flags.seed), "--speed", String(flags.speed)];
  if (flags.faultSpec) args.push("--faults", flags.faultSpec);
  if (options.port !== undefined) args.push("--port", String(options.port));
  if (options.storage === false) args.push("--no-storage");
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
export async function startSimProcess(flags: SimFlags, options: SimProcessOptions = {}): Promise<SimProcess> {
  const entry = process.argv[1];
  if (!entry) throw new Error("cannot locate batchtop's entry point to start the demo account");
  const child: ChildProcess = fork(entry, ["sim", ...flagsToArgs(flags, options)], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    detached: options.detached === true,
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
    child.on("message", (message: SimChildMessage) => {
      if (message.type === "ready") resolve(message);
    });
    void ended.then((how) => reject(new Error(`the demo account stopped before it was ready ${how}`)));
  });
  const message = await ready;
  // From here on the child's stderr is about its end, not its start-up ("ready in 0.1 s").
  stderr = "";
  const caPem = await readFile(message.env.NODE_EXTRA_CA_CERTS, "utf8");
  // A child killed outright (SIGKILL, the OOM killer) cannot remove its certificate folder: this
  // process does, unless the child was handed over to run on by itself.
  let handedOver = false;
  const certificates = dirname(message.env.NODE_EXTRA_CA_CERTS);
  void ended.then(async () => {
    if (!handedOver && basename(certificates).startsWith("batchtop-sim-"))
      await rm(certificates, { recursive: true, force: true }).catch(() => undefined);
  });
  const pid = child.pid;
  // Only a process that never started has none, and that one sent no ready message.
  if (pid === undefined) throw new Error("the demo account has no process id");
  return {
    env: message.env,
    restrictedReaderClientId: message.restrictedReaderClientId,
    pid,
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
    detach: async () => {
      handedOver = true;
      const detached = new Promise<void>((resolve, reject) => {
        child.on("message", (answer: SimChildMessage) => {
          if (answer.type === "detached") resolve();
        });
        child.once("exit", (code) => reject(new Error(`the demo account stopped (exit ${code})`)));
      });
      const ask: SimDetachMessage = { type: "detach" };
      child.send(ask);
      await detached;
      // Nothing of it left for this process's event loop to wait on.
      child.disconnect();
      child.stderr?.destroy();
      child.unref();
    },
  };
}
