import type { Identity } from "@azure/arm-msi";
import type { RoleAssignment } from "@azure/arm-authorization";
import { sanitizeInline } from "../model/sanitize.js";
import type { ManagedIdentityInfo, RoleAssignmentFact } from "../model/identities.js";

// ARM's user-assigned identities and role assignments in batchtop's model types. Names and ids come
// from the service, so what is drawn later is neutralised here, once.

/** The resource group an ARM resource id names, e.g. `rg-etl` in `/subscriptions/…/resourceGroups/rg-etl/…`. */
export function resourceGroupOf(resourceId: string): string | undefined {
  const match = /\/resourceGroups\/([^/]+)/i.exec(resourceId);
  return match?.[1];
}

/** An identity without an id cannot be attached or referenced, so it is left out (undefined). */
export function toManagedIdentityInfo(identity: Identity): ManagedIdentityInfo | undefined {
  const resourceId = identity.id;
  if (!resourceId) return undefined;
  const name = identity.name ?? resourceId.split("/").at(-1) ?? resourceId;
  const { clientId, principalId } = identity;
  return {
    resourceId: sanitizeInline(resourceId),
    name: sanitizeInline(name),
    resourceGroup: sanitizeInline(resourceGroupOf(resourceId) ?? ""),
    ...(identity.location ? { location: sanitizeInline(identity.location) } : {}),
    ...(clientId ? { clientId: sanitizeInline(clientId) } : {}),
    ...(principalId ? { principalId: sanitizeInline(principalId) } : {}),
  };
}

const definitionMarker = "/providers/microsoft.authorization/roledefinitions/";

/**
 * Where a role definition id can be read: `roleDefinitions.get(scope, name)`. A built-in role's id
 * names the subscription it was read at (`/subscriptions/…/providers/Microsoft.Authorization/
 * roleDefinitions/<guid>`); a tenant-level id has no scope, and then the assignment's own scope,
 * where the role is assignable, is asked instead.
 */
export function roleDefinitionLocation(
  roleDefinitionId: string,
  fallbackScope: string,
): { scope: string; name: string } | undefined {
  const at = roleDefinitionId.toLowerCase().lastIndexOf(definitionMarker);
  if (at < 0) return undefined;
  const name = roleDefinitionId.slice(at + definitionMarker.length);
  if (name === "" || name.includes("/")) return undefined;
  const scope = roleDefinitionId.slice(0, at);
  return { scope: scope === "" ? fallbackScope : scope, name };
}

/** Role definition ids compare without regard to case, as ARM ids do. */
export function roleDefinitionKey(roleDefinitionId: string): string {
  return roleDefinitionId.toLowerCase();
}

/** An assignment without a principal or role says nothing about anyone's access: left out (undefined). */
export function toRoleAssignmentFact(
  assignment: RoleAssignment,
  roleNames: ReadonlyMap<string, string>,
): RoleAssignmentFact | undefined {
  const { principalId, roleDefinitionId, scope } = assignment;
  if (!principalId || !roleDefinitionId) return undefined;
  const roleName = roleNames.get(roleDefinitionKey(roleDefinitionId));
  return {
    principalId: sanitizeInline(principalId),
    roleDefinitionId: sanitizeInline(roleDefinitionId),
    ...(roleName !== undefined ? { roleName: sanitizeInline(roleName) } : {}),
    scope: sanitizeInline(scope ?? ""),
  };
}
