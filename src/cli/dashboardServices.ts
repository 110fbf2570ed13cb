import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createActionRunner } from "../actions/actionRunner.js";
import { createAttemptLog } from "../actions/attemptLog.js";
import { createAuditJournal } from "../actions/auditJournal.js";
import { createCycleTracker } from "../actions/cycleTracker.js";
import type { CyclePorts } from "../actions/nodeCycle.js";
import { createPoolIdentities, type PoolIdentitySources } from "../actions/poolIdentities.js";
import { createRecoveryCheck } from "../actions/recoveryCheck.js";
import type { BatchWriter } from "../azure/batchWriter.js";
import type { PipelineRunner, PipelineRunReader } from "../azure/pipelineRuns.js";
import type { DashboardServices } from "../ui/services.js";
import { displayPath, stateDirectory } from "./config/configPaths.js";
import { listThemes, loadTheme } from "./config/loadTheme.js";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Writes a saved log tail under $XDG_STATE_HOME/batchtop/, readable by its owner only (task output
 * can hold anything), never over an existing file. The lines were sanitised when they were read.
 */
export async function saveLogFile(env: Environment, name: string, lines: readonly string[]): Promise<string> {
  const directory = stateDirectory(env);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // Batch ids are letters, digits, "-" and "_"; anything else never reaches a path, and a name of
  // dots alone cannot name the directory or its parent.
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_");
  const path = join(directory, /^\.*$/.test(safe) ? `log-${safe}` : safe);
  await writeFile(path, lines.length > 0 ? `${lines.join("\n")}\n` : "", { flag: "wx", mode: 0o600 });
  return displayPath(path, env);
}

/** Data Factory's and Synapse's run APIs, and whether Log Analytics can trace tasks to their runs. */
export interface PipelineSources {
  reader: PipelineRunReader;
  /** Absent in read-only mode. */
  runner?: PipelineRunner;
  hasRunContext: boolean;
}

/**
 * What the dashboard reads and writes besides polling: themes for `:theme`, saved logs, the audit
 * journal, and the actions, which exist only when a writer does (never in read-only mode). Pool
 * identities need ARM: `identities` is there when pool management is; recovery runs need the
 * pipeline run APIs.
 */
export async function dashboardServices(
  env: Environment,
  {
    writer,
    account,
    cyclePorts,
    identities,
    pipelines,
    autoScale,
  }: {
    writer?: BatchWriter;
    account: string;
    cyclePorts?: CyclePorts;
    identities?: PoolIdentitySources;
    pipelines?: PipelineSources;
    autoScale?: DashboardServices["autoScale"];
  },
): Promise<DashboardServices> {
  const themes = await listThemes(env);
  const journalPath = join(stateDirectory(env), "audit.jsonl");
  const attempts = createAttemptLog(createAuditJournal(journalPath, displayPath(journalPath, env)), account);
  const poolIdentities = identities ? createPoolIdentities(identities) : undefined;
  return {
    attempts,
    ...(writer ? { actions: createActionRunner(writer, attempts, poolIdentities, pipelines?.runner) } : {}),
    ...(pipelines?.runner
      ? { recoveries: createRecoveryCheck(pipelines.reader, pipelines.hasRunContext) }
      : {}),
    ...(poolIdentities ? { poolIdentities } : {}),
    ...(autoScale ? { autoScale } : {}),
    // In read-only mode too: the senders are absent, but a cycle left unfinished is still shown.
    ...(cyclePorts ? { cycles: createCycleTracker({ ports: cyclePorts, attempts, account }) } : {}),
    themes: {
      names: [...new Set([...themes.builtIn, ...themes.user])].sort(),
      load: (name) => loadTheme(name, env),
    },
    saveLog: (name, lines) => saveLogFile(env, name, lines),
  };
}
