import { Text } from "ink";
import type { AccountBadge } from "../../model/freshness.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { resolveStyle } from "../../model/theme/theme.js";
import type { ThemeToken } from "../../model/theme/themeTokens.js";
import { useAccountBadge, useFreshness, type FreshnessOf } from "../hooks/useFreshness.js";
import { useTheme } from "../theme/ThemeContext.js";
import { cell } from "../format.js";

/** Who and where: what the header says besides freshness. */
export interface HeaderInfo {
  /** The account's name. */
  account: string;
  /** From the endpoint (`<account>.<region>.batch.azure.com`), when it says. */
  region?: string;
  subscription?: string;
  profile?: string;
  /** Set in read-only mode: who turned it on ("policy /etc/batchtop/policy.json", "--read-only"). */
  readOnlySource?: string;
}

export interface HeaderProps {
  info: HeaderInfo;
  /** Whose freshness the header shows (the overview's): "every 2s", "stale 34s: 429 throttled, …". */
  freshness: FreshnessOf;
  /** What the source of the data reported about itself, e.g. "demo account stopped (exit 1): …". */
  notice?: string;
  width: number;
}

const badgeTokens: Record<AccountBadge, ThemeToken> = {
  UNREACHABLE: "badge.error",
  THROTTLED: "badge.throttled",
  "BACKING OFF": "status.warning",
};

/**
 * One line: account, region, subscription, profile, the READ-ONLY badge, the account's trouble (
 * UNREACHABLE, THROTTLED for 429/503 only, or BACKING OFF), a notice from the data's source, and how
 * fresh it all is. The badge and the freshness follow the clock: the line re-renders when they change.
 */
export function Header({ info, freshness: of, notice, width }: HeaderProps) {
  const theme = useTheme();
  const freshness = useFreshness(of);
  const badge = useAccountBadge();
  const where = [
    info.account,
    info.region,
    info.subscription ? `sub ${info.subscription}` : undefined,
    info.profile ? `profile ${info.profile}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join(" · ");
  return (
    <Text wrap="truncate">
      <Text {...resolveStyle(theme, "text.accent")}>batchtop </Text>
      <Text {...resolveStyle(theme, "text.primary")}>{cell(where, Math.max(10, width - 60)).trimEnd()}</Text>
      {info.readOnlySource !== undefined ? (
        <Text
          {...resolveStyle(theme, "badge.readOnly")}
        >{` READ-ONLY (${cell(info.readOnlySource, 40).trimEnd()}) `}</Text>
      ) : null}
      {badge ? <Text {...resolveStyle(theme, badgeTokens[badge])}>{` ${badge} `}</Text> : null}
      {notice ? (
        <Text
          {...resolveStyle(theme, "status.error")}
        >{` ${cell(sanitizeInline(notice), width).trimEnd()}`}</Text>
      ) : null}
      <Text
        {...resolveStyle(theme, freshness.stale ? "stale" : "text.muted")}
      >{` ${cell(freshness.text, width).trimEnd()}`}</Text>
    </Text>
  );
}

/**
 * The region in a Batch endpoint: the label before `batch.azure.com`, as in
 * https://acct.westeurope.batch.azure.com or https://acct.privatelink.westeurope.batch.azure.com.
 */
export function regionOf(endpoint: string): string | undefined {
  try {
    const labels = new URL(endpoint).hostname.split(".");
    return labels.length >= 5 && labels.slice(-3).join(".") === "batch.azure.com" ? labels.at(-4) : undefined;
  } catch {
    return undefined;
  }
}
