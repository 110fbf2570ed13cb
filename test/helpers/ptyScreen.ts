import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import xterm from "@xterm/headless";
import { assertBuilt, batchtopBin } from "./builtCli.js";

/**
 * A program in a real pseudo-terminal (util-linux `script`, part of every Debian base system) whose
 * output is fed to a terminal emulator (xterm.js, headless), so a test reads the screen a user
 * would see, alternate screen and all, and the raw bytes for what the screen cannot show.
 */
export interface PtyScreen {
  /** The visible rows of the active buffer, right-trimmed. */
  screen(): string;
  /** Which buffer is showing: "alternate" while a full-screen program runs. */
  buffer(): "normal" | "alternate";
  raw(): string;
  type(text: string): void;
  /**
   * Resizes the terminal as a user dragging its window does: the pseudo-terminal's size changes
   * (the program gets SIGWINCH) and the emulator reading it takes the new size.
   */
  resize(columns: number, rows: number): void;
  waitFor(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
  /**
   * The exit code, once the program has exited after `what` (a key that quits, say); a program still
   * running after `timeoutMs` fails the test with its screen, not at the test runner's timeout.
   */
  exitCode(what: string, timeoutMs?: number): Promise<number | null>;
  /** The process holding the terminal (`script`); the program and its children run below it. */
  pid: number | undefined;
  kill(): void;
}

export function startInPty(
  command: string,
  columns: number,
  rows: number,
  env: NodeJS.ProcessEnv,
): PtyScreen {
  const terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
  const child: ChildProcessWithoutNullStreams = spawn(
    "script",
    ["-qfec", `stty cols ${columns} rows ${rows}; exec ${command}`, "/dev/null"],
    { env, stdio: ["pipe", "pipe", "pipe"] },
  );
  let raw = "";
  let pending = Promise.resolve();
  child.stdout.on("data", (chunk: Buffer) => {
    raw += chunk.toString("utf8");
    pending = pending.then(() => new Promise<void>((resolve) => terminal.write(chunk, resolve)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code))).then(
    async (code) => {
      await pending;
      return code;
    },
  );
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < terminal.rows; row += 1)
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? "");
    return lines.join("\n");
  };
  return {
    screen,
    buffer: () => terminal.buffer.active.type,
    raw: () => raw,
    type: (text) => child.stdin.write(text),
    resize(newColumns, newRows) {
      // The program `script` runs is its only child; its standard input is the pseudo-terminal.
      const program = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8")
        .trim()
        .split(" ")[0];
      const device = readlinkSync(`/proc/${program}/fd/0`);
      terminal.resize(newColumns, newRows);
      execFileSync("stty", ["-F", device, "cols", String(newColumns), "rows", String(newRows)]);
    },
    async waitFor(pattern, what, timeoutMs = 30_000) {
      for (let waited = 0; waited < timeoutMs; waited += 50) {
        await pending;
        if (pattern.test(screen())) {
          // A frame can reach the emulator in pieces: let the rest of it arrive before reading the
          // screen that callers assert on, and check the pattern still holds on the whole frame.
          await new Promise((resolve) => setTimeout(resolve, 50));
          await pending;
          if (pattern.test(screen())) return screen();
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the terminal never showed ${what}:\n${screen()}`);
    },
    pid: child.pid,
    async exitCode(what, timeoutMs = 15_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`still running ${timeoutMs / 1000} s after ${what}:\n${screen()}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      terminal.dispose();
    },
  };
}

/**
 * The compiled `batchtop demo <args>` in a 160x48 pseudo-terminal, as an operator's xterm would run it,
 * with no user config or theme of the machine running the test; `env` adds to or overrides that.
 */
export function startDemoInPty(args: string, env: NodeJS.ProcessEnv = {}): PtyScreen {
  assertBuilt();
  return startInPty(`${process.execPath} ${batchtopBin} demo ${args}`, 160, 48, {
    ...process.env,
    TERM: "xterm-256color",
    XDG_CONFIG_HOME: "/nonexistent",
    ...env,
  });
}
