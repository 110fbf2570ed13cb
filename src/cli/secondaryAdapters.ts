import type { SecondaryModule } from "../azure/azureAdapters.js";

/**
 * The module of the adapters beyond Batch, imported once `after` settles: the dashboard passes its
 * first data, since their SDKs (ARM, Log Analytics, Storage, Data Factory, Synapse) take 430 ms to
 * load and the first screen needs none of them. Other commands load it at once.
 */
export function loadSecondaryAdapters(after?: Promise<unknown>): Promise<SecondaryModule> {
  return Promise.resolve(after).then(() => import("../azure/secondaryAdapters.js"));
}
