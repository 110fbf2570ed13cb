import { createAutoScaleEvaluator } from "./autoScale.js";
import type { AzureAdapterOptions, AzureAdapters, SecondaryAdapters } from "./adapterTypes.js";
import { createBatchClient } from "./batchClient.js";
import { createBatchReader } from "./batchReader.js";
import { createBatchWriter } from "./batchWriter.js";
import { deferred } from "./deferred.js";
import { outputLocation } from "./outputPaths.js";
import type { OutputStore } from "./outputStore.js";
import { AccountThrottle } from "./throttle.js";

export type {
  ArmTarget,
  AzureAdapterOptions,
  AzureAdapters,
  LogsTarget,
  SecondaryModule,
} from "./adapterTypes.js";

/**
 * The adapters for one account. In read-only mode the writers are not constructed and every
 * pipeline also carries the read-only guard, the second line of defence.
 */
export function createAzureAdapters(options: AzureAdapterOptions): AzureAdapters {
  const { readOnly, credential, storageUrl, arm, logs, dataFactory, synapse, transport = {} } = options;
  const client = createBatchClient(options.batchEndpoint, credential, transport, { readOnly });
  const batch = new AccountThrottle(options.throttle);
  const adapters: AzureAdapters = {
    reader: createBatchReader(client, batch),
    autoScale: createAutoScaleEvaluator(client, batch),
    throttles: { batch },
  };
  if (!readOnly) adapters.writer = createBatchWriter(client, batch);
  // One throttle per endpoint, made now: the store shows each one's state from the start. ARM's is
  // shared by pool management and the identity reads (same endpoint, same limits).
  const { throttles } = adapters;
  if (storageUrl) throttles.storage = new AccountThrottle(options.throttle);
  if (arm) throttles.arm = new AccountThrottle(options.throttle);
  if (logs) throttles.logs = new AccountThrottle(options.throttle);
  if (dataFactory) throttles.dataFactory = new AccountThrottle(options.throttle);
  if (synapse) throttles.synapse = new AccountThrottle(options.throttle);
  if (!storageUrl && !arm && !logs && !dataFactory && !synapse) return adapters;

  if (options.secondary === undefined)
    throw new Error(
      "the adapters beyond Batch need their module: pass loadSecondaryAdapters() as `secondary`",
    );
  const secondary = options.secondary.then((module) => module.createSecondaryAdapters(options, throttles));
  // Each call reports a failure to load; this keeps it from also being an unhandled rejection.
  secondary.catch(() => undefined);
  const present = <K extends keyof SecondaryAdapters>(name: K) =>
    secondary.then((built) => {
      const adapter = built[name];
      if (adapter === undefined) throw new Error(`batchtop built no ${name}`);
      return adapter as NonNullable<SecondaryAdapters[K]>;
    });
  if (storageUrl) {
    adapters.outputStore = {
      ...deferred<Omit<OutputStore, "outputLocation">>(present("outputStore"), {
        outputProperties: true,
        readOutput: true,
      }),
      // Where the copy is, named without the SDK: the log pane shows it before anything is read.
      outputLocation,
    };
  }
  if (arm) {
    adapters.poolManagement = deferred(present("poolManagement"), {
      getAccount: true,
      listPools: true,
      getPool: true,
    });
    if (!readOnly)
      adapters.poolManager = deferred(present("poolManager"), {
        setPoolIdentities: true,
        setScaleSettings: true,
      });
    adapters.identityReader = deferred(present("identityReader"), {
      listUserAssignedIdentities: true,
      roleAssignmentsAt: true,
    });
  }
  if (logs) {
    adapters.runHistory = deferred(present("runHistory"), {
      latestActivityRuns: true,
      activityRunsByIds: true,
      activityRunTransitions: true,
      taskFailEvents: true,
      activityDurations: true,
    });
    adapters.changeHistory = deferred(present("changeHistory"), {
      pipelinesStartedFailing: true,
      poolResizeEvents: true,
    });
    adapters.timeline = deferred(present("timeline"), { counts: true, events: true });
  }
  if (dataFactory || synapse) {
    adapters.pipelineRunReader = deferred(present("pipelineRunReader"), {
      getPipelineRun: true,
      activityRuns: true,
    });
    if (!readOnly) adapters.pipelineRunner = deferred(present("pipelineRunner"), { createRecoveryRun: true });
  }
  return adapters;
}
