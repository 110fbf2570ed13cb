import { Box, Text } from "ink";
import { pickerRows } from "../../model/actions/identityPlan.js";
import type { FooterHint } from "../../model/keymap/keyHelp.js";
import type { CommandId } from "../../model/keymap/commands.js";
import type { Keymap } from "../../model/keymap/keymap.js";
import { keyLabel } from "../../model/keymap/keyNames.js";
import type { IdentityPicker } from "../../model/navigation/uiState.js";
import { identityName } from "../../model/pools.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";

export interface IdentityPickerDialogProps {
  picker: IdentityPicker;
  width: number;
  height: number;
}

/** The footer while the picker is open: its own keys, as the user bound them. */
export function pickerHints(keymap: Keymap): FooterHint[] {
  const hint = (command: CommandId, words: string): FooterHint[] => {
    const key = keymap.keysOf(command)[0];
    return key === undefined ? [] : [{ key: keyLabel(key), hint: words, command }];
  };
  return [
    ...hint("nav.down", "move"),
    ...hint("mode.filter", "filter"),
    ...hint("dialog.confirm", "attach"),
    ...hint("identity.remove", "remove"),
    ...hint("dialog.cancel", "cancel"),
  ];
}

/** The end of a long typed id, where the typing happens, rather than its start. */
function typedTail(text: string, room: number): string {
  return text.length <= room ? text : `…${text.slice(text.length - room + 1)}`;
}

/** Lines the picker needs besides its rows: title, the pool's set, blank lines, the wrapped reason and problem, filter, border. */
const chromeLines = 13;

/**
 * `I`'s picker: the user-assigned identities the caller may list, each marked where it already
 * plays a part, and a last row to type or paste a resource id. Identity names and marks come from
 * ARM, so they are neutralised before display.
 */
export function IdentityPickerDialog({ picker, width, height }: IdentityPickerDialogProps) {
  const theme = useTheme();
  const inner = Math.max(20, Math.min(width, 120) - 4);
  const catalogue = picker.catalogue;
  const rows = catalogue ? pickerRows(catalogue, picker.filter) : [];
  const visible = Math.max(1, height - chromeLines);
  // The rows around the selection; the id row (one past the last identity) counts as a row.
  const first = Math.max(0, Math.min(picker.selected - visible + 2, rows.length + 1 - visible));
  const shown = rows.slice(first, first + visible - 1);
  const nameWidth = Math.min(32, Math.max(8, ...rows.map((row) => row.name.length)) + 2);
  const groupWidth = Math.min(24, Math.max(6, ...rows.map((row) => row.resourceGroup.length)) + 2);
  const onIdRow = catalogue !== undefined && picker.selected >= rows.length;
  const line = (text: string, token: Parameters<typeof resolveStyle>[1] = "text.primary") => (
    <Text {...resolveStyle(theme, token)}>{cell(sanitizeInline(text), inner).trimEnd()}</Text>
  );
  // What is wrong, and why there is no list, are read in full: wrapped, never cut.
  const wrapped = (text: string, token: Parameters<typeof resolveStyle>[1]) => (
    <Text {...resolveStyle(theme, token)}>{sanitizeInline(text)}</Text>
  );
  const body = () => {
    if (picker.loadError)
      return wrapped(`could not read the pool's identities: ${picker.loadError}`, "status.error");
    if (!catalogue) return line(`reading pool ${picker.poolId}'s identities through ARM…`, "text.muted");
    const current = catalogue.poolIdentities.map(identityName);
    return (
      <>
        {wrapped(
          `On the pool now: ${current.length > 0 ? current.join(", ") : "no user-assigned identity"}`,
          "text.primary",
        )}
        <Text> </Text>
        {shown.map((row, index) => {
          const at = first + index;
          const text =
            `${at === picker.selected ? ">" : " "} ${cell(row.name, nameWidth)}${cell(row.resourceGroup, groupWidth)}` +
            row.marks.join(" · ");
          return (
            <Text
              key={row.resourceId}
              {...resolveStyle(theme, at === picker.selected ? "selection" : "text.primary")}
            >
              {cell(sanitizeInline(text), inner).trimEnd()}
            </Text>
          );
        })}
        {catalogue.unlisted
          ? wrapped(`${catalogue.unlisted}: paste the identity's resource id below`, "status.warning")
          : null}
        {catalogue.identities && rows.length === 0
          ? line(`no identity matches "${picker.filter}"`, "text.muted")
          : null}
        <Text {...resolveStyle(theme, onIdRow ? "input.prompt" : "text.primary")}>
          {cell(
            `${onIdRow ? ">" : " "} resource id: [${typedTail(sanitizeInline(picker.typedId), inner - 20)}${onIdRow ? "▏" : ""}]`,
            inner,
          ).trimEnd()}
        </Text>
        <Text> </Text>
        {picker.problem ? wrapped(picker.problem, "status.warning") : null}
        {picker.filtering || picker.filter !== ""
          ? line(`filter: ${picker.filter}${picker.filtering ? "▏" : ""}`, "input.prompt")
          : null}
      </>
    );
  };
  return (
    <Box flexDirection="column" width={width} height={height} alignItems="center" justifyContent="center">
      <Box
        flexDirection="column"
        width={inner + 4}
        borderStyle="double"
        paddingX={1}
        {...(resolveStyle(theme, "dialog.border").color
          ? { borderColor: resolveStyle(theme, "dialog.border").color }
          : {})}
      >
        {line(`Attach an identity to pool ${picker.poolId}`, "dialog.title")}
        <Text> </Text>
        {body()}
      </Box>
    </Box>
  );
}
