/**
 * The demo account's Azure Resource Manager endpoint. Microsoft.Batch (api-version 2023-11-01, what
 * @azure/arm-batch 9.1.0 sends): batch accounts with their autostorage and identity settings, pools
 * (the same world pools the data plane serves, in ARM's shape) with identity and scale updates, and
 * application package records. Microsoft.ManagedIdentity (2024-11-30, @azure/arm-msi 2.2.0): the
 * tenant's user-assigned identities. Microsoft.Authorization (2022-04-01, @azure/arm-authorization
 * 9.0.0): role assignments and role definitions. Microsoft.DataFactory (2018-06-01,
 * @azure/arm-datafactory 12.0.0): factories, pipeline and activity runs, createRun with recovery.
 * Paths start with /subscriptions; tokens must be
 * for https://management.azure.com/.
 */
import type { SimRequest, SimResponse, SimService } from "../http/service.js";
import type { ManagementWorld } from "../world/managementWorld.js";
import { invalidApiVersion, missingApiVersion, noRegisteredProvider } from "./armErrors.js";
import { renderArmAuthFailure, renderArmError } from "./armErrorRendering.js";
import { armApiVersion, armLocation, providerApiVersions, providerOf, resourceTypeOf } from "./armPaths.js";
import { createArmRouter } from "./armRouting.js";
import { accountRoutes } from "./routes/accountRoutes.js";
import { applicationRoutes } from "./routes/applicationRoutes.js";
import { authorizationHandler } from "./routes/authorizationRoutes.js";
import { dataFactoryRoutes } from "./routes/dataFactoryRoutes.js";
import { drillRoutes } from "./routes/drillRoutes.js";
import { identityRoutes } from "./routes/identityRoutes.js";
import { poolRoutes } from "./routes/poolRoutes.js";

const apiVersionForm = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/**
 * ARM checks the api-version before anything else: missing, malformed, or one the resource
 * provider the path addresses does not serve (then the provider's versions and locations are named).
 */
function checkApiVersion(request: SimRequest, location: string): void {
  const version = request.query.get("api-version");
  const supported = providerApiVersions[providerOf(request.path)] ?? armApiVersion;
  if (version === null || version === "") throw missingApiVersion();
  if (!apiVersionForm.test(version)) throw invalidApiVersion(version, supported);
  if (version !== supported)
    throw noRegisteredProvider(version, location, resourceTypeOf(request.path), supported);
}

export function createArmService(world: ManagementWorld): SimService {
  const route = createArmRouter([
    ...accountRoutes(world),
    ...poolRoutes(world),
    ...applicationRoutes(world),
    ...identityRoutes(world),
    ...dataFactoryRoutes(world),
    ...drillRoutes(world),
  ]);
  const authorization = authorizationHandler(world);
  return {
    name: "arm",
    audience: "https://management.azure.com/",
    owns: (path) => /^\/+subscriptions(\/|$)/i.test(path),
    handle(request: SimRequest): SimResponse {
      checkApiVersion(request, armLocation(world.account().location));
      return authorization(request) ?? route(request);
    },
    renderError: renderArmError,
    renderAuthFailure: renderArmAuthFailure,
  };
}
