// Which pool the doctor's fix keys act on. Apart from doctorKeys.ts so the journal line of a refused
// key (actionKeys.ts) can name the same pool without an import cycle.
import type { Verdict } from "../../model/doctor/verdict.js";
import { focusScope } from "../../model/navigation/focusScope.js";
import { selectedVerdict } from "../../model/views/doctorLines.js";
import type { KeyContext } from "./keyContext.js";

/**
 * In `:doctor`, the verdict under the cursor; in a pool's details, that pool and its verdict (when
 * the doctor has answered for it). Undefined outside those, or before the doctor's first answer.
 */
export function doctorTarget(ctx: KeyContext): { poolId: string; verdict?: Verdict } | undefined {
  if (focusScope(ctx.ui) !== "doctor") return undefined;
  const target = ctx.ui.details;
  const report = ctx.snapshot.doctor.data;
  if (target?.pane === "doctor") return selectedVerdict(target, report);
  if (target?.pane !== "pools") return undefined;
  // A pool's details ask the doctor about that pool alone (usePollFocus).
  const verdict =
    ctx.snapshot.focus.doctor?.poolId === target.id
      ? report?.pools.find((pool) => pool.poolId === target.id)?.verdict
      : undefined;
  return { poolId: target.id, ...(verdict ? { verdict } : {}) };
}
