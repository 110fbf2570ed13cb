/**
 * An adapter whose methods wait for the real one. The SDKs behind the adapters the first screen does
 * not need (ARM, Log Analytics, Storage, Data Factory, Synapse: 430 ms of module loading) load after
 * it; a call made before then (a background poll) waits for them instead of holding the screen up.
 * `methods` names every method of T, so the compiler notices one added to the interface.
 */
export function deferred<T extends object>(real: Promise<T>, methods: Record<keyof T, true>): T {
  const adapter: Record<string, unknown> = {};
  for (const name of Object.keys(methods)) {
    adapter[name] = async (...args: unknown[]) => {
      const target = (await real) as Record<string, (...args: unknown[]) => unknown>;
      return target[name]!(...args);
    };
  }
  return adapter as T;
}
