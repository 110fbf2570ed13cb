// I: attach a user-assigned identity to a pool. The picker (read through ARM when it opens), its
// keys, and the way to the confirmation dialog; the doctor opens it pre-filled with one key.
import type { Key } from "ink";
import {
  attachIdentityPlan,
  checkIdentityResourceId,
  detachIdentityPlan,
  pickerRows,
  type IdentityCatalogue,
  type PlannedChange,
} from "../../model/actions/identityPlan.js";
import { errorMessage } from "../../model/errorMessage.js";
import { keyNameOf } from "../../model/keymap/keyNames.js";
import { editText } from "../../model/keymap/textEdit.js";
import type { IdentityPicker } from "../../model/navigation/uiState.js";
import { attemptOf, readOnlyReason, refuse } from "./actionKeys.js";
import { type KeyContext, info } from "./keyContext.js";

/** Each opening of the picker is numbered, so a slow read that answers after Esc opens nothing. */
let openings = 0;

/** The picker as the keys last left it, if it is still this opening's. */
function livePicker(ctx: KeyContext, opened: number): IdentityPicker | undefined {
  const dialog = ctx.ui.dialog;
  return dialog?.kind === "identity-picker" && dialog.opened === opened ? dialog : undefined;
}

/** A plan to the confirmation dialog (Cancel focused), or refused with why, in the journal too. */
function confirmOrRefuse(ctx: KeyContext, planned: PlannedChange): void {
  if ("problem" in planned) {
    ctx.dispatch({ type: "dialog", dialog: undefined });
    return refuse(ctx, attemptOf(ctx, "pool.attachIdentity"), planned.problem);
  }
  ctx.dispatch({ type: "dialog", dialog: { kind: "confirm", plan: planned.plan, focus: 0 } });
}

/**
 * `I` on a pool, or the doctor's "attach <identity>": reads the pool's identities and the account's
 * through ARM, then shows the picker, or with `identityResourceId` goes straight to the confirmation.
 * Nothing is sent before Apply.
 */
export function openAttachIdentityDialog(ctx: KeyContext, poolId: string, identityResourceId?: string): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, "pool.attachIdentity"), readOnlyReason(ctx, "attaching identities"));
  const source = ctx.services.poolIdentities;
  if (!source)
    return refuse(
      ctx,
      attemptOf(ctx, "pool.attachIdentity"),
      "pool identities are set through ARM: give batchtop the account's subscription and resource group",
    );
  if (identityResourceId !== undefined) {
    const checked = checkIdentityResourceId(identityResourceId);
    if ("problem" in checked) return refuse(ctx, attemptOf(ctx, "pool.attachIdentity"), checked.problem);
  }
  openings += 1;
  const opened = openings;
  ctx.dispatch({
    type: "dialog",
    dialog: {
      kind: "identity-picker",
      poolId,
      opened,
      filtering: false,
      filter: "",
      selected: 0,
      typedId: "",
      focus: 0,
    },
  });
  source.catalogue(poolId).then(
    (catalogue) => {
      const picker = livePicker(ctx, opened);
      if (!picker) return;
      if (identityResourceId !== undefined)
        return confirmOrRefuse(ctx, attachIdentityPlan(poolId, catalogue.poolIdentities, identityResourceId));
      ctx.dispatch({ type: "dialog", dialog: { ...picker, catalogue } });
    },
    (error: unknown) => {
      const picker = livePicker(ctx, opened);
      if (picker) ctx.dispatch({ type: "dialog", dialog: { ...picker, loadError: errorMessage(error) } });
    },
  );
}

/** The row count of the picker: the identities shown, then the resource id field. */
function rowCount(picker: IdentityPicker, catalogue: IdentityCatalogue): number {
  return pickerRows(catalogue, picker.filter).length + 1;
}

/** A paste of a resource id lands in the id field wherever the picker is: that is what was meant. */
const looksLikeResourceIdPaste = (input: string) =>
  [...input].length > 1 && /^\s*\/subscriptions\//i.test(input);

/**
 * Keys in the picker: the moves move the selection, `/` filters, Enter attaches the selected
 * identity (or checks the typed id), `x` removes the selected identity from the pool, Esc cancels.
 * On the resource id row, characters are typed into the id.
 */
