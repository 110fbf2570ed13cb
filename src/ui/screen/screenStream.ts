import { EventEmitter } from "node:events";
import { frameUpdate, type WrittenFrame } from "./frameUpdate.js";

/**
 * What Ink 6.8 writes around a frame to a stream that is not a terminal: the clear it sends before a
 * frame as tall as the screen (`ansiEscapes.clearTerminal`), or the erase of the previous frame's
 * lines (`eraseLines`), then the frame, then a newline when the frame is shorter than the screen.
 */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const inkPrefix = /^(?:\u001b\[2J\u001b\[3J\u001b\[H)?(?:(?:\u001b\[2K(?:\u001b\[1A)?)+\u001b\[G)?/;
/** A frame holds text and colour (SGR) codes only: Ink strips every other sequence from <Text>. */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const otherSequence = /\u001b(?!\[[\d;:]*m)/;

const hideCursor = "\u001b[?25l";
const beginSynchronized = "\u001b[?2026h";
const endSynchronized = "\u001b[?2026l";

/** The frame in one of Ink's writes; undefined for a write that is only an erase. */
export function frameOfInkWrite(chunk: string): string | undefined {
  const prefix = inkPrefix.exec(chunk)?.[0] ?? "";
  const frame = chunk.slice(prefix.length).replace(/\n$/, "");
  if (frame === "" && prefix !== "") return undefined;
  return frame;
}

export interface ScreenStream {
  /** The stream Ink renders to: it reports the terminal's size and resizes as its own. */
  stream: NodeJS.WriteStream;
  dispose(): void;
}

/**
 * Ink regenerates and writes the whole screen for every frame: about 19 KB at 160x48, a second
 * apart while anything ticks, over a jump host's SSH link. This stream stands between Ink and the
 * terminal: it takes each frame Ink writes and sends only the cells that changed (tcell's way, which
 * k9s draws with), inside a synchronized update so a terminal that supports it never shows half a
 * frame. Ink still lays out and renders every frame; only what reaches the terminal changes.
 */
export function createScreenStream(output: NodeJS.WriteStream): ScreenStream {
  let written: WrittenFrame | undefined;
  let cursorHidden = false;
  const events = new EventEmitter();
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const frame = frameOfInkWrite(text);
    if (frame !== undefined) {
      if (otherSequence.test(frame)) {
        // Not a frame this stream understands: pass it on whole, and redraw the next frame whole.
        output.write(text);
        written = undefined;
      } else {
        const update = frameUpdate(written, frame.split("\n"), {
          columns: output.columns,
          rows: output.rows,
        });
        written = update.frame;
        if (update.bytes !== "") {
          const cursor = cursorHidden ? "" : hideCursor;
          cursorHidden = true;
          output.write(beginSynchronized + cursor + update.bytes + endSynchronized);
        }
      }
    }
    const callback = rest.find((argument) => typeof argument === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  const onResize = () => {
    // A resized terminal may have reflowed or cut what it showed: the next frame is drawn whole.
    written = undefined;
    events.emit("resize");
  };
  output.on("resize", onResize);
  // Not a TTY to Ink, so it writes each frame plainly (no clear of its own, no cursor moves) for
  // this stream to compare; the size is the terminal's, read at each use (a resize changes it).
  const stream = Object.defineProperties(events, {
    isTTY: { value: false },
    columns: { get: () => output.columns },
    rows: { get: () => output.rows },
    write: { value: write },
  });
  return {
    stream: stream as unknown as NodeJS.WriteStream,
    dispose: () => {
      output.off("resize", onResize);
    },
  };
}
