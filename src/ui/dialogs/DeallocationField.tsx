import { Text } from "ink";
import { deallocationEffects } from "../../model/actions/deallocation.js";
import type { NodeDeallocationOption } from "../../model/pools.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";

export interface DeallocationFieldProps {
  label: string;
  options: readonly NodeDeallocationOption[];
  value: NodeDeallocationOption;
  focused: boolean;
  labelWidth: number;
}

/**
 * What becomes of running tasks, chosen with ← → (or space): the field, and while it has focus one
 * line on each option, the chosen one marked. The resize, the node cycle and the node actions all
 * draw it, so the options read the same everywhere.
 */
export function DeallocationField({ label, options, value, focused, labelWidth }: DeallocationFieldProps) {
  const theme = useTheme();
  return (
    <>
      <Text>
        <Text {...resolveStyle(theme, "text.primary")}>{cell(label, labelWidth)}</Text>
        <Text {...resolveStyle(theme, focused ? "input.prompt" : "text.primary")}>
          {focused ? `[${value}▏]` : `[${value}]`}
        </Text>
        <Text {...resolveStyle(theme, "text.muted")}>{"  ← → to change"}</Text>
      </Text>
      {focused
        ? options.map((option) => (
            <Text key={option} {...resolveStyle(theme, option === value ? "text.primary" : "text.muted")}>
              {`${option === value ? "▸" : " "} ${option}: ${deallocationEffects[option]}`}
            </Text>
          ))
        : null}
    </>
  );
}
