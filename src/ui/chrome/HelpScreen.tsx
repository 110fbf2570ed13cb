import { Box, Text } from "ink";
import type { HelpSection } from "../../model/keymap/keyHelp.js";
import { resolveStyle } from "../../model/theme/theme.js";
import type { ThemeToken } from "../../model/theme/themeTokens.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";

export interface HelpLine {
  keys: string;
  text: string;
  token: ThemeToken;
}

/** The help as lines: a title per category, then each command's keys, what it does and where. */
export function helpLines(sections: readonly HelpSection[]): HelpLine[] {
  return sections.flatMap((section) => [
    { keys: "", text: section.title, token: "pane.title.focused" as ThemeToken },
    ...section.rows.map((row) => ({
      keys: row.keys.length > 0 ? row.keys.join(" ") : "(unbound)",
      text: `${row.description}${row.where === "everywhere" ? "" : ` [${row.where}]`}`,
      token: "hint.text" as ThemeToken,
    })),
  ]);
}

/** The footer while the help shows. */
export const helpFooterHints = [
  { key: "esc", hint: "close" },
  { key: "↑/↓", hint: "scroll" },
];

export interface HelpScreenProps {
  lines: readonly HelpLine[];
  offset: number;
  readOnly: boolean;
  width: number;
  height: number;
}

/** Every key as bound for this user, from the same table as the footer and the README. */
export function HelpScreen({ lines, offset, readOnly, width, height }: HelpScreenProps) {
  const theme = useTheme();
  const rows = Math.max(1, height - 3);
  const start = Math.max(0, Math.min(offset, lines.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="bold" overflow="hidden">
      <Text {...resolveStyle(theme, "pane.title.focused")} wrap="truncate">
        {`Help: keys as bound for you${readOnly ? " (read-only: actions that change Azure are off)" : ""} · ${start + 1}-${Math.min(lines.length, start + rows)} of ${lines.length}`}
      </Text>
      {lines.slice(start, start + rows).map((line, index) => (
        <Text key={start + index} wrap="truncate">
          {line.keys === "" ? (
            <Text {...resolveStyle(theme, line.token)}>{line.text}</Text>
          ) : (
            <>
              <Text {...resolveStyle(theme, "hint.key")}>{`  ${cell(line.keys, 18)} `}</Text>
              <Text {...resolveStyle(theme, line.token)}>{line.text}</Text>
            </>
          )}
        </Text>
      ))}
    </Box>
  );
}
