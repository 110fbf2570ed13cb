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

class FakeStdin extends EventEmitter {
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
  exited: Promise<unknown>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Until the frames a key caused have been drawn: the first new frame (or 250 ms, for a key that
 * changes nothing), then until no frame has come for 15 ms, so a busy machine does not make a test
 * read the screen half-way through a key's effects.
 */
async function settled(stdout: FakeStdout, before: number): Promise<void> {
  for (let waited = 0; stdout.frames.length === before && waited < 250; waited += 5) await tick();
  let seen = -1;
  while (seen !== stdout.frames.length) {
    seen = stdout.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 15));
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
  return {
    frame,
    frames: () => stdout.frames,
    firstFrameAt: (before) => stdout.times[before] ?? Number.NaN,
    settle: (before) => settled(stdout, before),
    send: (key) => stdin.write(key),
    async press(...sequence) {
      // Ink subscribes to input in an effect after the first paint: let it, and let each key settle.
      await tick();
      for (const key of sequence) {
        const before = stdout.frames.length;
        stdin.write(key);
        await settled(stdout, before);
      }
    },
    async resize(newColumns, newRows) {
      stdout.columns = newColumns;
      stdout.rows = newRows;
      const before = stdout.frames.length;
      stdout.emit("resize");
      await settled(stdout, before);
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
    exited: instance.waitUntilExit(),
  };
}
