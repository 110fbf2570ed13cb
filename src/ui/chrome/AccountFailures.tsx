import { Text } from "ink";
import { memo } from "react";
import { resolveStyle } from "../../model/theme/theme.js";
import { useTheme } from "../theme/ThemeContext.js";

export interface AccountFailuresProps {
  /** From accountFailureSummary: already sanitised. */
  text: string;
  /** "1h": how far back failures count. */
  window: string;
  /**
   * The last hour's failures per bucket from Log Analytics (activity runs and Batch tasks) and
   * their total, "··▁▃█▅ 37"; absent without a workspace.
   */
  strip?: string;
  /** The key that jumps to the failed tasks, as the keymap binds it; absent when unbound. */
  jumpKey?: string;
}

/**
 * The line under the header: where the account is failing, across every job, as `batchtop snapshot`
 * says it, and the key that opens those tasks. Drawn only while some task failed.
 */
function AccountFailuresView({ text, window, strip, jumpKey }: AccountFailuresProps) {
  const theme = useTheme();
  // The key comes before the jobs, so a long list cut at the edge still shows how to open it.
  return (
    <Text wrap="truncate">
      <Text {...resolveStyle(theme, "status.error")}>{`✗ failed in the last ${window}`}</Text>
      {strip ? <Text {...resolveStyle(theme, "status.error")}>{` ${strip}`}</Text> : null}
      <Text {...resolveStyle(theme, "text.muted")}>{jumpKey ? ` (<${jumpKey}> shows them)` : ""}: </Text>
      <Text {...resolveStyle(theme, "text.primary")}>{text}</Text>
    </Text>
  );
}

/** Drawn again only when its own text changes, not on every clock tick. */
export const AccountFailures = memo(AccountFailuresView);
