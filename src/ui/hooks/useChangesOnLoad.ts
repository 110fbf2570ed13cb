import { useEffect, useReducer } from "react";

/**
 * `batchtop --since 30m`: once the account has been read, opens `:changes` for that window, as if it
 * had been typed, and only once.
 */
export function useChangesOnLoad(
  sinceMs: number | undefined,
  loaded: boolean,
  show: (sinceMs: number) => void,
): void {
  const [done, markDone] = useReducer(() => true, sinceMs === undefined);
  useEffect(() => {
    if (done || !loaded || sinceMs === undefined) return;
    markDone();
    show(sinceMs);
  });
}
