import type { AbortSignalLike } from "@azure/ms-rest-js";
import type { AccountThrottle } from "./throttle.js";

/** A list response of @azure/batch: the items, and a link to the next page when there is one. */
export type Page<T> = T[] & { odatanextLink?: string };

/** ms-rest-js types its own AbortSignalLike, which Node's AbortSignal satisfies at run time. */
export function abortable(signal: AbortSignal): { abortSignal: AbortSignalLike } {
  return { abortSignal: signal as unknown as AbortSignalLike };
}

/**
 * Follows `odatanextLink` page by page, each page one request through the account's throttle, so
 * a long list yields to other requests and a 429 halfway through pauses it rather than failing it.
 */
export async function* pagesOf<T>(
  throttle: AccountThrottle,
  signal: AbortSignal | undefined,
  first: (signal: AbortSignal) => Promise<Page<T>>,
  next: (link: string, signal: AbortSignal) => Promise<Page<T>>,
): AsyncGenerator<T[]> {
  let page = await throttle.run(first, { signal });
  yield page;
  while (page.odatanextLink) {
    const link = page.odatanextLink;
    page = await throttle.run((attemptSignal) => next(link, attemptSignal), { signal });
    yield page;
  }
}

export async function allPagesOf<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}
