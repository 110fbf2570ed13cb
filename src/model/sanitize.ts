/**
 * Makes text from outside (ids, service messages, task output) safe to draw: removes escape
 * sequences (CSI, OSC, DCS, APC, PM, SOS and lone ESC pairs), C0 and C1 control characters except tab,
 * and Unicode bidi overrides that could reorder what the operator reads. Ink strips only some of these.
 */
// Matching control characters is the point of this file.
/* eslint-disable no-control-regex */
const escapeSequence =
  // OSC/DCS/APC/PM/SOS strings end with BEL or ST; CSI ends with a final byte; other ESC pairs are two chars.
  /\u001b(?:[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\[[0-?]*[ -/]*[@-~]|[ -/]*[0-~]?)|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u009b[0-?]*[ -/]*[@-~]/g;
const controlCharacter = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
const bidiControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** For one-line fields: newlines become spaces. */
export function sanitizeInline(text: string): string {
  return text
    .replace(escapeSequence, "")
    .replace(/\r\n|\r|\n/g, " ")
    .replace(controlCharacter, "")
    .replace(bidiControl, "");
}

/** For multi-line text such as log lines: keeps line breaks, drops everything else that controls a terminal. */
export function sanitizeLines(text: string): string[] {
  return text
    .replace(escapeSequence, "")
    .split(/\r\n|\n/)
    .map((line) => line.replace(controlCharacter, "").replace(bidiControl, ""));
}
