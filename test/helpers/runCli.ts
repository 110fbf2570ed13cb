import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { assertBuilt, batchtopBin } from "./builtCli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `node bin/batchtop.js`, once dist/ is known to be current. */
function command(args: string[]): string[] {
  assertBuilt();
  return [batchtopBin, ...args];
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled batchtop to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliResult {
  const result = spawnSync(process.execPath, command(args), {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the compiled batchtop to completion without blocking: a test that needs several runs starts
 * them together, so they share the machine's cores instead of waiting on each other.
 */
export async function runCliAsync(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const child = spawn(process.execPath, command(args), {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

/** Starts the compiled batchtop and leaves it running. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, command(args), {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface RunningSim {
  /** What `eval "$(batchtop sim ...)"` would set. */
  exports: Record<string, string>;
  /** The client id its `# restricted reader` line names. */
  restrictedReaderClientId: string;
  /** Everything the simulator printed on stderr so far. */
  stderr(): string;
  /** Ctrl-C, then the exit code. */
  interrupt(): Promise<number | null>;
}

/** Starts the compiled `batchtop sim` and waits until it says it is ready. */
export async function startSimCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningSim> {
  const sim = spawnCli(["sim", ...args], env);
  let stdout = "";
  let stderr = "";
  sim.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  sim.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const interrupt = async () => {
    if (sim.exitCode !== null) return sim.exitCode;
    const exited = once(sim, "exit");
    sim.kill("SIGINT");
    const [code] = (await exited) as [number | null];
    return code;
  };
  while (!/ready in/.test(stderr)) {
    if (sim.exitCode !== null) throw new Error(`batchtop sim exited early: ${stderr}`);
    await Promise.race([once(sim.stderr!, "data"), once(sim, "exit")]);
  }
  const exports: Record<string, string> = {};
  let restrictedReaderClientId: string | undefined;
  for (const line of stdout.split("\n").filter(Boolean)) {
    // The one comment line: the demo's second sign-in, which may not read role assignments.
    const hint =
      /^# restricted reader \(no role assignments\): AZURE_CLIENT_ID=([0-9a-f-]{36}) batchtop doctor$/.exec(
        line,
      );
    if (hint) {
      restrictedReaderClientId = hint[1];
      continue;
    }
    const match = /^export ([A-Z_]+)='(.*)'$/.exec(line);
    if (!match) {
      await interrupt();
      throw new Error(`a stdout line of batchtop sim is not an export: ${line}`);
    }
    exports[match[1]!] = match[2]!.replace(/'\\''/g, "'");
  }
  if (!restrictedReaderClientId) {
    await interrupt();
    throw new Error(`batchtop sim printed no restricted reader hint: ${stdout}`);
  }
  return { exports, restrictedReaderClientId, stderr: () => stderr, interrupt };
}
