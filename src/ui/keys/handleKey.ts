// Where every key press goes: a burst is split into its keys, then a dialog, a prompt, the help or
// the user's keymap takes it.
import type { Key } from "ink";
import { commands } from "../../model/keymap/commands.js";
import { looksLikeActivityRunId } from "../../model/keymap/findTarget.js";
import { keyNameOf } from "../../model/keymap/keyNames.js";
import { findAndLand } from "./findAndLand.js";
import type { KeyContext } from "./keyContext.js";
import { handleDialog, refuseReadOnly } from "./actionKeys.js";
import { handleRerunDialog } from "./rerunKeys.js";
import { handleCycleDialog, isCycleDialog, openCycleDialog } from "./cycleKeys.js";
import { handleAutoscaleDialog } from "./autoscaleKeys.js";
import { focusScope } from "../../model/navigation/focusScope.js";
import { handlePickerKey } from "./identityKeys.js";
import { handlePrompt } from "./promptKeys.js";
import { runCommand } from "./paneCommands.js";

/** How far a page key scrolls the help. */
const helpPage = 10;

/**
 * Keys while the help shows, as the user bound them: the moves scroll it; the help key, back and
 * quit close it (quit leaves the help rather than batchtop, as Esc does). The help covers every
 * pane, so its keys are the global ones.
 */
function handleHelp(ctx: KeyContext, input: string, key: Key): void {
  if (ctx.ui.input.kind !== "help") return;
  const outcome = ctx.keymap.resolve(keyNameOf(input, key), "global");
  if (outcome.kind !== "command") return;
  const offset = ctx.ui.input.offset;
  const last = Math.max(0, ctx.helpLength - 1);
  const scrollTo = (next: number) =>
    ctx.dispatch({ type: "input", input: { kind: "help", offset: Math.max(0, Math.min(last, next)) } });
  switch (outcome.command) {
    case "app.help":
    case "nav.back":
    case "app.quit":
      return ctx.dispatch({ type: "input", input: { kind: "panes" } });
    case "nav.down":
      return scrollTo(offset + 1);
    case "nav.up":
      return scrollTo(offset - 1);
    case "nav.pageDown":
      return scrollTo(offset + helpPage);
    case "nav.pageUp":
      return scrollTo(offset - helpPage);
    case "nav.top":
      return scrollTo(0);
    case "nav.bottom":
      return scrollTo(last);
    default:
      return;
  }
}

/**
 * Keys typed faster than the terminal is read (tmux send-keys, key repeat over ssh) arrive as one
 * chunk, "jjj" or "\t\t\r". Escape sequences are Ink's to split, and modified keys come alone.
 */
function isBurst(input: string, key: Key): boolean {
  return [...input].length > 1 && !key.ctrl && !key.meta && !input.includes("\u001b");
}

/** One character of a burst as the key press it stands for: Tab, Enter and Backspace by their names. */
function singleKey(character: string, burst: Key): Key {
  return {
    ...burst,
    shift: false,
    tab: character === "\t",
    return: character === "\r",
    backspace: character === "\b",
    delete: character === "\u007f",
  };
}

/** The keys a prompt acts on rather than types: Enter, Tab, Backspace (as BS or DEL). */
const promptControls = /([\r\t\b\u007f])/;

/** Every key press of the dashboard: prompts and help take keys first, then the user's keymap. */
export function handleKey(ctx: KeyContext, input: string, key: Key): void {
  const mode = ctx.ui.input.kind;
  // The identity picker takes typing too: a pasted resource id arrives whole.
  const picker = ctx.ui.dialog?.kind === "identity-picker";
  const inPrompt = mode === "command" || mode === "filter" || mode === "search" || picker;
  // A prompt takes a paste's text whole, but the Enter (or Tab) that came in the same read still
  // counts: `pools` and Enter arrive as one chunk from tmux send-keys, a script, or an SSH link that
  // coalesces keystrokes. After the Enter the prompt is gone, and the rest are the panes' keys.
  if (inPrompt && isBurst(input, key) && promptControls.test(input)) {
    for (const part of input.split(promptControls)) {
      if (part === "") continue;
      handleKey(ctx, part, promptControls.test(part) ? singleKey(part, key) : key);
    }
    return;
  }
  // Everywhere else a burst is its keys, one by one.
  if (!inPrompt && isBurst(input, key)) {
    // An activity run id pasted onto the panes is a `:find`: the alert's id is one paste from its log.
    if (!ctx.ui.dialog && mode === "panes" && looksLikeActivityRunId(input.trim())) {
      void findAndLand(ctx, input.trim());
      return;
    }
    for (const character of input) handleKey(ctx, character, singleKey(character, key));
    return;
  }
  const dialog = ctx.ui.dialog;
  if (picker) return handlePickerKey(ctx, input, key);
  if (dialog) {
    if (isCycleDialog(dialog)) return handleCycleDialog(ctx, dialog, input, key);
    if (dialog.kind === "rerun") return handleRerunDialog(ctx, dialog, input, key);
    if (dialog.kind === "autoscale") return handleAutoscaleDialog(ctx, dialog, input, key);
    return handleDialog(ctx, input, key);
  }
  if (inPrompt) return handlePrompt(ctx, input, key);
  if (mode === "help") return handleHelp(ctx, input, key);
  const name = keyNameOf(input, key);
  // "press C to cycle" on the flash line (after an identity change) means the pool it names,
  // whichever pane has the keys and wherever the selection has moved; the next key ends the offer.
  const offer = ctx.ui.flash?.cycleOffer;
  if (offer !== undefined) {
    const offered = ctx.keymap.resolve(name, "pools");
    if (offered.kind === "command" && offered.command === "pool.cycleNodes") {
      ctx.dispatch({ type: "flash", flash: undefined });
      return openCycleDialog(ctx, offer);
    }
  }
  const outcome = ctx.keymap.resolve(name, focusScope(ctx.ui));
  if (outcome.kind === "refused")
    return refuseReadOnly(ctx, outcome.command, commands[outcome.command].hint ?? outcome.command);
  if (outcome.kind === "command") {
    if (ctx.ui.flash) ctx.dispatch({ type: "flash", flash: undefined });
    runCommand(ctx, outcome.command);
  }
}
