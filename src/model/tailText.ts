import { sanitizeLines } from "./sanitize.js";

export interface TailTextOptions {
  /** Lines kept for display; older ones are dropped. */
  maxLines?: number;
  /** A line longer than this is broken, so a file without line breaks cannot grow the buffer. */
  maxLineChars?: number;
}

const defaultMaxLines = 5_000;
const defaultMaxLineChars = 16_384;

/**
 * Turns a file's bytes, arriving in arbitrary pieces, into the last lines of text, safe to draw.
 * A UTF-8 sequence split between two reads is carried over (the decoder streams), and a line is
 * sanitised only once it is complete, so an escape sequence split between reads is removed whole.
 */
export class TailText {
  private readonly maxLines: number;
  private readonly maxLineChars: number;
  private decoder = new TextDecoder("utf-8");
  private complete: string[] = [];
  private pending = "";
  private skipToLineEnd = false;
  private snapshot: readonly string[] | undefined;

  constructor(options: TailTextOptions = {}) {
    this.maxLines = options.maxLines ?? defaultMaxLines;
    this.maxLineChars = options.maxLineChars ?? defaultMaxLineChars;
  }

  push(bytes: Uint8Array): void {
    let text = this.decoder.decode(bytes, { stream: true });
    if (this.skipToLineEnd) {
      const lineEnd = text.indexOf("\n");
      if (lineEnd === -1) return;
      text = text.slice(lineEnd + 1);
      this.skipToLineEnd = false;
    }
    const parts = (this.pending + text).split("\n");
    this.pending = parts.pop() ?? "";
    for (const line of parts) this.addLine(line);
    while (this.pending.length > this.maxLineChars) {
      const cut = this.breakPoint(this.pending);
      this.addLine(this.pending.slice(0, cut));
      this.pending = this.pending.slice(cut);
    }
    this.trim();
  }

  /** Forgets everything: the file was truncated or created again, or another copy is read. */
  reset(): void {
    this.decoder = new TextDecoder("utf-8");
    this.complete = [];
    this.pending = "";
    this.skipToLineEnd = false;
    this.snapshot = undefined;
  }

  /**
   * The next bytes do not follow the previous ones (reading starts mid-file, or a burst was
   * skipped): the text up to the next line break is a fragment, possibly starting mid-character,
   * and is dropped along with the unfinished line before the gap.
   */
  resumeAfterGap(): void {
    this.decoder = new TextDecoder("utf-8");
    this.pending = "";
    this.skipToLineEnd = true;
  }

  /** Complete lines, oldest first, at most `maxLines`. */
  get lines(): readonly string[] {
    this.snapshot ??= this.complete.slice(-this.maxLines);
    return this.snapshot;
  }

  /** The last line while it has no line break yet (a progress message, or output still buffered). */
  get partialLine(): string {
    return sanitizeLines(this.pending)[0] ?? "";
  }

  private addLine(raw: string): void {
    // Without "\n" inside, sanitizeLines yields one line; it also drops the "\r" of a CRLF ending.
    this.complete.push(sanitizeLines(raw)[0] ?? "");
    this.snapshot = undefined;
  }

  /** Where to break an overlong line without splitting a UTF-16 surrogate pair. */
  private breakPoint(text: string): number {
    const code = text.charCodeAt(this.maxLineChars - 1);
    return code >= 0xd800 && code <= 0xdbff ? this.maxLineChars - 1 : this.maxLineChars;
  }

  /** Drops old lines in batches, so a busy log does not shift the whole array on every line. */
  private trim(): void {
    const slack = Math.max(64, Math.floor(this.maxLines / 4));
    if (this.complete.length > this.maxLines + slack) {
      this.complete.splice(0, this.complete.length - this.maxLines);
    }
  }
}
