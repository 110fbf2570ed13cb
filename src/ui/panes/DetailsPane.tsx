import { Text } from "ink";
import { memo } from "react";
import { resolveStyle } from "../../model/theme/theme.js";
import type { ThemeToken } from "../../model/theme/themeTokens.js";
import { detailsGeometry } from "../../model/views/paneGeometry.js";
import { textWindow, type TextAnchor } from "../../model/views/textView.js";
import { useTheme } from "../theme/ThemeContext.js";
import { PaneFrame } from "./PaneFrame.js";

export interface DetailsPaneProps {
  /** "pool etl-highmem-e8", or undefined before `d` was pressed. */
  subject?: string;
  lines: readonly string[];
  anchor: TextAnchor;
  focused: boolean;
  width: number;
  height: number;
}

/** A pretty-printed JSON line split into key, value and punctuation runs. */
interface Run {
  text: string;
  token: ThemeToken;
}

function jsonRuns(text: string): Run[] {
  const match = /^(\s*)("(?:[^"\\]|\\.)*":\s)?(.*)$/.exec(text);
  if (!match) return [{ text, token: "text.primary" }];
  const [, indent = "", key = "", rest = ""] = match;
  const value = rest.replace(/,$/, "");
  const comma = rest.length > value.length ? "," : "";
  const token: ThemeToken = value.startsWith('"')
    ? "json.string"
    : /^-?\d/.test(value)
      ? "json.number"
      : /^(true|false|null)$/.test(value)
        ? "json.literal"
        : "text.primary";
  const runs: Run[] = [
    { text: indent, token: "text.primary" },
    { text: key, token: "json.key" },
    { text: value, token },
    { text: comma, token: "text.primary" },
  ];
  return runs.filter((run) => run.text.length > 0);
}

/** The object selected where `d` was pressed, as formatted JSON, live and scrollable. */
function DetailsPaneView({ subject, lines, anchor, focused, width, height }: DetailsPaneProps) {
  const theme = useTheme();
  const window = textWindow(lines, detailsGeometry(width, height), anchor, false);
  return (
    <PaneFrame
      title={{
        name: subject ? `Details of ${subject}` : "Details",
        ...(lines.length > 0 ? { count: `${lines.length} lines` } : {}),
      }}
      focused={focused}
      width={width}
      height={height}
    >
      {subject === undefined ? (
        <Text {...resolveStyle(theme, "text.muted")} wrap="truncate">
          press d on a pool, node, job or task to see it whole
        </Text>
      ) : (
        window.rows.map((range, index) => {
          const text = (lines[range.line] ?? "").slice(range.start, range.end);
          // Only a line's first row carries its key; wrapped continuations are the value.
          const runs = range.start === 0 ? jsonRuns(text) : [{ text, token: "json.string" } satisfies Run];
          return (
            <Text key={index} wrap="truncate">
              {runs.map((run, runIndex) => (
                <Text key={runIndex} {...resolveStyle(theme, run.token)}>
                  {run.text}
                </Text>
              ))}
            </Text>
          );
        })
      )}
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const DetailsPane = memo(DetailsPaneView);
