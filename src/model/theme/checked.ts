/** Where in a theme file a problem is: `["tokens", "status.error", "color"]`. */
export type ThemePath = (string | number)[];

/** A checked part of a theme file, or the first problem in it, in words that read well after its path. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; at: ThemePath };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const reject = <T>(problem: string, at: ThemePath = []): Checked<T> => ({ ok: false, problem, at });
