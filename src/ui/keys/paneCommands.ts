// A named command from the keymap, run in the focused pane.
import { openAutoscaleDialog } from "./autoscaleKeys.js";
import { type CommandId } from "../../model/keymap/commands.js";
import { isListPane, nextSort, sortLabels } from "../../model/navigation/listSorts.js";
import { logGeometry } from "../../model/views/paneGeometry.js";
import { bottomAnchor, textTop } from "../../model/views/textView.js";
import { type KeyContext, info, selected } from "./keyContext.js";
import { listMoves, moveList, moveLog, moveDetails, drillDown, cycleFocus } from "./navigation.js";
import { openActionDialog } from "./actionKeys.js";
import { openRerunDialog, toggleTaskMark } from "./rerunKeys.js";
import { openCycleDialog } from "./cycleKeys.js";
import { openNodeAction, openStopResize, toggleNodeMark } from "./nodeKeys.js";
import { openAttachIdentityDialog } from "./identityKeys.js";
import { attachFromDoctor, cycleFromDoctor, moveVerdict } from "./doctorKeys.js";
import { focusScope } from "../../model/navigation/focusScope.js";
import { searchStep, saveLog } from "./logKeys.js";
import { showFailedTasks } from "./failureKeys.js";
import { landFromDetailsRow, moveDetailsRow } from "./detailsRowKeys.js";
import { showAccountRuns } from "./commandRunner.js";
import { openTerminate } from "./terminateKeys.js";
import { closeEvents, cycleRange, moveBucket, moveEvent, openTimeline } from "./timelineKeys.js";

/** One named command, pressed in the focused pane. */
export function runCommand(ctx: KeyContext, command: CommandId): void {
  const { ui, dispatch } = ctx;
  const pane = ui.focused;
  const move = listMoves[command];
  if ((move === "down" || move === "up") && moveVerdict(ctx, move === "down" ? 1 : -1)) return;
  if (move && moveDetailsRow(ctx, move)) return;
  if ((move === "down" || move === "up") && moveEvent(ctx, move === "down" ? 1 : -1)) return;
  if (move) {
    if (isListPane(pane)) moveList(ctx, pane, move);
    else if (pane === "log") moveLog(ctx, move);
    else if (pane === "details") moveDetails(ctx, move);
    return;
  }
  switch (command) {
    case "nav.drillDown":
      if (landFromDetailsRow(ctx)) return;
      return drillDown(ctx);
    case "nav.back":
      if (closeEvents(ctx)) return;
      return dispatch({ type: "back" });
    case "timeline.earlier":
      return moveBucket(ctx, -1);
    case "timeline.later":
      return moveBucket(ctx, 1);
    case "timeline.range":
      return cycleRange(ctx);
    case "timeline.open":
      return openTimeline(ctx);
    case "focus.next":
      return cycleFocus(ctx, 1);
    case "focus.previous":
      return cycleFocus(ctx, -1);
    case "mode.command":
      return dispatch({ type: "input", input: { kind: "command", text: "", candidates: [] } });
    case "mode.filter":
      if (isListPane(pane)) {
        const before = ui.lists[pane].filter;
        dispatch({ type: "input", input: { kind: "filter", pane, text: before, before } });
      }
      return;
    case "view.faultsOnly":
      if (isListPane(pane)) dispatch({ type: "toggleFaults", pane });
      return;
    case "view.sort":
      if (isListPane(pane)) {
        dispatch({ type: "cycleSort", pane });
        info(ctx, `${pane} sorted by ${sortLabels[nextSort(pane, ui.lists[pane].sort)]}`);
      }
      return;
    case "nodes.sortByTimeInState":
      return dispatch({
        type: "sort",
        pane: "nodes",
        sort: ui.lists.nodes.sort === "timeInState" ? "state" : "timeInState",
      });
    case "nodes.startTaskLog": {
      const pool = selected(ctx, "pools")?.id;
      const node = selected(ctx, "nodes")?.id;
      if (!pool || !node) return info(ctx, "select a node to read its start task output");
      return dispatch({ type: "startTaskLog", poolId: pool, nodeId: node });
    }
    case "view.failedTasks":
      return showFailedTasks(ctx);
    case "runs.widen":
      if (ui.details?.pane !== "runs")
        return info(ctx, "a widens :runs to every activity run of the workspace");
      void showAccountRuns(ctx, []);
      return;
    case "view.details": {
      if (!isListPane(pane)) return;
      const id = selected(ctx, pane)?.id;
      if (id === undefined) info(ctx, "nothing selected to show");
      else dispatch({ type: "details", target: { pane, id } });
      return;
    }
    case "log.toggleStream":
      return dispatch({
        type: "log",
        change: { stream: ui.log.stream === "stdout" ? "stderr" : "stdout", follow: true, anchor: textTop },
      });
    case "log.follow": {
      const placement = ctx.placements.get("log");
      // Pausing keeps the view where it is rather than jumping to the top.
      const anchor =
        ui.log.follow && placement
          ? bottomAnchor(ctx.lines, logGeometry(placement.width, placement.height, ui.log.wrap))
          : ui.log.anchor;
      return dispatch({ type: "log", change: { follow: !ui.log.follow, anchor } });
    }
    case "log.wrap":
      return dispatch({ type: "log", change: { wrap: !ui.log.wrap } });
    case "log.search":
      return dispatch({ type: "input", input: { kind: "search", text: ui.log.search?.query.text ?? "" } });
    case "log.searchNext":
      return searchStep(ctx, 1);
    case "log.searchPrevious":
      return searchStep(ctx, -1);
    case "log.save":
      void saveLog(ctx);
      return;
    case "pool.rescale":
      return openActionDialog(ctx, command);
    case "task.rerun":
      return openRerunDialog(ctx);
    case "tasks.mark":
      return toggleTaskMark(ctx);
    case "tasks.clearMarks":
      if (ctx.ui.taskMarks) info(ctx, "task marks cleared");
      return dispatch({ type: "clearTaskMarks" });
    case "task.terminate":
      return openTerminate(ctx);
    case "pool.stopResize":
      return openStopResize(ctx);
    case "pool.autoscale":
      return openAutoscaleDialog(ctx);
    case "node.disableScheduling":
    case "node.enableScheduling":
    case "node.remove":
    case "node.reimage":
    case "node.reboot":
      return openNodeAction(ctx, command);
    case "nodes.mark":
      return toggleNodeMark(ctx);
    case "nodes.clearMarks":
      if (ctx.ui.nodeMarks) info(ctx, "node marks cleared");
      return dispatch({ type: "clearNodeMarks" });
    case "pool.attachIdentity": {
      if (focusScope(ui) === "doctor") return attachFromDoctor(ctx);
      const pool = selected(ctx, "pools")?.id;
      if (!pool) return info(ctx, "select a pool to attach an identity to");
      return openAttachIdentityDialog(ctx, pool);
    }
    case "pool.cycleNodes":
      if (focusScope(ui) === "doctor") return cycleFromDoctor(ctx);
      return openCycleDialog(ctx, selected(ctx, "pools")?.id);
    case "app.help":
      return dispatch({ type: "input", input: { kind: "help", offset: 0 } });
    case "app.refresh":
      ctx.store.refresh({ fullResync: true });
      return info(ctx, "polling now");
    case "app.quit":
      return ctx.exit();
    default:
      return;
  }
}
