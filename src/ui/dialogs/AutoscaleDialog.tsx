import { Box, Text } from "ink";
import { autoScaleErrorLine, autoScaleResultLines, type AutoScaleRun } from "../../model/autoscale.js";
import type { AutoscaleDialog as AutoscaleDialogState } from "../../model/actions/autoscalePlan.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { PoolSummary } from "../../model/pools.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { Button, DialogFrame } from "./ActionDialog.js";

export interface AutoscaleDialogProps {
  dialog: AutoscaleDialogState;
  /** The pool as last polled: its last evaluation by the service. */
  pool?: PoolSummary;
  /** Apply is refused in read-only mode, and says so on its button. */
  readOnly: boolean;
  width: number;
  height: number;
}

/** A run's results (`name = value`) or its error, one line each, as Batch gave them. */
function runLines(run: AutoScaleRun): string[] {
  return run.error ? [`error: ${autoScaleErrorLine(run.error)}`] : autoScaleResultLines(run.results);
}

/**
 * `A`: the formula as one editable line, what the pool's own last evaluation said, and what the
 * operator's Evaluate of the text said. Cancel, Evaluate and Apply; nothing is sent before Apply and
 * its confirmation.
 */
export function AutoscaleDialog({ dialog, pool, readOnly, width, height }: AutoscaleDialogProps) {
  const theme = useTheme();
  const focus = dialogFocus(dialog);
  const line = (
    text: string,
    key: string,
    token: "text.primary" | "text.muted" | "dialog.danger" = "text.primary",
  ) => (
    // Wrapped, never cut: a formula must be read whole before it is applied.
    <Text key={key} {...resolveStyle(theme, token)}>
      {sanitizeInline(text)}
    </Text>
  );
  const lastRun = pool?.autoScale?.lastRun;
  const { evaluation } = dialog;
  const stale = evaluation !== undefined && evaluation.formula !== dialog.text.trim();
  return (
    <DialogFrame title={`Autoscale formula of pool ${dialog.poolId}`} width={width} height={height}>
      <Text>
        <Text {...resolveStyle(theme, focus === "formula" ? "input.prompt" : "text.primary")}>
          {focus === "formula" ? `[${sanitizeInline(dialog.text)}▏]` : `[${sanitizeInline(dialog.text)}]`}
        </Text>
      </Text>
      {line("statements are separated by ; — Enter moves on, Tab to Evaluate or Apply", "hint", "text.muted")}
      <Text> </Text>
      {lastRun
        ? [
            line(`the pool's last evaluation, ${lastRun.timestamp.toISOString()}:`, "last"),
            ...runLines(lastRun).map((text, index) =>
              line(`  ${text}`, `last-${index}`, lastRun.error ? "dialog.danger" : "text.primary"),
            ),
          ]
        : line("the pool has not been evaluated yet", "last")}
      <Text> </Text>
      {evaluation === undefined
        ? line(
            "Evaluate asks Batch what this formula would do now; it changes nothing",
            "evaluation",
            "text.muted",
          )
        : evaluation.state === "running"
          ? line("evaluating…", "evaluation")
          : evaluation.state === "failed"
            ? line(`could not evaluate: ${evaluation.error}`, "evaluation", "dialog.danger")
            : [
                line(
                  `Evaluate${stale ? " of an earlier text" : ""}, ${evaluation.run.timestamp.toISOString()}:`,
                  "evaluation",
                ),
                ...runLines(evaluation.run).map((text, index) =>
                  line(
                    `  ${text}`,
                    `evaluation-${index}`,
                    evaluation.run.error ? "dialog.danger" : "text.primary",
                  ),
                ),
              ]}
      <Text> </Text>
      <Box gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label="Evaluate" focused={focus === "evaluate"} />
        <Button label={readOnly ? "Apply (off: read-only)" : "Apply"} focused={focus === "apply"} />
      </Box>
    </DialogFrame>
  );
}
