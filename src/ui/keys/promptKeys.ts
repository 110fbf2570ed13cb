// The prompts at the foot of the screen: the `:` line (edited and completed here, run by
// commandRunner), `/` filters applied as they are typed, and the log search.
import type { Key } from "ink";
import { completeCommandLine } from "../../model/keymap/commandLine.js";
import { editText } from "../../model/keymap/textEdit.js";
import { runCommandLine } from "./commandRunner.js";
import { type KeyContext, info } from "./keyContext.js";
import { startSearch } from "./logKeys.js";

/** A key typed into whichever prompt is open. */
export function handlePrompt(ctx: KeyContext, input: string, key: Key): void {
  const mode = ctx.ui.input;
  const edit = editText(
    mode.kind === "command" || mode.kind === "filter" || mode.kind === "search" ? mode.text : "",
    input,
    key,
  );
  const panes = () => ctx.dispatch({ type: "input", input: { kind: "panes" } });
  if (mode.kind === "command") {
    if (edit.kind === "text")
      ctx.dispatch({ type: "input", input: { ...mode, text: edit.text, candidates: [] } });
    else if (edit.kind === "cancel") panes();
    else if (edit.kind === "complete") {
      const completion = completeCommandLine(mode.text, { themes: ctx.services.themes.names });
      ctx.dispatch({
        type: "input",
        input: { kind: "command", text: completion.line, candidates: completion.candidates },
      });
    } else if (edit.kind === "submit") {
      panes();
      runCommandLine(ctx, mode.text);
    }
  } else if (mode.kind === "filter") {
    // The filter applies as it is typed, as in k9s; Esc puts back what was there before.
    if (edit.kind === "text") {
      ctx.dispatch({ type: "input", input: { ...mode, text: edit.text } });
      ctx.dispatch({ type: "filter", pane: mode.pane, text: edit.text });
      ctx.dispatch({ type: "select", pane: mode.pane, id: undefined, offset: 0 });
    } else if (edit.kind === "cancel") {
      ctx.dispatch({ type: "filter", pane: mode.pane, text: mode.before });
      panes();
    } else if (edit.kind === "submit") {
      panes();
      const notice = ctx.data[mode.pane].filterNotice;
      if (notice) info(ctx, notice);
    }
  } else if (mode.kind === "search") {
    if (edit.kind === "text") ctx.dispatch({ type: "input", input: { ...mode, text: edit.text } });
    else if (edit.kind === "cancel") panes();
    else if (edit.kind === "submit") {
      panes();
      startSearch(ctx, mode.text);
    }
  }
}
