import { UsageError } from "../usageError.js";
import type { EffectiveSettings } from "./resolveSettings.js";

export interface AccountTarget {
  endpoint: string;
  accountName: string;
}

/** The Batch account to talk to: the one setting batchtop cannot run without. */
export function accountTarget(settings: EffectiveSettings): AccountTarget {
  const { accountEndpoint, accountName } = settings.values;
  if (accountEndpoint === undefined || accountName === undefined) {
    throw new UsageError(
      "no Batch account: set AZURE_BATCH_ENDPOINT or --account-endpoint (e.g. https://myaccount.westeurope.batch.azure.com), or accountEndpoint in a profile; or try batchtop demo",
    );
  }
  return { endpoint: accountEndpoint, accountName };
}
