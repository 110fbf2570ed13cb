import { Box, Text } from "ink";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";

/** What shows instead of the panes when the terminal is below the usable minimum. */
export function TooSmall({ notice }: { notice: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text {...resolveStyle(theme, "status.warning")}>{`batchtop: terminal ${notice}`}</Text>
      <Text {...resolveStyle(theme, "text.muted")} wrap="truncate">
        make the window larger, or press q to quit
      </Text>
    </Box>
  );
}
