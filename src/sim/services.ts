import { createArmService } from "./arm/armService.js";
import { createBatchService } from "./batch/batchService.js";
import type { SimService } from "./http/service.js";
import { createLogsService } from "./logs/logsService.js";
import { historyTables } from "./logs/tables/historyTables.js";
import { createSynapseService } from "./synapse/synapseService.js";
import type { World } from "./world/world.js";

export interface DemoAccountCoordinates {
  workspaceId: string;
}

/**
 * Every service the demo account serves on its listener. Order matters only for path ownership:
 * the Batch data plane owns whatever the others do not, so it comes last.
 */
export function createServices(world: World, account: DemoAccountCoordinates): SimService[] {
  const tables = historyTables(() => world.history(), { workspaceId: account.workspaceId });
  const logs = createLogsService(tables, { workspaceId: account.workspaceId, now: () => world.now() });
  return [logs, createArmService(world), createSynapseService(world), createBatchService(world)];
}
