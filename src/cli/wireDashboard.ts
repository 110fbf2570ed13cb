import type { AzureAdapters } from "../azure/azureAdapters.js";
import { createDashboardStore, type DashboardStore } from "../store/dashboardStore.js";
import type { DashboardServices } from "../ui/services.js";
import { dashboardServices } from "./dashboardServices.js";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The store and the services of a dashboard over one account's adapters: what each poll reads and
 * what each action sends through. The CLI and the demo-account UI tests both build the dashboard
 * here, so a test drives exactly what an operator runs.
 */
export async function wireDashboard(
  adapters: AzureAdapters,
  {
    env,
    account,
    refreshMs,
    now,
  }: {
    env: Environment;
    account: string;
    refreshMs: number;
    /** The store's clock (the failure and timeline windows); a test passes the demo's frozen one. */
    now?: () => number;
  },
): Promise<{ services: DashboardServices; store: DashboardStore }> {
  const services = await dashboardServices(env, {
    ...(adapters.writer ? { writer: adapters.writer } : {}),
    account: account,
    cyclePorts: {
      reader: adapters.reader,
      ...(adapters.writer ? { writer: adapters.writer } : {}),
      ...(adapters.poolManagement ? { management: adapters.poolManagement } : {}),
      ...(adapters.poolManager ? { manager: adapters.poolManager } : {}),
    },
    ...(adapters.poolManagement
      ? {
          identities: {
            management: adapters.poolManagement,
            ...(adapters.poolManager ? { manager: adapters.poolManager } : {}),
            ...(adapters.identityReader ? { identityReader: adapters.identityReader } : {}),
          },
        }
      : {}),
    ...(adapters.pipelineRunReader
      ? {
          pipelines: {
            reader: adapters.pipelineRunReader,
            ...(adapters.pipelineRunner ? { runner: adapters.pipelineRunner } : {}),
            hasRunContext: adapters.runHistory !== undefined,
          },
        }
      : {}),
  });
  const store = createDashboardStore(
    {
      reader: adapters.reader,
      ...(adapters.outputStore ? { outputStore: adapters.outputStore } : {}),
      throttleState: () => adapters.throttles.batch.state(),
      throttleChanges: (listener) => adapters.throttles.batch.onChange(listener),
      ...(adapters.runHistory ? { runHistory: adapters.runHistory } : {}),
      ...(adapters.changeHistory ? { changeHistory: adapters.changeHistory } : {}),
      ...(adapters.timeline ? { timeline: adapters.timeline } : {}),
      ...(adapters.pipelineRunReader ? { pipelineRunReader: adapters.pipelineRunReader } : {}),
      ...(adapters.poolManagement
        ? {
            management: adapters.poolManagement,
            doctor: {
              poolManagement: adapters.poolManagement,
              reader: adapters.reader,
              ...(adapters.identityReader ? { identityReader: adapters.identityReader } : {}),
            },
          }
        : {}),
    },
    { refreshMs, ...(now ? { now } : {}) },
  );
  return { services, store };
}
