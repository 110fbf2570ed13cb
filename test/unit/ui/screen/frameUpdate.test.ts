import { test } from "node:test";
import assert from "node:assert/strict";
import xterm from "@xterm/headless";
import { frameUpdate, type WrittenFrame } from "../../../../src/ui/screen/frameUpdate.js";

// The screen stream sends only changed cells; a terminal shown those must end up showing exactly
// what it shows when every frame is written whole. Both are checked on xterm.js, cell by cell,
// colours included, over frames with wide, emoji and combining characters.

const columns = 40;
const rows = 8;
const size = { columns, rows };

function emulator() {
  return new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
}

function write(terminal: xterm.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

/** Every cell of the screen: its character, width and colours, as a user would see them. */
function screenOf(terminal: xterm.Terminal): string[] {
  const buffer = terminal.buffer.active;
  const cells: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const line = buffer.getLine(row);
    for (let column = 0; column < columns; column += 1) {
      const cell = line?.getCell(column);
      cells.push(
        cell
          ? `${row}:${column} ${JSON.stringify(cell.getChars())} w${cell.getWidth()} fg${cell.getFgColor()} bg${cell.getBgColor()} b${cell.isBold()} d${cell.isDim()} u${cell.isUnderline()} i${cell.isInverse()}`
          : `${row}:${column} none`,
      );
    }
  }
  return cells;
}

/** A whole frame on a cleared screen, as Ink writes it without the screen stream. */
function wholeFrame(lines: readonly string[]): string {
  return `\u001b[H\u001b[2J${lines.join("\r\n")}`;
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const characters = ["a", "b", "7", " ", "-", "│", "●", "…", "中", "界", "😀", "é", "e\u0301"];
/** Styles as Ink's output writes them: each opened and closed by its own code, or by a reset. */
const styles: [open: string, close: string][] = [
  ["", ""],
  ["\u001b[1m", "\u001b[22m"],
  ["\u001b[2m", "\u001b[22m"],
  ["\u001b[31m", "\u001b[39m"],
  ["\u001b[42m", "\u001b[49m"],
  ["\u001b[7m", "\u001b[27m"],
  ["\u001b[38;5;208m", "\u001b[39m"],
  ["\u001b[1;4m", "\u001b[0m"],
  ["\u001b[48;2;10;20;30m", "\u001b[49m"],
];

/**
 * A line as Ink writes it: runs of styled text, at most `columns` wide, sometimes all inside an
 * outer background that the runs' own codes add to and take from.
 */
function randomLine(next: () => number): string {
  let line = "";
  let width = 0;
  const target = Math.floor(next() * columns);
  while (width < target) {
    const [open, close] = styles[Math.floor(next() * styles.length)]!;
    let run = "";
    for (let count = 1 + Math.floor(next() * 6); count > 0 && width < target; count -= 1) {
      const picked = characters[Math.floor(next() * characters.length)]!;
      // A wide character that would pass the line's end becomes a narrow one, as Ink cuts it.
      const wide = /[中界😀]/u.test(picked);
      const character = wide && width + 2 > target ? "a" : picked;
      run += character;
      width += character === picked && wide ? 2 : 1;
    }
    line += `${open}${run}${close}`;
  }
  return next() < 0.3 ? `\u001b[44m${line}\u001b[49m` : line;
}

/** The next frame: most lines kept, some replaced, some cut short, the frame sometimes shorter. */
function nextFrame(previous: readonly string[], next: () => number): string[] {
  const height = next() < 0.1 ? rows - 2 : rows;
  return Array.from({ length: height }, (_, row) => {
    const line = previous[row] ?? "";
    const roll = next();
    if (roll < 0.55) return line;
    // A small change inside the text ("a" and "b" never appear in an escape code).
    if (roll < 0.7) return line.replace("a", "x").replace("b", "y");
    return randomLine(next);
  });
}

test("changed cells alone leave the terminal exactly as whole frames do, over 300 random frames", async () => {
  for (const seed of [1, 2, 3]) {
    const next = random(seed);
    const diffed = emulator();
    const whole = emulator();
    let written: WrittenFrame | undefined;
    let lines: string[] = [];
    for (let step = 0; step < 100; step += 1) {
      lines = nextFrame(lines, next);
      const update = frameUpdate(written, lines, size);
      written = update.frame;
      await write(diffed, update.bytes);
      await write(whole, wholeFrame(lines));
      assert.deepEqual(
        screenOf(diffed),
        screenOf(whole),
        `seed ${seed}, frame ${step}:\n${lines.join("\n")}`,
      );
    }
    diffed.dispose();
    whole.dispose();
  }
});

test("a frame that changed one age writes a few bytes, not the row or the screen", () => {
  const before = Array.from({ length: rows }, (_, row) => `\u001b[1mtask-${row}\u001b[22m running   31s`);
  const after = before.map((line, row) => (row === 3 ? line.replace("31s", "32s") : line));
  const first = frameUpdate(undefined, before, size);
  const update = frameUpdate(first.frame, after, size);
  assert.equal(update.bytes, "\u001b[4;19H2");
  assert.equal(frameUpdate(update.frame, after, size).bytes, "", "an unchanged frame writes nothing");
});

test("a row whose width terminals may disagree on is written from its first change to its end", () => {
  const first = frameUpdate(undefined, ["ok 😀 step 1 of 9"], size);
  const update = frameUpdate(first.frame, ["ok 😀 step 2 of 9"], size);
  // From the emoji on, since a terminal may draw it one cell wide or two.
  assert.equal(update.bytes, "\u001b[1;4H😀 step 2 of 9\u001b[K");
});

test("a frame laid out for a wider, taller terminal is cut to the screen, never wrapped", async () => {
  const terminal = emulator();
  const wide = Array.from({ length: rows + 3 }, (_, row) => `${String(row).padEnd(columns - 1, "-")}界|tail`);
  const update = frameUpdate(undefined, wide, size);
  await write(terminal, update.bytes);
  const shown = Array.from({ length: rows }, (_, row) =>
    terminal.buffer.active.getLine(row)?.translateToString(true),
  );
  // The wide character at the last column does not fit: a space stands in its place.
  assert.deepEqual(
    shown,
    wide.slice(0, rows).map((line) => `${line.slice(0, columns - 1)} `),
  );
  terminal.dispose();
});
