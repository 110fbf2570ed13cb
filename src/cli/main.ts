import { readFileSync } from "node:fs";
import { demoSettingNames } from "./config/settingFlags.js";
import { settingFlagsUsage, settingsHelp } from "./config/settingsHelp.js";
import { CrashError } from "../ui/crashError.js";
import { prepareInteractiveTerminal, restoreTerminal } from "../ui/terminal.js";
import { writeCrashReport } from "./crashReport.js";
import { UsageError } from "./usageError.js";
import { errorMessage } from "../model/errorMessage.js";

function help(): string {
  return `batchtop: a keyboard-driven terminal dashboard for Azure Batch

Usage:
  batchtop [flags] [--find ID] [--since 30m]
                                  the dashboard for an Azure Batch account; --find lands on an
                                  activity run id (or a task, job, pool or node id) with its log open;
                                  --since opens on what changed in that window (:changes)
  batchtop config show [--json]   the effective settings, where each came from, secrets masked
  batchtop snapshot [--json] [--since 1h]
                                  one poll of the account for scripts and notes; exit 1 when any pool
                                  has resize errors, unusable or start-task-failed nodes, or a task
                                  failed in the window; --since also lists what changed in it
  batchtop doctor [--pool ID] [--json]
                                  the identity doctor: each pool's managed identity case, evidence
                                  and fix; needs --subscription and --resource-group; exit 1 when
                                  any pool is not healthy
  batchtop demo [flags]           the dashboard on the built-in demo account
  batchtop sim [flags]            the demo account alone; prints export lines and runs until Ctrl-C
  batchtop sim --detach [flags]   the same in the background: prints the exports (and
                                  BATCHTOP_SIM_PID) once ready and returns, for eval "$(...)"
  batchtop sim --stop             stops the one BATCHTOP_SIM_PID names; prints unset lines, for eval
  batchtop sim grant-role --principal ID --role NAME [--scope ID]
                                  demo drills only: grants a role in the running demo account
                                  (default scope: its autostorage account)
  batchtop sim fix-pipeline NAME  demo drills only: deploys the fix for a pipeline that fails from a
                                  bad deploy, so a re-run from the failed activity succeeds

Settings, for the dashboard, snapshot, doctor and config show: a flag beats its environment variable, which beats
the profile, which beats the default. Only the account endpoint is required.
${settingsHelp()}
Config file: $XDG_CONFIG_HOME/batchtop/config.json (default ~/.config/batchtop/config.json).
Policy: /etc/batchtop/policy.json, plus the file in BATCHTOP_POLICY: {"readOnly": true} forces read-only.

Flags for demo and sim:
  --scenario S   healthy | incident | identity | scale (default healthy)
  --seed N       the world's random seed (default 1): same seed, same story
  --speed X      simulated seconds per real second (default 1; 0 freezes time)
  --faults SPEC  e.g. throttle=0.1,unavailable=0.05,reset=0.01,latency=200,retry-after=3
Flags for demo:
  ${settingFlagsUsage(demoSettingNames)}
                 as for the dashboard (above), with the same variables and profile keys
  --find ID      land on this id once the demo account has been read
Flags for sim:
  --port N       HTTPS port (default 0 picks a free port)
  --no-storage   do not start the linked storage emulator
  --detach       run in the background (see above)

  -h, --help     this help
  -v, --version  the version

Example: eval "$(batchtop sim --detach --scenario incident)" && batchtop; eval "$(batchtop sim --stop)"
`;
}

function version(): string {
  // Two levels up from both src/cli and dist/cli.
  const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return packageJson.version;
}

/**
 * An error nothing caught (a timer callback, a stray rejection) must not leave the terminal in the
 * alternate screen or print a stack: give the terminal back, print one line, keep the details in
 * a crash log, exit 1.
 */
function crashOnUncaught(): void {
  const crash = (error: unknown) => {
    restoreTerminal();
    process.stderr.write(`${writeCrashReport(error, process.env)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
}

/** Runs one command line; returns the exit code. Usage errors print one line and return 2. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  crashOnUncaught();
  try {
    if (first === "-h" || first === "--help") {
      process.stdout.write(help());
      return 0;
    }
    if (first === "-v" || first === "--version") {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    // Commands load their modules on demand: --help and --version should not pay for the Azure SDKs.
    // Before the dashboard's modules load: Ink reads CI once, on import.
    if (first === "demo" || first === undefined || first.startsWith("-")) prepareInteractiveTerminal();
    if (first === "sim") return await (await import("./commands/sim.js")).simCommand(rest);
    if (first === "demo") return await (await import("./commands/demo.js")).demoCommand(rest);
    if (first === "doctor") return await (await import("./commands/doctor.js")).doctorCommand(rest);
    if (first === "snapshot") return await (await import("./commands/snapshot.js")).snapshotCommand(rest);
    if (first === "config") return await (await import("./commands/config.js")).configCommand(rest);
    if (first === undefined || first.startsWith("-"))
      return await (await import("./commands/dashboardCommand.js")).dashboardCommand(argv);
    throw new UsageError(`unknown command "${first}"; see batchtop --help`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`batchtop: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CrashError) {
      process.stderr.write(`${writeCrashReport(error, process.env)}\n`);
      return 1;
    }
    process.stderr.write(`batchtop: ${errorMessage(error)}\n`);
    return 1;
  }
}
