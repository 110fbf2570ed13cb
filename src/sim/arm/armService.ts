/**
 * The demo account's Azure Resource Manager endpoint for Microsoft.Batch (api-version 2023-11-01,
 * what @azure/arm-batch 9.1.0 sends): batch accounts with their autostorage and identity settings,
 * pools (the same world pools the data plane serves, in ARM's shape) with identity and scale
 * updates, and application package records. Paths start with /subscriptions; tokens must be for
 * https://management.azure.com/.
 */
import type { SimRequest, SimResponse, SimService } from "../http/service.js";
import type { ManagementWorld } from "../world/managementWorld.js";
import { invalidApiVersion, missingApiVersion, noRegisteredProvider } from "./armErrors.js";
import { renderArmAuthFailure, renderArmError } from "./armErrorRendering.js";
import { armApiVersion, armLocation, resourceTypeOf } from "./armPaths.js";
import { createArmRouter } from "./armRouting.js";
import { accountRoutes } from "./routes/accountRoutes.js";
import { applicationRoutes } from "./routes/applicationRoutes.js";
import { poolRoutes } from "./routes/poolRoutes.js";

const apiVersionForm = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/**
 * ARM checks the api-version before anything else: missing, malformed, or one the resource
 * provider does not serve (then the provider's versions and locations are named).
 */
function checkApiVersion(request: SimRequest, location: string): void {
  const version = request.query.get("api-version");
  if (version === null || version === "") throw missingApiVersion();
  if (!apiVersionForm.test(version)) throw invalidApiVersion(version);
  if (version !== armApiVersion) throw noRegisteredProvider(version, location, resourceTypeOf(request.path));
}

export function createArmService(world: ManagementWorld): SimService {
  const route = createArmRouter([...accountRoutes(world), ...poolRoutes(world), ...applicationRoutes(world)]);
  return {
    name: "arm",
    audience: "https://management.azure.com/",
    owns: (path) => /^\/subscriptions(\/|$)/i.test(path),
    handle(request: SimRequest): SimResponse {
      checkApiVersion(request, armLocation(world.account().location));
      return route(request);
    },
    renderError: renderArmError,
    renderAuthFailure: renderArmAuthFailure,
  };
}
