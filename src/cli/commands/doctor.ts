import { loadSecondaryAdapters } from "../secondaryAdapters.js";
import { accountTarget } from "../config/accountTarget.js";
import { loadSettings } from "../config/loadSettings.js";
import { parseSettingArgs } from "../config/settingFlags.js";
import { stdoutColors } from "../terminalColors.js";
import { UsageError } from "../usageError.js";

/**
 * `batchtop doctor [--pool ID] [--json]`: the identity doctor once, for scripts and incident notes.
 * Each pool's case of the managed identity tables, with what was observed, what was inferred and the
 * fix. Exit 0 when every pool checked is healthy, 1 when any is not (or the account's own identity
 * lacks its autostorage role), 2 on bad usage. Always read-only: no writer is constructed.
 */
export async function doctorCommand(args: string[]): Promise<number> {
  const { flags, values, positionals } = parseSettingArgs("doctor", args, {
    json: { type: "boolean" },
    pool: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for doctor`);
  const poolId = typeof values.pool === "string" ? values.pool : undefined;
  if (poolId !== undefined && !/^[\w-]{1,64}$/.test(poolId))
    throw new UsageError(`--pool "${poolId}" is not a pool id (letters, digits, - and _, at most 64)`);
  const settings = await loadSettings({ flags, env: process.env });
  const { endpoint, accountName } = accountTarget(settings);
  const { subscription, resourceGroup, armEndpoint } = settings.values;
  if (!subscription || !resourceGroup)
    throw new UsageError(
      "doctor reads identities through ARM: set --subscription and --resource-group (AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP)",
    );

  const { signIn } = await import("../signIn.js");
  const { createAzureAdapters } = await import("../../azure/azureAdapters.js");
  const { AzureRequestError } = await import("../../azure/azureError.js");
  const { gatherDoctorEvidence } = await import("../../store/doctorEvidence.js");
  const { doctorReport } = await import("../../model/doctor/report.js");
  const { formatDoctor, doctorJson } = await import("../doctor/formatDoctor.js");
  const adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: endpoint,
    credential: await signIn(settings.values.auth),
    readOnly: true,
    arm: { endpoint: armEndpoint, subscriptionId: subscription, resourceGroup, accountName },
  });
  // Built with an ARM target, so present.
  const poolManagement = adapters.poolManagement!;
  const takenAt = new Date();
  let evidence;
  try {
    evidence = await gatherDoctorEvidence(
      {
        poolManagement,
        reader: adapters.reader,
        ...(adapters.identityReader ? { identityReader: adapters.identityReader } : {}),
      },
      { now: takenAt, ...(poolId !== undefined ? { poolId } : {}) },
    );
  } catch (error) {
    if (poolId !== undefined && error instanceof AzureRequestError && error.statusCode === 404)
      throw new UsageError(`no pool "${poolId}" in account ${accountName}`);
    throw error;
  }
  const report = doctorReport(evidence, takenAt);
  process.stdout.write(
    values.json === true ? doctorJson(report) : formatDoctor(report, stdoutColors(process.env)),
  );
  return report.needsAttention ? 1 : 0;
}
