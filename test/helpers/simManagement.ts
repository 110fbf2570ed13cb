import { createAzureAdapters, type ArmTarget, type LogsTarget } from "../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../src/cli/secondaryAdapters.js";
import type { DataFactoryTarget } from "../../src/azure/dataFactoryRuns.js";
import type { SynapseTarget } from "../../src/azure/synapseRuns.js";
import type { ThrottleOptions } from "../../src/azure/throttle.js";
import type { Simulator, SimulatorOptions } from "../../src/sim/simulator.js";
import { startSimAccount, type SimAccount } from "./simAdapters.js";

/**
 * The demo account's ARM, Log Analytics, Data Factory and Synapse targets, as `eval "$(batchtop sim)"`
 * would set them (Data Factory is reached through the ARM endpoint, Synapse through its template).
 */
export function simTargets(sim: Simulator): {
  arm: ArmTarget;
  logs: LogsTarget;
  dataFactory: DataFactoryTarget;
  synapse: SynapseTarget;
} {
  return {
    dataFactory: { endpoint: sim.env.BATCHTOP_ARM_ENDPOINT },
    synapse: { endpointTemplate: sim.env.BATCHTOP_SYNAPSE_ENDPOINT },
    arm: {
      endpoint: sim.env.BATCHTOP_ARM_ENDPOINT,
      subscriptionId: sim.env.AZURE_SUBSCRIPTION_ID,
      resourceGroup: sim.env.AZURE_RESOURCE_GROUP,
      accountName: sim.env.AZURE_BATCH_ACCOUNT,
    },
    logs: { endpoint: sim.env.BATCHTOP_LOGS_ENDPOINT, workspaceId: sim.env.BATCHTOP_WORKSPACE_ID },
  };
}

/** The demo account with every adapter batchtop builds: Batch, ARM pool management, run history. */
export async function startManagedSimAccount(
  options: SimulatorOptions & { readOnly: boolean; throttle?: ThrottleOptions },
): Promise<SimAccount> {
  const account = await startSimAccount({ storage: false, ...options });
  const { sim, credential } = account;
  const adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    readOnly: options.readOnly,
    transport: { ca: sim.certificates.caPem },
    ...simTargets(sim),
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
  return { ...account, adapters };
}
