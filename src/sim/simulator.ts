import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "./services.js";
import { FaultInjector, noFaults, type FaultSettings } from "./http/faults.js";
import { startListener } from "./http/listener.js";
import { RequestLog } from "./http/requestLog.js";
import { startTokenEndpoint } from "./identity/tokenEndpoint.js";
import { TokenIssuer } from "./identity/tokens.js";
import { AdfjobsWriter } from "./storage/adfjobsWriter.js";
import { startBlobEmulator } from "./storage/azurite.js";
import { synapsePathPrefix } from "./synapse/synapseService.js";
import { createLoopbackCertificates, type LoopbackCertificates } from "./tls/certificates.js";
import { startClock } from "./world/clock.js";
import { builtInRoles, readerWithoutRoleAssignments } from "./world/roleDefinitions.js";
import type { ScenarioDefinition } from "./world/scenarios/scenario.js";
import { buildWorld, createWorld, type World } from "./world/world.js";

export interface SimulatorOptions {
  /** HTTPS port for the Batch, ARM and Log Analytics endpoints; 0 picks a free one. */
  port?: number;
  scenario?: string;
  /**
   * A scenario built by the caller, in place of a named one (a test's smaller scale world);
   * `scenario` then only names it.
   */
  scenarioDefinition?: ScenarioDefinition;
  seed?: number;
  /** Simulated seconds per real second; 0 freezes time (tests step the world themselves). */
  speed?: number;
  faults?: FaultSettings;
  /** Start Azurite for the linked storage (default true). */
  storage?: boolean;
  /** Simulated start time; real now by default. */
  startTime?: Date;
}

/** The names batchtop (and any Azure SDK script) reads, so `eval "$(batchtop sim)"` points them here. */
export type SimulatorEnvironment = Record<
  | "AZURE_BATCH_ENDPOINT"
  | "AZURE_BATCH_ACCOUNT"
  | "AZURE_SUBSCRIPTION_ID"
  | "AZURE_RESOURCE_GROUP"
  | "BATCHTOP_ARM_ENDPOINT"
  | "BATCHTOP_LOGS_ENDPOINT"
  | "BATCHTOP_WORKSPACE_ID"
  | "BATCHTOP_STORAGE_URL"
  | "BATCHTOP_SYNAPSE_ENDPOINT"
  | "IDENTITY_ENDPOINT"
  | "IDENTITY_HEADER"
  | "NODE_EXTRA_CA_CERTS",
  string
>;

export interface Simulator {
  world: World;
  requestLog: RequestLog;
  faults: FaultInjector;
  certificates: LoopbackCertificates;
  issuer: TokenIssuer;
  env: SimulatorEnvironment;
  /** Why linked storage is off, when it is. */
  storageNotice?: string | undefined;
  /** Resolves once every finished task's output has been written to adfjobs. */
  flushStorage(): Promise<void>;
  stop(): Promise<void>;
}

/** Fixed, recognisably fake coordinates of the demo account. */
export const demoAccount = {
  name: "batchtopdemo",
  subscriptionId: "00000000-0000-4000-8000-000000000001",
  resourceGroup: "rg-batchtop-demo",
  workspaceId: "00000000-0000-4000-8000-000000000002",
  identityName: "id-batchtop-demo",
};

/**
 * What the two identities that sign in to the demo account may do, as role assignments on its
 * subscription: the operator is Owner (batchtop's own sign-in, and the drill that grants a role);
 * the restricted reader may read everything but role assignments.
 */
function grantCallerRoles(world: World, issuer: TokenIssuer): void {
  const scope = `/subscriptions/${demoAccount.subscriptionId}`;
  const createdOn = world.now().toISOString();
  const directory = world.identityDirectory();
  for (const [caller, role] of [
    [issuer.operator, builtInRoles.owner],
    [issuer.restrictedReader, readerWithoutRoleAssignments],
  ] as const) {
    directory.assignRole({
      scope,
      roleDefinitionName: role.name,
      principalId: caller.principalId,
      principalType: "ServicePrincipal",
      createdOn,
    });
  }
}

/** More finished tasks than this (the scale scenario's 200,000) are not copied to adfjobs at start. */
const backfillLimit = 5_000;

/**
 * Tasks that finished while the scenario was laid out did so before storage existed: copy their
 * output to adfjobs, as ADF did when they finished. Returns a notice when there were too many.
 */
