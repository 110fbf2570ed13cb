import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { describePlan, rescalePlan, typedConfirmation } from "../../model/actions/actionPlan.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { Dialog } from "../../model/navigation/uiState.js";
import type { PoolSummary } from "../../model/pools.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";
import { DeallocationField } from "./DeallocationField.js";
import { deallocationOptions } from "../../model/actions/deallocation.js";
import { hasRunningTaskChoice, nodePlanOptions } from "../../model/actions/nodePlans.js";

export interface ActionDialogProps {
  dialog: Extract<Dialog, { kind: "rescale" | "confirm" }>;
  /** The pool a resize dialog is about, as last polled. */
  pool?: PoolSummary;
  width: number;
  height: number;
}

export function Button({ label, focused }: { label: string; focused: boolean }) {
  const theme = useTheme();
  // Focus shows by brackets as well as by colour: readable under NO_COLOR and on a monochrome screen.
  return (
    <Text {...resolveStyle(theme, focused ? "selection" : "text.primary")}>
      {focused ? `[ ${label} ]` : `  ${label}  `}
    </Text>
  );
}

/**
 * The confirmation for a change to Azure: what will change, from what to what, what could be lost,
 * and Cancel focused first. A resize asks for its targets in the same dialog and previews the plan
 * (or what is wrong with it) as they are typed.
 */
export function ActionDialog({ dialog, pool, width, height }: ActionDialogProps) {
  const theme = useTheme();
  const focus = dialogFocus(dialog);
  const planned =
    dialog.kind === "confirm"
      ? { plan: dialog.plan }
      : pool
        ? rescalePlan(pool, dialog.dedicated, dialog.spot, dialog.deallocation, dialog.timeout)
        : { problem: `pool ${dialog.poolId} is no longer in the account` };
  const description = "plan" in planned ? describePlan(planned.plan) : undefined;
  const confirmWord = "plan" in planned ? typedConfirmation(planned.plan) : undefined;
  const title = dialog.kind === "rescale" ? `Resize pool ${dialog.poolId}` : (description?.title ?? "");
  // What the pool has and what it is heading for: a resizing pool's target is not what it has.
  const field = (
    name: "dedicated" | "spot" | "timeout",
    label: string,
    value: string,
    now?: { current: number; target: number } | string,
  ) => (
    <Text>
      <Text {...resolveStyle(theme, "text.primary")}>{cell(label, 18)}</Text>
      <Text {...resolveStyle(theme, focus === name ? "input.prompt" : "text.primary")}>
        {focus === name ? `[${value}▏]` : `[${value}]`}
      </Text>
      <Text {...resolveStyle(theme, "text.muted")}>
        {now === undefined
          ? ""
          : typeof now === "string"
            ? `  ${now}`
            : `  now ${now.current}, target ${now.target}`}
      </Text>
    </Text>
  );
  return (
    <DialogFrame title={title} width={width} height={height}>
      {dialog.kind === "rescale" ? (
        <>
          {field(
            "dedicated",
            "Dedicated nodes",
            dialog.dedicated,
            pool && { current: pool.currentDedicatedNodes, target: pool.targetDedicatedNodes },
          )}
          {field(
            "spot",
            "Spot nodes",
            dialog.spot,
            pool && { current: pool.currentSpotNodes, target: pool.targetSpotNodes },
          )}
          <DeallocationField
            label="Removed nodes"
            options={deallocationOptions}
            value={dialog.deallocation}
            focused={focus === "deallocation"}
            labelWidth={18}
          />
          {field("timeout", "Timeout (min)", dialog.timeout, "empty: the service's 15 minutes; at least 5")}
          <Text> </Text>
        </>
      ) : null}
      {description ? (
        description.changes.map((change) => (
          // Wrapped, never cut: every word of what will change must be readable before Apply.
          <Text key={change} {...resolveStyle(theme, "text.primary")}>
            {`• ${sanitizeInline(change)}`}
          </Text>
        ))
      ) : (
        <Text {...resolveStyle(theme, "status.warning")}>{"problem" in planned ? planned.problem : ""}</Text>
      )}
      {description?.danger ? (
        <Text {...resolveStyle(theme, "dialog.danger")}>{`! ${description.danger}`}</Text>
      ) : null}
      {description?.note ? <Text {...resolveStyle(theme, "text.muted")}>{description.note}</Text> : null}
      {dialog.kind === "confirm" && hasRunningTaskChoice(dialog.plan) ? (
        <>
          <Text> </Text>
          <DeallocationField
            label="Running tasks"
            options={nodePlanOptions(dialog.plan)}
            value={dialog.plan.option}
            focused={focus === "deallocation"}
            labelWidth={18}
          />
        </>
      ) : null}
      {confirmWord !== undefined && dialog.kind === "confirm" ? (
        <>
          <Text> </Text>
          <Text>
            <Text {...resolveStyle(theme, "text.primary")}>{`Type ${confirmWord} to confirm `}</Text>
            <Text {...resolveStyle(theme, focus === "typed" ? "input.prompt" : "text.primary")}>
              {focus === "typed"
                ? `[${sanitizeInline(dialog.typed ?? "")}▏]`
                : `[${sanitizeInline(dialog.typed ?? "")}]`}
            </Text>
          </Text>
        </>
      ) : null}
      <Text> </Text>
      <Box gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label={description?.apply ?? "Apply"} focused={focus === "apply"} />
      </Box>
    </DialogFrame>
  );
}

/** The dialogs' box: centred, double border, the title and a blank line above what the dialog says. */
export function DialogFrame({
  title,
  width,
  height,
  children,
}: {
  title: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  const theme = useTheme();
  const inner = dialogInnerWidth(width);
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
        <Text {...resolveStyle(theme, "dialog.title")}>{cell(title, inner).trimEnd()}</Text>
        <Text> </Text>
        {children}
      </Box>
    </Box>
  );
}

export const dialogInnerWidth = (width: number) => Math.max(20, Math.min(width, 100) - 4);
