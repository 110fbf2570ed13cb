import { createBatchService } from "./batch/batchService.js";
import type { SimService } from "./http/service.js";
import { createLogsService } from "./logs/logsService.js";
import type { World } from "./world/world.js";

export interface DemoAccountCoordinates {
  workspaceId: string;
}

/**
 * Every service the demo account serves on its listener. Order matters only for path ownership:
 * the Batch data plane owns whatever the others do not, so it comes last.
 */
export function createServices(world: World, account: DemoAccountCoordinates): SimService[] {
  const logs = createLogsService(() => ({}), { workspaceId: account.workspaceId, now: () => world.now() });
  return [logs, createBatchService(world)];
}
