// The room inside a pane's frame, and the text area of the log and details panes: what a pane draws
// into and what scrolling and search jumps measure against, so the keys and the panes agree.
import type { TextGeometry } from "./textView.js";

/** The rows inside a frame of this outer height: the border takes two, the title one. */
export function paneBodyHeight(height: number): number {
  return Math.max(1, height - 3);
}

/** The cells inside a frame of this outer width. */
export function paneBodyWidth(width: number): number {
  return Math.max(1, width - 2);
}

/** The log pane's status line and notice line above the text. */
const logStatusRows = 2;

/** The text area of a log pane of this outer size. */
export function logGeometry(width: number, height: number, wrap: boolean): TextGeometry {
  return { width: paneBodyWidth(width), height: Math.max(1, paneBodyHeight(height) - logStatusRows), wrap };
}

/** The text area of a details pane of this outer size: all of its body, always wrapped. */
export function detailsGeometry(width: number, height: number): TextGeometry {
  return { width: paneBodyWidth(width), height: paneBodyHeight(height), wrap: true };
}
