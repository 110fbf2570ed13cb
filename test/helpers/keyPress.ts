import type { KeyPress } from "../../src/model/keymap/keyNames.js";

/** A key press as Ink reports it with nothing held: tests set only what the key is. */
export function keyPress(extra: Partial<KeyPress> = {}): KeyPress {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageUp: false,
    pageDown: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    tab: false,
    shift: false,
    ctrl: false,
    meta: false,
    backspace: false,
    delete: false,
    ...extra,
  };
}
