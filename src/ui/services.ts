// What the dashboard needs from outside besides the store. Its own file, so the key handlers and the
// CLI that builds it depend on the contract rather than on the Dashboard component.
import type { ActionRunner } from "../actions/actionRunner.js";
import type { AttemptLog } from "../actions/attemptLog.js";
import type { CycleTracker } from "../actions/cycleTracker.js";
import type { PoolIdentities } from "../actions/poolIdentities.js";
import type { RecoveryCheck } from "../actions/recoveryCheck.js";
import type { AutoScaleRun } from "../model/autoscale.js";
import type { Theme } from "../model/theme/theme.js";

/** Themes to switch to, where logs go, and (outside read-only mode) what sends actions. */
export interface DashboardServices {
  /** The theme names `:theme` offers, and how to load one (already checked, NO_COLOR applied). */
  themes: { names: readonly string[]; load(name: string): Promise<Theme> };
  /** Writes a log under $XDG_STATE_HOME/batchtop/ and returns the path it wrote, as shown to the user. */
  saveLog(name: string, lines: readonly string[]): Promise<string>;
  /** Sends confirmed actions; absent in read-only mode, where nothing may be sent. */
  actions?: ActionRunner;
  /** Every attempt and how it ended, in the audit journal `:audit` shows; in read-only mode too. */
  attempts?: AttemptLog;
  /** Node cycles: running, and unfinished ones found in the journal (shown in read-only mode too). */
  cycles?: CycleTracker;
  /**
   * Batch's evaluateautoscale, for `A`'s Evaluate: what a formula would do, changing nothing, so it
   * is here in read-only mode too.
   */
  autoScale?: { evaluate(poolId: string, formula: string): Promise<AutoScaleRun> };
  /** What `I` offers for a pool, read through ARM; absent without pool management. */
  poolIdentities?: Pick<PoolIdentities, "catalogue">;
  /** What `R` checks before offering a recovery run; absent when no run API is reachable. */
  recoveries?: RecoveryCheck;
}
