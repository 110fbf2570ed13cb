import { Text } from "ink";
import { fitFooterHints, type FooterHint } from "../../model/keymap/keyHelp.js";
import type { Flash, InputMode } from "../../model/navigation/uiState.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";

export interface FooterProps {
  hints: readonly FooterHint[];
  input: InputMode;
  flash?: Flash;
  width: number;
}

/** What is being typed after `:`, `/` or a log search, with a cursor. */
function Prompt({ sign, text, after }: { sign: string; text: string; after?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text {...resolveStyle(theme, "input.prompt")}>{`${sign}${cell(text, 200).trimEnd()}▏`}</Text>
      {after ? <Text {...resolveStyle(theme, "input.completion")}>{`  ${after}`}</Text> : null}
    </Text>
  );
}

/**
 * Two lines: the keys of the focused pane (or the prompt being typed), and the flash line for
 * results and errors.
 */
export function Footer({ hints, input, flash, width }: FooterProps) {
  const theme = useTheme();
  let first;
  if (input.kind === "command")
    first = <Prompt sign=":" text={input.text} after={input.candidates.slice(0, 12).join("  ")} />;
  else if (input.kind === "filter")
    first = <Prompt sign="/" text={input.text} after="Enter keeps it · Esc drops it · a leading ! inverts" />;
  else if (input.kind === "search")
    first = <Prompt sign="search /" text={input.text} after="Enter searches · Esc cancels" />;
  else
    first = (
      <Text wrap="truncate">
        {fitFooterHints(hints, width).map((hint) => (
          <Text key={`${hint.key}${hint.hint}`}>
            <Text {...resolveStyle(theme, "hint.key")}>{`<${hint.key}>`}</Text>
            <Text {...resolveStyle(theme, "hint.text")}>{` ${hint.hint}  `}</Text>
          </Text>
        ))}
      </Text>
    );
  return (
    <>
      {first}
      <Text
        {...resolveStyle(theme, flash?.kind === "error" ? "status.error" : "status.info")}
        wrap="truncate"
      >
        {flash ? cell(flash.text, width).trimEnd() : " "}
      </Text>
    </>
  );
}
