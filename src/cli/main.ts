import { readFileSync } from "node:fs";
import { parseCommandArgs } from "./parseArgs.js";
import { UsageError } from "./usageError.js";

const help = `batchtop: a keyboard-driven terminal dashboard for Azure Batch

Usage:
  batchtop                   the dashboard for the account in AZURE_BATCH_ENDPOINT
  batchtop demo [flags]      the dashboard on the built-in demo account
  batchtop sim [flags]       the demo account alone; prints export lines for eval

Flags for demo and sim:
  --scenario S   healthy | incident | scale (default healthy)
  --seed N       the world's random seed (default 1): same seed, same story
  --speed X      simulated seconds per real second (default 1; 0 freezes time)
  --faults SPEC  e.g. throttle=0.1,unavailable=0.05,reset=0.01,latency=200,retry-after=3
Flags for sim:
  --port N       HTTPS port (default 0: any free port)
  --no-storage   do not start the linked storage emulator

  -h, --help     this help
  -v, --version  the version

Example: eval "$(batchtop sim --scenario incident)" && batchtop
`;

function version(): string {
  // Two levels up from both src/cli and dist/cli.
  const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return packageJson.version;
}

async function dashboardCommand(args: string[]): Promise<number> {
  parseCommandArgs("batchtop", args, {});
  const { createCredential } = await import("../azure/credentials.js");
  const { showDashboard } = await import("./commands/dashboard.js");
  const endpoint = process.env.AZURE_BATCH_ENDPOINT;
  if (!endpoint) {
    throw new UsageError(
      "no Batch account: set AZURE_BATCH_ENDPOINT (e.g. https://myaccount.westeurope.batch.azure.com), or try batchtop demo",
    );
  }
  await showDashboard({
    endpoint,
    accountName: process.env.AZURE_BATCH_ACCOUNT ?? new URL(endpoint).hostname.split(".")[0] ?? endpoint,
    credential: createCredential("default"),
    transport: {},
    refreshMs: 2000,
  });
  return 0;
}

/** Runs one command line; returns the exit code. Usage errors print one line and return 2. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === "-h" || first === "--help") {
      process.stdout.write(help);
      return 0;
    }
    if (first === "-v" || first === "--version") {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    // Commands load their modules on demand: --help and --version should not pay for the Azure SDKs.
    if (first === "sim") return await (await import("./commands/sim.js")).simCommand(rest);
    if (first === "demo") return await (await import("./commands/demo.js")).demoCommand(rest);
    if (first === undefined || first.startsWith("-")) return await dashboardCommand(argv);
    throw new UsageError(`unknown command "${first}"; see batchtop --help`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`batchtop: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`batchtop: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
