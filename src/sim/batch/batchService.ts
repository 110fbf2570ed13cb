import type { SimRequest, SimResponse, SimService } from "../http/service.js";
import { SimServiceError } from "../http/serviceError.js";
import type { BatchWorld } from "../world/batchWorld.js";
import { internalError } from "./batchErrors.js";
import { renderBatchAuthError, renderBatchError } from "./errorRendering.js";
import { checkApiVersion, checkTimeout } from "./queryOptions.js";
import { fileRoutes } from "./routes/fileRoutes.js";
import { jobRoutes } from "./routes/jobRoutes.js";
import { nodeRoutes } from "./routes/nodeRoutes.js";
import { poolRoutes } from "./routes/poolRoutes.js";
import { taskRoutes } from "./routes/taskRoutes.js";
import { createRouter } from "./routing.js";

export { renderBatchAuthError, renderBatchError } from "./errorRendering.js";

/** Paths the other simulated services own on the shared listener: ARM, Log Analytics, managed identity. */
const foreignPrefixes = ["/subscriptions", "/v1", "/metadata", "/msi"];

function ownsBatchPath(path: string): boolean {
  const lower = path.toLowerCase();
  return !foreignPrefixes.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/**
 * The simulated Batch data plane (api-version 2022-10-01.16.0) over a BatchWorld. Every answer, refusals
 * included, is rendered here in Batch's wire shape; anything unexpected becomes a 500 InternalError
 * without a stack trace reaching the client.
 */
export function createBatchService(world: BatchWorld): SimService {
  const route = createRouter([
    ...poolRoutes(world),
    ...nodeRoutes(world),
    ...jobRoutes(world),
    ...taskRoutes(world),
    ...fileRoutes(world),
  ]);

  function handle(request: SimRequest): SimResponse {
    try {
      checkApiVersion(request.query);
      checkTimeout(request.query);
      return route(request);
    } catch (error) {
      if (error instanceof SimServiceError) return renderBatchError(error, request);
      process.stderr.write(
        `batchtop sim: batch ${request.method} ${request.path} failed: ${String(error)}\n`,
      );
      return renderBatchError(internalError(), request);
    }
  }

  return {
    name: "batch",
    audience: "https://batch.core.windows.net/",
    owns: ownsBatchPath,
    handle,
    renderError: renderBatchError,
    renderAuthFailure: renderBatchAuthError,
  };
}
