// The identity doctor's repairs, one key each: in `:doctor` (and a pool's details) `I` opens the
// attach dialog pre-filled with the verdict's identity and `C` the cycle of its pool; j and k choose
// the verdict when the pane shows every pool. A grant is never run: the pane shows its command whole.
import { detailsGeometry } from "../../model/views/paneGeometry.js";
import { doctorPane } from "../../model/views/doctorLines.js";
import { scrollText } from "../../model/views/textView.js";
import { openCycleDialog } from "./cycleKeys.js";
import { doctorTarget } from "./doctorTarget.js";
import { openAttachIdentityDialog } from "./identityKeys.js";
import { type KeyContext, info } from "./keyContext.js";

const notYet = "the doctor has no verdict to act on yet";

/** `I` in the doctor: the verdict's attach, pre-filled; a pool without one gets the picker, as `I` on it does. */
export function attachFromDoctor(ctx: KeyContext): void {
  const target = doctorTarget(ctx);
  if (!target) return info(ctx, notYet);
  const attach = target.verdict?.fix.find((fix) => fix.kind === "attach");
  openAttachIdentityDialog(ctx, target.poolId, attach?.identityResourceId);
}

/** `C` in the doctor: the cycle of the verdict's pool, planned and confirmed like `C` on the pool. */
export function cycleFromDoctor(ctx: KeyContext): void {
  const target = doctorTarget(ctx);
  if (!target) return info(ctx, notYet);
  openCycleDialog(ctx, target.poolId);
}

/**
 * j or k in `:doctor all`: the next or previous pool's verdict, its first line brought to the top of
 * the pane (with the blank line above it). Returns false where there is no verdict to move to, so the
 * key scrolls as in any details pane.
 */
export function moveVerdict(ctx: KeyContext, step: 1 | -1): boolean {
  const target = ctx.ui.details;
  if (ctx.ui.focused !== "details" || target?.pane !== "doctor" || target.poolId !== undefined) return false;
  const pane = doctorPane(target, ctx.snapshot.doctor);
  const at = pane.blocks.findIndex((block) => block.poolId === pane.selected?.poolId);
  const next = pane.blocks[at + step];
  // Past the last pool the key scrolls on, down to the account's check.
  if (!next || at === -1) return false;
  const placement = ctx.placements.get("details");
  const anchor = { line: Math.max(0, next.start - 1), row: 0 };
  ctx.dispatch({
    type: "selectVerdict",
    poolId: next.poolId,
    // Kept within the text, as any scroll is: the last verdicts cannot go above the pane's bottom.
    anchor: placement
      ? scrollText(pane.lines, detailsGeometry(placement.width, placement.height), anchor, 0)
      : anchor,
  });
  return true;
}
