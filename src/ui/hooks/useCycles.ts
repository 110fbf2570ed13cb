import { useEffect, useSyncExternalStore, type Dispatch } from "react";
import type { CycleStatus, CycleTracker } from "../../actions/cycleTracker.js";
import { errorMessage } from "../../model/errorMessage.js";
import type { UiAction } from "../../model/navigation/uiReducer.js";

const none: ReadonlyMap<string, CycleStatus> = new Map();
const noCycles = () => none;
const noSubscription = () => () => {};

/**
 * The pools being cycled, for their rows and dialogs. At the start it reads the journal for cycles an
 * earlier session left unfinished and says so at once: a pool is never left at 0 nodes unannounced.
 * How each cycle ends comes to the flash line.
 */
export function useCycles(
  cycles: CycleTracker | undefined,
  dispatch: Dispatch<UiAction>,
): ReadonlyMap<string, CycleStatus> {
  const statuses = useSyncExternalStore(cycles?.subscribe ?? noSubscription, cycles?.getSnapshot ?? noCycles);
  useEffect(() => {
    if (!cycles) return;
    const stop = cycles.onNotice((notice) =>
      dispatch({ type: "flash", flash: { text: notice.text, kind: notice.kind } }),
    );
    cycles.loadUnfinished().then(
      (found) => {
        if (found.length === 0) return;
        const pools = found.map((cycle) => cycle.plan.poolId).join(", ");
        const text = `${found.length === 1 ? "pool" : "pools"} ${pools} left mid-cycle by an earlier session: C on it to finish or abandon`;
        dispatch({ type: "flash", flash: { text, kind: "error" } });
      },
      (error: unknown) =>
        dispatch({
          type: "flash",
          flash: { text: `unfinished cycles not checked: ${errorMessage(error)}`, kind: "error" },
        }),
    );
    return stop;
  }, [cycles, dispatch]);
  return statuses;
}
