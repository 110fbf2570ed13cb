import type { AccountThrottle } from "./throttle.js";

/** What an ARM SDK's `list…()` returns, as far as paging goes: pages that resume from a token. */
interface PagedList<T> {
  byPage(settings: { continuationToken?: string }): AsyncIterableIterator<T[]>;
}

/**
 * Every item of an ARM list, one page per request through the throttle, so a 429 halfway through
 * pauses the list instead of failing it. `continuationOf` is the SDK's own `getContinuationToken`.
 */
export async function listArmPages<T>(
  throttle: AccountThrottle,
  signal: AbortSignal | undefined,
  list: (signal: AbortSignal) => PagedList<T>,
  continuationOf: (page: T[]) => string | undefined,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const settings = token === undefined ? {} : { continuationToken: token };
    const page = await throttle.run(
      async (attempt) => {
        const result = await list(attempt).byPage(settings).next();
        return result.done ? [] : result.value;
      },
      { signal },
    );
    items.push(...page);
    token = continuationOf(page);
  } while (token);
  return items;
}
