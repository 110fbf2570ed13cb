import { useEffect, useReducer } from "react";

/**
 * `batchtop --find <id>`: once the account has been read, lands as if `:find <id>` had been typed,
 * and only once.
 */
export function useFindOnLoad(find: string | undefined, loaded: boolean, land: (id: string) => void): void {
  const [done, markDone] = useReducer(() => true, find === undefined);
  useEffect(() => {
    if (done || !loaded || find === undefined) return;
    markDone();
    land(find);
  });
}