function backfillAdfjobs(world: World, writer: AdfjobsWriter): string | undefined {
  const finished = world.listJobs().flatMap((job) =>
    world
      .listTasks(job.id)
      .filter((task) => task.state === "completed")
      .map((task) => [job.id, task.id] as const),
  );
  if (finished.length > backfillLimit) {
    return `adfjobs holds the output of tasks that finish from now on; the ${finished.length} tasks finished before start are not copied`;
  }
  for (const [jobId, taskId] of finished) {
    const output = world.completedTaskOutput(jobId, taskId);
    if (output) writer.write(output);
  }
  return undefined;
}

/**
 * Starts the demo account: a world model, the HTTPS listener with its services, the managed identity
 * token endpoint and (when Azurite is installed) the linked storage. Everything listens on loopback.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const workDir = await mkdtemp(join(tmpdir(), "batchtop-sim-"));
  const cleanups: (() => Promise<void> | void)[] = [() => rm(workDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    const certificates = await createLoopbackCertificates();
    const caPath = join(workDir, "demo-ca.pem");
    await writeFile(caPath, certificates.caPem, { mode: 0o600 });

    const identityResourceId = `/subscriptions/${demoAccount.subscriptionId}/resourceGroups/${demoAccount.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${demoAccount.identityName}`;
    const issuer = new TokenIssuer(identityResourceId);
    const seed = options.seed ?? 1;
    const requestLog = new RequestLog();
    const faults = new FaultInjector(options.faults ?? noFaults, seed);
    const tokenEndpoint = await startTokenEndpoint(issuer);
    cleanups.push(() => tokenEndpoint.close());
    const listener = await startListener({
      port: options.port ?? 0,
      certificates,
      issuer,
      faults,
      requestLog,
    });
    cleanups.push(() => listener.close());

    const worldOptions = {
      seed,
      startTime: options.startTime ?? new Date(),
      accountUrl: listener.baseUrl,
      accountName: demoAccount.name,
      subscriptionId: demoAccount.subscriptionId,
      resourceGroup: demoAccount.resourceGroup,
    };
    const scenario = options.scenario ?? "healthy";
    const world = options.scenarioDefinition
      ? buildWorld(scenario, options.scenarioDefinition, worldOptions)
      : createWorld({ scenario, ...worldOptions });
    grantCallerRoles(world, issuer);
    listener.mount(createServices(world, demoAccount));

    let storageUrl = "";
    let storageNotice: string | undefined;
    let writer: AdfjobsWriter | undefined;
    if (options.storage !== false) {
      const emulator = await startBlobEmulator(certificates, workDir);
      if (typeof emulator === "string") {
        storageNotice = emulator;
      } else {
        cleanups.push(() => emulator.close());
        storageUrl = emulator.url;
        const storageWriter = new AdfjobsWriter(
          emulator.url,
          certificates.caPem,
          () => issuer.mint("https://storage.azure.com/").token,
        );
        cleanups.push(() => storageWriter.close());
        await storageWriter.createContainer();
        storageNotice = backfillAdfjobs(world, storageWriter);
        world.onTaskFinished((output) => storageWriter.write(output));
        writer = storageWriter;
      }
    }

    const speed = options.speed ?? 1;
    if (speed > 0) cleanups.push(startClock(world, { speed }));

    return {
      world,
      requestLog,
      faults,
      certificates,
      issuer,
      storageNotice,
      env: {
        AZURE_BATCH_ENDPOINT: listener.baseUrl,
        AZURE_BATCH_ACCOUNT: demoAccount.name,
        AZURE_SUBSCRIPTION_ID: demoAccount.subscriptionId,
        AZURE_RESOURCE_GROUP: demoAccount.resourceGroup,
        BATCHTOP_ARM_ENDPOINT: listener.baseUrl,
        BATCHTOP_LOGS_ENDPOINT: `${listener.baseUrl}/v1`,
        BATCHTOP_WORKSPACE_ID: demoAccount.workspaceId,
        BATCHTOP_STORAGE_URL: storageUrl,
        // The workspaces' endpoints, a template as Synapse's are (one host per workspace on Azure).
        BATCHTOP_SYNAPSE_ENDPOINT: `${listener.baseUrl}${synapsePathPrefix}/{workspace}`,
        IDENTITY_ENDPOINT: tokenEndpoint.url,
        IDENTITY_HEADER: tokenEndpoint.secret,
        NODE_EXTRA_CA_CERTS: caPath,
      },
      flushStorage: async () => {
        await writer?.flush();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
