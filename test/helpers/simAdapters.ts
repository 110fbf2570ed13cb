import { ManagedIdentityCredential } from "@azure/identity";
import { createAzureAdapters, type AzureAdapters } from "../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../src/cli/secondaryAdapters.js";
import type { ThrottleOptions } from "../../src/azure/throttle.js";
import type { LoggedRequest } from "../../src/sim/http/requestLog.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../src/sim/simulator.js";

export interface SimAccount {
  sim: Simulator;
  credential: ManagedIdentityCredential;
  adapters: AzureAdapters;
}

/**
 * The demo account with time frozen (tests step the world), reached by batchtop's own adapters
 * exactly as the app reaches Azure: managed identity tokens, HTTPS with the demo CA.
 */
export async function startSimAccount(
  options: SimulatorOptions & { readOnly: boolean; throttle?: ThrottleOptions },
): Promise<SimAccount> {
  const { readOnly, throttle, ...simOptions } = options;
  const sim = await startSimulator({ speed: 0, startTime: new Date("2026-11-22T03:00:00Z"), ...simOptions });
  process.env.IDENTITY_ENDPOINT = sim.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sim.env.IDENTITY_HEADER;
  const credential = new ManagedIdentityCredential();
  const adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    readOnly,
    transport: { ca: sim.certificates.caPem },
    ...(sim.env.BATCHTOP_STORAGE_URL ? { storageUrl: sim.env.BATCHTOP_STORAGE_URL } : {}),
    ...(throttle ? { throttle } : {}),
  });
  return { sim, credential, adapters };
}

export interface Traffic {
  requests: LoggedRequest[];
  count: number;
  responseBytes: number;
}

/** Runs `work` and returns what it sent to the demo account, as the account logged it. */
export async function measure<T>(sim: Simulator, work: () => Promise<T>): Promise<{ result: T } & Traffic> {
  const mark = sim.requestLog.mark();
  const result = await work();
  const requests = sim.requestLog.since(mark);
  return {
    result,
    requests,
    count: requests.length,
    responseBytes: requests.reduce((sum, entry) => sum + entry.responseBytes, 0),
  };
}
