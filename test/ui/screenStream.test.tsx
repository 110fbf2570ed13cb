import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import xterm from "@xterm/headless";
import { Box, render, Text } from "ink";
import { useState } from "react";
import { useTerminalSize } from "../../src/ui/hooks/useTerminalSize.js";
import { createScreenStream } from "../../src/ui/screen/screenStream.js";

// Ink renders to the screen stream as it renders to a terminal; the stream reads each frame out of
// Ink's writes and sends the terminal only what changed. Here real Ink draws a small full-screen app
// through it onto xterm.js, which must show each frame as Ink laid it out, across a resize.

/** A terminal as Node presents one: a size, resize events, and what is written to it. */
class Terminal extends EventEmitter {
  emulator: xterm.Terminal;
  written = "";
  private pending = Promise.resolve();
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.emulator = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
    // The alternate screen, as the dashboard draws on: no scrollback, no reflow on resize.
    this.write("\u001b[?1049h");
  }
  write = (data: string) => {
    this.written += data;
    this.pending = this.pending.then(() => new Promise((resolve) => this.emulator.write(data, resolve)));
    return true;
  };
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emulator.resize(columns, rows);
    this.emit("resize");
  }
  async screen(): Promise<string> {
    // Ink draws at most 30 frames a second (the last change waits up to 33 ms); then the emulator
    // parses what arrived.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await this.pending;
    const buffer = this.emulator.buffer.active;
    return Array.from({ length: this.rows }, (_, row) => buffer.getLine(row)?.translateToString(true)).join(
      "\n",
    );
  }
}

let setCount: (count: number) => void = () => undefined;

function App() {
  const { width, height } = useTerminalSize();
  const [count, set] = useState(0);
  setCount = set;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round">
      <Text color="green">
        size {width}x{height}
      </Text>
      <Text>
        count <Text bold>{count}</Text> 界 done
      </Text>
    </Box>
  );
}

test("frames drawn through the screen stream show as Ink lays them out, before and after a resize", async () => {
  const terminal = new Terminal(30, 6);
  const screen = createScreenStream(terminal as unknown as NodeJS.WriteStream);
  const app = render(<App />, { stdout: screen.stream, patchConsole: false, exitOnCtrlC: false });
  try {
    assert.equal(
      await terminal.screen(),
      [
        "╭────────────────────────────╮",
        "│size 30x6                   │",
        "│count 0 界 done             │",
        "│                            │",
        "│                            │",
        "╰────────────────────────────╯",
      ].join("\n"),
    );
    const before = terminal.written.length;
    setCount(1);
    assert.match(await terminal.screen(), /│count 1 界 done {13}│/);
    // The one changed cell, not the frame: a cursor move, the bold on and off, inside a
    // synchronized update.
    assert.ok(
      terminal.written.length - before < 40,
      `${terminal.written.length - before} bytes for one cell`,
    );

    terminal.resize(24, 4);
    assert.equal(
      await terminal.screen(),
      [
        "╭──────────────────────╮",
        "│size 24x4             │",
        "│count 1 界 done       │",
        "╰──────────────────────╯",
      ].join("\n"),
    );
  } finally {
    app.unmount();
    screen.dispose();
  }
});
