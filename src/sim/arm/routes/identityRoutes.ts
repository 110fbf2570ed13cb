import type { ManagedIdentity } from "../../world/identityDirectory.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import { authorizationFailed, resourceNotFound } from "../armErrors.js";
import { armLocation } from "../armPaths.js";
import type { ArmRoute } from "../armRouting.js";
import type { SimRequest } from "../../http/service.js";
import { requireResourceGroup, requireSubscription } from "../armScope.js";
import { armJson } from "../armWire.js";
import { resourceGroupPath, subscriptionPath } from "./accountRoutes.js";

// Microsoft.ManagedIdentity/userAssignedIdentities at 2024-11-30 (@azure/arm-msi 2.2.0): the
// tenant's user-assigned identities, listed in the subscription or a resource group, and read one by
// one. Read-only: the demo tenant's identities are laid out by the scenario.

const identityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
const readAction = `${identityType}/read`;

function identityName(identity: ManagedIdentity): string {
  return identity.resourceId.split("/").at(-1) ?? identity.resourceId;
}

function resourceGroupOf(identity: ManagedIdentity): string {
  return /\/resourceGroups\/([^/]+)/i.exec(identity.resourceId)?.[1] ?? "";
}

/** The Identity shape (TrackedResource with UserAssignedIdentityProperties). */
export function armIdentity(identity: ManagedIdentity, location: string): object {
  return {
    id: identity.resourceId,
    name: identityName(identity),
    type: identityType,
    location: armLocation(location),
    tags: {},
    properties: {
      ...(identity.tenantId !== undefined ? { tenantId: identity.tenantId } : {}),
      principalId: identity.principalId,
      clientId: identity.clientId,
      isolationScope: "None",
    },
  };
}

/** ARM checks the caller's roles at the scope asked about before anything is read. */
function requireRead(world: ManagementWorld, request: SimRequest, scope: string): void {
  const principalId = request.caller?.principalId ?? "";
  if (!world.identityDirectory().permits(principalId, readAction, scope))
    throw authorizationFailed(principalId, readAction, scope);
}

/** UserAssignedIdentities_ListBySubscription, _ListByResourceGroup, _Get. */
export function identityRoutes(world: ManagementWorld): ArmRoute[] {
  const location = () => world.account().location;
  const all = () => world.identityDirectory().list();
  return [
    {
      pattern: `${subscriptionPath}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      methods: {
        GET: (request, params) => {
          const { subscriptionId } = requireSubscription(world, params);
          requireRead(world, request, `/subscriptions/${subscriptionId}`);
          return armJson(request, { value: all().map((identity) => armIdentity(identity, location())) });
        },
      },
    },
    {
      pattern: `${resourceGroupPath}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      methods: {
        GET: (request, params) => {
          const { subscriptionId, resourceGroup } = requireResourceGroup(world, params);
          requireRead(world, request, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`);
          const inGroup = all().filter(
            (identity) => resourceGroupOf(identity).toLowerCase() === resourceGroup.toLowerCase(),
          );
          return armJson(request, { value: inGroup.map((identity) => armIdentity(identity, location())) });
        },
      },
    },
    {
      pattern: `${resourceGroupPath}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/:name`,
      methods: {
        GET: (request, params) => {
          const { subscriptionId, resourceGroup } = requireResourceGroup(world, params);
          const name = params.get("name");
          const resourceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${identityType}/${name}`;
          requireRead(world, request, resourceId);
          const identity = world.identityDirectory().find(resourceId);
          if (!identity) throw resourceNotFound(identityType, name, params.get("resourceGroup"));
          return armJson(request, armIdentity(identity, location()));
        },
      },
    },
  ];
}
