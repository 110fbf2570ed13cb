import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { render } from "ink";
import type { ReactElement } from "react";

/** A terminal of a given size that keeps the frames Ink writes, as ink-testing-library's does. */
class FakeStdout extends EventEmitter {
  frames: string[] = [];
  /** performance.now() when each frame was written, for the render benchmark. */
  times: number[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    this.times.push(performance.now());
    return true;
  };
}

/** A keyboard: what is written to it reaches Ink as typed keys. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit("readable");
    this.emit("data", data);
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Key sequences as a terminal sends them. */
export const keys = {
  up: "\u001b[A",
  down: "\u001b[B",
  enter: "\r",
  esc: "\u001b",
  tab: "\t",
  shiftTab: "\u001b[Z",
  backspace: "\u007f",
  pageDown: "\u001b[6~",
  ctrlS: "\u0013",
} as const;

export interface Terminal {
  frame(): string;
  frames(): readonly string[];
  /** When the first frame after the first `before` frames was written (performance.now()). */
  firstFrameAt(before: number): number;
  /** Waits for the frames after the first `before` to be drawn and settle. */
  settle(before: number): Promise<void>;
  /** Writes a key at once, without waiting for anything (the render benchmark times what follows). */
  send(key: string): void;
  /** Types keys one at a time, letting Ink handle each before the next. */
  press(...sequence: string[]): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** Waits until the frame matches, or fails showing the last frame. */
  waitFor(pattern: RegExp, what?: string): Promise<string>;
  unmount(): void;
  /** Resolves when the app exits; rejects, with the screen, if it has not within a few seconds. */
  readonly exited: Promise<unknown>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Turns of the event loop a key's frames may take. Ink reads a key and React draws it within a turn
 * or two (a lone Esc waits a turn to be told from an escape sequence), and the frames its effects
 * draw follow as fast: in every UI test, each frame a key caused came by the second turn after the
 * one before, however busy the machine. Counting turns, not milliseconds, a key that changes
 * nothing costs nothing. What arrives later (a timer, a file written) is for `waitFor`.
 */
const turnsToDraw = 10;
/** How long an app asked to quit may take to exit before its test fails, saying so. */
const exitWithinMs = 5000;

/** Until the frames a key caused have been drawn: none once the app has exited or if none came. */
async function settled(stdout: FakeStdout, before: number, hasExited: () => boolean): Promise<void> {
  for (let quiet = 0, seen = before; quiet < turnsToDraw && !hasExited(); quiet++) {
    await nextTurn();
    if (stdout.frames.length !== seen) [seen, quiet] = [stdout.frames.length, -1];
  }
}

/**
 * Renders a tree in a terminal of `columns` x `rows`, for tests of layout, resize and keys. Frames
 * carry no colour codes (stdout is not a TTY), so tests read text as a user does.
 */
export function renderTerminal(tree: ReactElement, columns = 160, rows = 48): Terminal {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink throttles frames to maxFps; a test reading the frame right after a key needs every one.
    maxFps: 1000,
  });
  const frame = () => stdout.frames.at(-1) ?? "";
  const exit = instance.waitUntilExit();
  let hasExited = false;
  const noteExit = () => (hasExited = true);
  exit.then(noteExit, noteExit);
  const settle = (before: number) => settled(stdout, before, () => hasExited);
  return {
    frame,
    frames: () => stdout.frames,
    firstFrameAt: (before) => stdout.times[before] ?? Number.NaN,
    settle,
    send: (key) => stdin.write(key),
    async press(...sequence) {
      // Ink subscribes to input in an effect after the first paint: let it, and let each key settle.
      await tick();
      for (const key of sequence) {
        const before = stdout.frames.length;
        stdin.write(key);
        await settle(before);
      }
    },
    async resize(newColumns, newRows) {
      stdout.columns = newColumns;
      stdout.rows = newRows;
      const before = stdout.frames.length;
      stdout.emit("resize");
      await settle(before);
    },
    async waitFor(pattern, what) {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        if (pattern.test(frame())) return frame();
        await tick();
      }
      throw new Error(`the screen never showed ${what ?? pattern}:\n${frame()}`);
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
    // Asked for once the test expects the app to quit: an app that stays fails in seconds, showing
    // its screen, not by the runner's two-minute timeout.
    get exited() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the app did not exit within ${exitWithinMs} ms; its screen:\n${frame()}`)),
          exitWithinMs,
        );
        exit.then(resolve, reject).finally(() => clearTimeout(timer));
      });
    },
  };
}
