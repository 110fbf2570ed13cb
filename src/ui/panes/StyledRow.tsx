import { Text } from "ink";
import type { ReactElement } from "react";
import { cellStyleToken } from "../../model/theme/cellStyleToken.js";
import { resolveStyle } from "../../model/theme/theme.js";
import type { ThemeToken } from "../../model/theme/themeTokens.js";
import type { FormattedRow } from "../../model/views/tableLayout.js";
import { useTheme } from "../theme/ThemeContext.js";

export interface StyledRowProps {
  row: FormattedRow;
  /** The selected row is drawn whole in the selection style (inverse video under NO_COLOR). */
  selection?: "focused" | "unfocused";
  base?: ThemeToken;
}

/** One pre-formatted table row: its text as is, with the marked runs (states, error codes) styled. */
export function StyledRow({ row, selection, base = "text.primary" }: StyledRowProps) {
  const theme = useTheme();
  if (selection) {
    return (
      <Text
        {...resolveStyle(theme, selection === "focused" ? "selection" : "selection.inactive")}
        wrap="truncate"
      >
        {row.text}
      </Text>
    );
  }
  const parts: ReactElement[] = [];
  let position = 0;
  for (const [index, mark] of row.marks.entries()) {
    if (mark.start > position)
      parts.push(<Text key={`p${index}`}>{row.text.slice(position, mark.start)}</Text>);
    parts.push(
      <Text key={`m${index}`} {...resolveStyle(theme, cellStyleToken(mark.style))}>
        {row.text.slice(mark.start, mark.end)}
      </Text>,
    );
    position = mark.end;
  }
  if (position < row.text.length) parts.push(<Text key="rest">{row.text.slice(position)}</Text>);
  return (
    <Text {...resolveStyle(theme, base)} wrap="truncate">
      {parts}
    </Text>
  );
}
