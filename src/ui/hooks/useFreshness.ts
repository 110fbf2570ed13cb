import { createContext, useContext } from "react";
import { accountBadge, describeFreshness, type AccountBadge, type Freshness } from "../../model/freshness.js";
import type { ResourceKey } from "../../store/dashboardSnapshot.js";
import type { DashboardSnapshot, DashboardStore } from "../../store/dashboardStore.js";
import { useClockValue } from "./useClock.js";

/**
 * The dashboard's store, for the texts that read its newest snapshot themselves. The store does not
 * wake the screen for a poll that only moved `fetchedAt` (nothing else on screen changed); the
 * freshness texts read it on every beat of the clock, so a pane whose polls go on succeeding never
 * turns stale, and one whose polls stop turns stale the second it passes the threshold. They hear
 * the store too: an error or a 429 shows the moment it is published.
 */
export type LiveSnapshot = Pick<DashboardStore, "subscribe" | "getSnapshot">;
export const LiveSnapshotContext = createContext<LiveSnapshot | undefined>(undefined);

/** Which resource a freshness text is about, and how often it is polled. */
export interface FreshnessOf {
  resource: ResourceKey;
  intervalMs: number;
  /** The account's throttle speaks for this resource too (Batch data-plane panes). */
  throttled: boolean;
}

function useLiveSnapshot(): LiveSnapshot {
  const live = useContext(LiveSnapshotContext);
  if (!live) throw new Error("freshness is drawn inside the dashboard, which provides the live snapshot");
  return live;
}

function freshnessAt(snapshot: DashboardSnapshot, of: FreshnessOf, now: number): Freshness {
  const resource = snapshot[of.resource];
  return describeFreshness({
    ...(resource.fetchedAt !== undefined ? { fetchedAt: resource.fetchedAt } : {}),
    ...(resource.error !== undefined ? { error: resource.error } : {}),
    ...(of.throttled && snapshot.throttle ? { throttle: snapshot.throttle } : {}),
    intervalMs: of.intervalMs,
    now,
  });
}

const sameFreshness = (a: Freshness, b: Freshness) => a.text === b.text && a.stale === b.stale;

/** "every 2s", "stale 34s: 429 throttled, retrying in 12s": re-rendering only when the text changes. */
export function useFreshness(of: FreshnessOf): Freshness {
  const live = useLiveSnapshot();
  return useClockValue((now) => freshnessAt(live.getSnapshot(), of, now), {
    same: sameFreshness,
    alsoOn: live.subscribe,
  });
}

/** The header's THROTTLED / UNREACHABLE / BACKING OFF, gone the second the block runs out. */
export function useAccountBadge(): AccountBadge | undefined {
  const live = useLiveSnapshot();
  return useClockValue((now) => accountBadge(live.getSnapshot().throttle, now), { alsoOn: live.subscribe });
}
