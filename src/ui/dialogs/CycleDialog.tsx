import { Box, Text } from "ink";
import type { CycleStatus } from "../../actions/cycleTracker.js";
import { cycleNeedsTypedId, describeCyclePlan } from "../../model/actions/cyclePlan.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { Dialog } from "../../model/navigation/uiState.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";
import { Button, DialogFrame } from "./ActionDialog.js";
import { DeallocationField } from "./DeallocationField.js";
import { deallocationOptions } from "../../model/actions/deallocation.js";

export interface CycleDialogProps {
  dialog: Extract<Dialog, { kind: "cycle" | "cycle-unfinished" }>;
  /** The cycles as the tracker has them: where an unfinished one stopped. */
  cycles: ReadonlyMap<string, CycleStatus>;
  width: number;
  height: number;
}

/**
 * The plan of a node cycle (its steps, how it is sent, what becomes of running tasks) with Cancel
 * focused; or, for a cycle left unfinished, where it stopped and the choice to finish or abandon it.
 */
export function CycleDialog({ dialog, cycles, width, height }: CycleDialogProps) {
  const theme = useTheme();
  const focus = dialogFocus(dialog);
  const line = (text: string, key: string) => (
    // Wrapped, never cut: the formula and every step must be readable before Cycle.
    <Text key={key} {...resolveStyle(theme, "text.primary")}>
      {sanitizeInline(text)}
    </Text>
  );
  if (dialog.kind === "cycle-unfinished") {
    const status = cycles.get(dialog.poolId);
    const unfinished = status?.kind === "unfinished" ? status.unfinished : undefined;
    return (
      <DialogFrame title={`Unfinished cycle of pool ${dialog.poolId}`} width={width} height={height}>
        {unfinished ? (
          <>
            {line(`begun ${unfinished.time}; ${status?.kind === "unfinished" ? status.reason : ""}`, "when")}
            {line(
              `finish: ${unfinished.upSent ? "wait until the pool is back" : unfinished.downSettled ? "scale back" : "wait until steady at 0, then scale back"} to dedicated ${unfinished.plan.targets.dedicated}, spot ${unfinished.plan.targets.spot}${unfinished.plan.autoscale ? " (autoscale back on with its formula)" : ""}`,
              "finish",
            )}
            {line("abandon: leave the pool as it is now; the journal records it", "abandon")}
          </>
        ) : (
          line("the cycle is no longer unfinished", "gone")
        )}
        <Text> </Text>
        <Box gap={2}>
          <Button label="Cancel" focused={focus === "cancel"} />
          <Button label="Abandon" focused={focus === "abandon"} />
          <Button label="Finish" focused={focus === "finish"} />
        </Box>
      </DialogFrame>
    );
  }
  const { plan } = dialog;
  const description = describeCyclePlan(plan);
  const typedField = (value: string) => (
    <Text>
      <Text {...resolveStyle(theme, "text.primary")}>{cell("Type the pool id", 20)}</Text>
      <Text {...resolveStyle(theme, focus === "typed" ? "input.prompt" : "text.primary")}>
        {focus === "typed" ? `[${value}▏]` : `[${value}]`}
      </Text>
      <Text {...resolveStyle(theme, "text.muted")}>{`  ${plan.poolId}`}</Text>
    </Text>
  );
  return (
    <DialogFrame title={description.title} width={width} height={height}>
      {description.changes.map((change) => line(`• ${change}`, change))}
      {description.danger ? (
        <Text {...resolveStyle(theme, "dialog.danger")}>{`! ${description.danger}`}</Text>
      ) : null}
      <Text> </Text>
      <DeallocationField
        label="Nodes leave by"
        options={deallocationOptions}
        value={plan.deallocation}
        focused={focus === "deallocation"}
        labelWidth={20}
      />
      {cycleNeedsTypedId(plan) ? typedField(dialog.typed) : null}
      <Text> </Text>
      <Box gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label={description.apply} focused={focus === "apply"} />
      </Box>
    </DialogFrame>
  );
}
