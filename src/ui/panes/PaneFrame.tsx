import { Box, Text } from "ink";
import { memo, type ReactNode } from "react";
import { resolveStyle } from "../../model/theme/theme.js";
import { paneBodyWidth } from "../../model/views/paneGeometry.js";
import { truncateToWidth } from "../../model/views/textWidth.js";
import { cell } from "../format.js";
import { useFreshness, type FreshnessOf } from "../hooks/useFreshness.js";
import { useTheme } from "../theme/ThemeContext.js";

export interface PaneTitle {
  /** "Pools", "Nodes of etl-highmem-e8". */
  name: string;
  /** "12", "3 of 120". */
  count?: string;
  /** "row 1,204 of 52,000", when the list is longer than the pane: kept with the name, before the notes. */
  position?: string;
  /** Whose freshness the title shows ("every 2s", "stale 34s: …"), drawn by its own leaf. */
  freshness?: FreshnessOf;
  /** The last poll's error, in the service's words. */
  error?: string;
  /** Sort, filter, faults-only, follow: the pane's own settings, short. */
  notes?: readonly string[];
}

export interface PaneFrameProps {
  title: PaneTitle;
  focused: boolean;
  /** Outer size, border included. */
  width: number;
  height: number;
  children?: ReactNode;
}

function borderColor(color: string | undefined): { borderColor?: string } {
  return color === undefined ? {} : { borderColor: color };
}

/**
 * A pane's border and title line: name, count, age, settings and error. The focused pane is marked
 * three ways, so it shows without colour too: its border style, its title token and a "▸".
 */
export function PaneFrame({ title, focused, width, height, children }: PaneFrameProps) {
  const theme = useTheme();
  const inner = paneBodyWidth(width);
  const marker = focused ? (theme.glyphs === "unicode" ? "▸ " : "> ") : "  ";
  const count = title.count !== undefined ? ` (${title.count})` : "";
  const position = title.position ? ` · ${title.position}` : "";
  const head = `${marker}${title.name}${count}${position}`;
  const notes = title.notes && title.notes.length > 0 ? ` · ${title.notes.join(" · ")}` : "";
  const error = title.error ? ` · ${cell(title.error, inner).trimEnd()}` : "";
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={focused ? "bold" : "round"}
      {...borderColor(resolveStyle(theme, focused ? "pane.border.focused" : "pane.border").color)}
      // Only vertically: Text already fits the pane's width (truncated or wrapped to it), and a
      // horizontal clip makes Ink cut every line of the frame again (slice-ansi), a third of its work.
      overflowY="hidden"
    >
      <Text wrap="truncate">
        <Text {...resolveStyle(theme, focused ? "pane.title.focused" : "pane.title")}>
          {truncateToWidth(cell(head, inner).trimEnd(), inner)}
        </Text>
        <Text {...resolveStyle(theme, "pane.title")}>{notes}</Text>
        {title.freshness ? <TitleFreshness {...title.freshness} /> : null}
        <Text {...resolveStyle(theme, "status.error")}>{error}</Text>
      </Text>
      {children}
    </Box>
  );
}

/**
 * The title's freshness, a leaf of its own: the clock's beat re-renders it alone, and only when its
 * text changes (a stale pane counting seconds), never the pane around it.
 */
const TitleFreshness = memo(function TitleFreshness(of: FreshnessOf) {
  const theme = useTheme();
  const { text, stale } = useFreshness(of);
  return <Text {...resolveStyle(theme, stale ? "stale" : "pane.title")}>{` · ${text}`}</Text>;
});
