import { ManagedIdentityCredential } from "@azure/identity";
import { parseCommandArgs } from "../parseArgs.js";
import { readSimFlags, simFlagConfig } from "../simFlags.js";
import { startSimProcess } from "../simProcess.js";
import { UsageError } from "../usageError.js";
import { showDashboard } from "./dashboard.js";

/**
 * `batchtop demo`: the demo account (a `batchtop sim` child process) and the dashboard. The dashboard
 * reaches it exactly as it reaches Azure: a managed identity credential, the real SDK clients, HTTPS
 * with the demo CA trusted by this process only.
 */
export async function demoCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("demo", args, simFlagConfig);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for demo`);
  const flags = readSimFlags(values);
  process.stderr.write(`batchtop: starting the demo account (scenario ${flags.scenario})…\n`);
  const simulator = await startSimProcess(flags);
  try {
    const { env } = simulator;
    // The demo identity endpoint is App Service style, which ManagedIdentityCredential reads from the
    // environment: point this process at it, as `eval "$(batchtop sim)"` would point a shell.
    process.env.IDENTITY_ENDPOINT = env.IDENTITY_ENDPOINT;
    process.env.IDENTITY_HEADER = env.IDENTITY_HEADER;
    await showDashboard({
      endpoint: env.AZURE_BATCH_ENDPOINT,
      accountName: `${env.AZURE_BATCH_ACCOUNT} (demo: ${flags.scenario})`,
      credential: new ManagedIdentityCredential(),
      transport: { ca: simulator.caPem },
      refreshMs: 2000,
    });
  } finally {
    await simulator.stop();
  }
  return 0;
}
