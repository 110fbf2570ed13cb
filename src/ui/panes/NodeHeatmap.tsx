import { Box, Text } from "ink";
import { useMemo } from "react";
import type { NodeSummary } from "../../model/nodes.js";
import { nodeStateLook, stateSymbol } from "../../model/theme/stateGlyphs.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { nodeHeatmap, type HeatmapCell } from "../../model/views/nodeHeatmap.js";
import { formatCount } from "../../model/views/numberFormat.js";
import { useTheme } from "../theme/ThemeContext.js";

export interface NodeHeatmapProps {
  nodes: readonly NodeSummary[];
  width: number;
  /** Grid rows at most; the legend takes one more. */
  maxRows: number;
}

/** Runs of cells in one state, so a 40-cell row is a handful of `<Text>`s, not forty. */
function runsOf(cells: readonly HeatmapCell[]): { state: string; count: number }[] {
  const runs: { state: string; count: number }[] = [];
  for (const cell of cells) {
    const last = runs.at(-1);
    if (last?.state === cell.state) last.count += 1;
    else runs.push({ state: cell.state, count: 1 });
  }
  return runs;
}

/**
 * One cell per node, trouble first, coloured by state and drawn with the state's symbol, and a
 * legend with each state's word and count: readable without colour too.
 */
export function NodeHeatmap({ nodes, width, maxRows }: NodeHeatmapProps) {
  const theme = useTheme();
  // Cells are two wide ("● "), so the grid reads as cells rather than a solid bar.
  const perRow = Math.max(1, Math.floor(width / 2));
  const heatmap = useMemo(() => nodeHeatmap(nodes, perRow), [nodes, perRow]);
  const shown = heatmap.rows.slice(0, Math.max(1, maxRows));
  const hidden = nodes.length - shown.reduce((sum, row) => sum + row.length, 0);
  return (
    <Box flexDirection="column">
      {shown.map((row, index) => (
        <Text key={index} wrap="truncate">
          {runsOf(row).map((run, runIndex) => {
            const look = nodeStateLook(run.state);
            return (
              <Text key={runIndex} {...resolveStyle(theme, look.token)}>
                {`${stateSymbol(look, theme.glyphs)} `.repeat(run.count)}
              </Text>
            );
          })}
        </Text>
      ))}
      <Text wrap="truncate">
        {heatmap.legend.map((entry) => {
          const look = nodeStateLook(entry.state);
          return (
            <Text key={entry.state}>
              <Text {...resolveStyle(theme, look.token)}>{stateSymbol(look, theme.glyphs)}</Text>
              <Text
                {...resolveStyle(theme, "heatmap.legend")}
              >{` ${look.word} ${formatCount(entry.count)}  `}</Text>
            </Text>
          );
        })}
        {hidden > 0 ? (
          <Text {...resolveStyle(theme, "text.muted")}>{`(+${formatCount(hidden)} not drawn)`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}
