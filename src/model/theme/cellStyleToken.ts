import type { CellStyle } from "../views/tableLayout.js";
import {
  allocationStateLook,
  jobStateLook,
  nodeStateLook,
  taskStateLooks,
  type TaskDisplayState,
} from "./stateGlyphs.js";
import { isThemeToken, type ThemeToken } from "./themeTokens.js";

/** The theme token a styled run of a table row is drawn with. */
export function cellStyleToken(style: CellStyle): ThemeToken {
  switch (style.kind) {
    case "nodeState":
      return nodeStateLook(style.state).token;
    case "allocationState":
      return allocationStateLook(style.state).token;
    case "jobState":
      return jobStateLook(style.state).token;
    case "taskState":
      return Object.hasOwn(taskStateLooks, style.state)
        ? taskStateLooks[style.state as TaskDisplayState].token
        : "text.muted";
    case "token":
      return isThemeToken(style.token) ? style.token : "text.primary";
  }
}
