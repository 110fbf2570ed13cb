import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { describePlan, type PlanDescription } from "../../model/actions/actionPlan.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { RerunDialog as RerunDialogState } from "../../model/navigation/uiState.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { Button, DialogFrame } from "./ActionDialog.js";

export interface RerunDialogProps {
  dialog: RerunDialogState;
  width: number;
  height: number;
}

/** One of the two re-runs: its radio line, then what it does (or why it is not offered). */
function Choice({
  label,
  chosen,
  focused,
  description,
  absent,
  children,
}: {
  children?: ReactNode;
  label: string;
  chosen: boolean;
  focused: boolean;
  description?: PlanDescription;
  absent?: string;
}) {
  const theme = useTheme();
  const mark = chosen ? "(•)" : "( )";
  return (
    <>
      <Text {...resolveStyle(theme, chosen && focused ? "input.prompt" : "text.primary")}>
        {`${mark} ${label}`}
      </Text>
      {/* Indented as a block, so a wrapped line stays under its choice. */}
      <Box flexDirection="column" paddingLeft={4}>
        {absent !== undefined ? (
          <Text {...resolveStyle(theme, "status.warning")}>{`not offered: ${sanitizeInline(absent)}`}</Text>
        ) : null}
        {description?.changes.map((change) => (
          // Wrapped, never cut: every word of what will happen must be readable before Apply.
          <Text key={change} {...resolveStyle(theme, "text.primary")}>
            {`• ${sanitizeInline(change)}`}
          </Text>
        ))}
        {description?.danger ? (
          <Text {...resolveStyle(theme, "dialog.danger")}>{`! ${description.danger}`}</Text>
        ) : null}
        {description?.note ? <Text {...resolveStyle(theme, "text.muted")}>{description.note}</Text> : null}
        {children}
      </Box>
    </>
  );
}

/**
 * R: the two re-runs side by side, each saying what it does. The recovery run is offered once the
 * pipeline runs' hosts said it can be recovered; until then it says it is asking, and where batchtop
 * cannot tell which pipeline run owns a task it says why it is absent.
 */
export function RerunDialog({ dialog, width, height }: RerunDialogProps) {
  const theme = useTheme();
  const focus = dialogFocus(dialog);
  const { recovery, reactivate } = dialog;
  const recoveryDescription = recovery.state === "ready" ? describePlan(recovery.plan) : undefined;
  const reactivateDescription = "plan" in reactivate ? describePlan(reactivate.plan) : undefined;
  const count = dialog.taskIds.length;
  const title =
    count === 1 ? `Re-run task ${dialog.taskIds[0]}` : `Re-run ${count} marked tasks of job ${dialog.jobId}`;
  const chosen = dialog.choice === "recovery" ? recoveryDescription : reactivateDescription;
  return (
    <DialogFrame title={title} width={width} height={height}>
      <Choice
        label={
          count === 1
            ? "Re-run the pipeline from the failed activity"
            : "Re-run their pipelines from the failed activities"
        }
        chosen={dialog.choice === "recovery"}
        focused={focus === "choice"}
        {...(recoveryDescription ? { description: recoveryDescription } : {})}
        {...(recovery.state === "absent" ? { absent: recovery.reason } : {})}
      >
        {recovery.state === "checking" ? (
          <Text {...resolveStyle(theme, "text.muted")}>
            asking the factory or workspace whether the pipeline run can be recovered…
          </Text>
        ) : null}
        {recovery.state === "ready"
          ? recovery.leftOut.map((line) => (
              <Text key={line} {...resolveStyle(theme, "status.warning")}>
                {`left alone: ${sanitizeInline(line)}`}
              </Text>
            ))
          : null}
      </Choice>
      <Text> </Text>
      <Choice
        label={count === 1 ? "Reactivate the Batch task" : "Reactivate the Batch tasks"}
        chosen={dialog.choice === "reactivate"}
        focused={focus === "choice"}
        {...(reactivateDescription ? { description: reactivateDescription } : {})}
        {...("problem" in reactivate ? { absent: reactivate.problem } : {})}
      />
      <Text> </Text>
      <Text {...resolveStyle(theme, "text.muted")}>
        {focus === "choice" ? "↑ ↓ to choose, Tab to the buttons" : "Tab to the choice, ↑ ↓ to choose"}
      </Text>
      <Box gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label={chosen?.apply ?? "Apply"} focused={focus === "apply"} />
      </Box>
    </DialogFrame>
  );
}