export function handlePickerKey(ctx: KeyContext, input: string, key: Key): void {
  const picker = ctx.ui.dialog;
  if (picker?.kind !== "identity-picker") return;
  const update = (change: Partial<IdentityPicker>) => {
    const { problem: _problem, ...rest } = picker;
    ctx.dispatch({ type: "dialog", dialog: { ...rest, ...change } });
  };
  const name = keyNameOf(input, key);
  const dialogKey = ctx.keymap.resolve(name, "dialogs");
  const cancel = () => {
    ctx.dispatch({ type: "dialog", dialog: undefined });
    info(ctx, "cancelled: nothing was changed");
  };
  const catalogue = picker.catalogue;
  if (!catalogue) {
    // Still reading, or the read failed: only leaving makes sense.
    if (dialogKey.kind === "command" && dialogKey.command === "dialog.cancel") cancel();
    return;
  }
  const rows = pickerRows(catalogue, picker.filter);
  const idRow = rows.length;
  if (looksLikeResourceIdPaste(input))
    return update({ selected: idRow, typedId: input.trim(), filtering: false });
  // Keys that came in one read ("jjj" from key repeat over ssh) are typed into a field whole, and
  // are moves one by one elsewhere.
  if ([...input].length > 1 && !picker.filtering && picker.selected < idRow) {
    for (const character of input) handlePickerKey(ctx, character, key);
    return;
  }
  if (picker.filtering) {
    const edit = editText(picker.filter, input, key);
    if (edit.kind === "text") return update({ filter: edit.text, selected: 0 });
    if (edit.kind === "submit") return update({ filtering: false });
    if (edit.kind === "cancel") return update({ filtering: false, filter: "", selected: 0 });
    return;
  }
  const onIdRow = picker.selected >= idRow;
  // Up and down move on every row; j and k move only where they are not being typed.
  const move = onIdRow
    ? key.upArrow
      ? -1
      : key.downArrow
        ? 1
        : 0
    : (() => {
        const outcome = ctx.keymap.resolve(name, "global");
        if (outcome.kind !== "command") return 0;
        return outcome.command === "nav.up" ? -1 : outcome.command === "nav.down" ? 1 : 0;
      })();
  if (move !== 0) {
    const count = rowCount(picker, catalogue);
    return update({ selected: (picker.selected + move + count) % count });
  }
  if (dialogKey.kind === "command" && dialogKey.command === "dialog.cancel") return cancel();
  if (dialogKey.kind === "command" && dialogKey.command === "dialog.confirm") {
    if (onIdRow) {
      const checked = checkIdentityResourceId(picker.typedId);
      if ("problem" in checked)
        return ctx.dispatch({ type: "dialog", dialog: { ...picker, problem: checked.problem } });
      return confirmOrRefuse(
        ctx,
        attachIdentityPlan(picker.poolId, catalogue.poolIdentities, checked.resourceId),
      );
    }
    const row = rows[picker.selected];
    if (!row) return;
    if (row.onPool)
      return ctx.dispatch({
        type: "dialog",
        dialog: { ...picker, problem: `${row.name} is already on pool ${picker.poolId}; x removes it` },
      });
    return confirmOrRefuse(ctx, attachIdentityPlan(picker.poolId, catalogue.poolIdentities, row.resourceId));
  }
  if (onIdRow) {
    const edit = editText(picker.typedId, input, key);
    if (edit.kind === "text") update({ typedId: edit.text });
    return;
  }
  if (dialogKey.kind === "command" && dialogKey.command === "identity.remove") {
    const row = rows[picker.selected];
    if (!row) return;
    const planned = detachIdentityPlan(picker.poolId, catalogue.poolIdentities, row.resourceId);
    if ("problem" in planned)
      return ctx.dispatch({ type: "dialog", dialog: { ...picker, problem: planned.problem } });
    return ctx.dispatch({
      type: "dialog",
      dialog: { kind: "confirm", plan: planned.plan, focus: 0, typed: "" },
    });
  }
  const filterKey = ctx.keymap.resolve(name, "pools");
  if (filterKey.kind === "command" && filterKey.command === "mode.filter") update({ filtering: true });
}
