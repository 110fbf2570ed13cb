import type { SimRequest, SimResponse } from "../../http/service.js";
import {
  normaliseResourceId,
  scopeCovers,
  type PrincipalType,
  type RoleAssignmentRecord,
} from "../../world/identityDirectory.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import {
  findRoleDefinition,
  roleDefinitionName,
  type RoleDefinitionRecord,
} from "../../world/roleDefinitions.js";
import {
  authorizationFailed,
  invalidRequestContent,
  notSupported,
  resourceGroupNotFound,
  roleAssignmentExists,
  roleAssignmentNotFound,
  roleDefinitionDoesNotExist,
  subscriptionNotFound,
  unsupportedRoleAssignmentFilter,
} from "../armErrors.js";
import { enumKey, objectAt, optionalString, parseJsonBody, stringAt } from "../armJson.js";
import { armJson } from "../armWire.js";

// Microsoft.Authorization at 2022-04-01 (@azure/arm-authorization 9.0.0): role assignments listed
// at any scope (`$filter=atScope()` or `principalId eq '…'`), read, created and deleted, and role
// definitions read. Scopes have any depth (a subscription, a resource group, a storage account), so
// these paths are matched here rather than by the fixed-length ARM router. Every call is checked
// against the caller's own role assignments, as ARM does: a caller without
// Microsoft.Authorization/roleAssignments/read gets 403 AuthorizationFailed.

const provider = "microsoft.authorization";

interface AuthorizationPath {
  /** `/subscriptions/…`, without a trailing slash, as the request spelt it. */
  scope: string;
  collection: string;
  name?: string;
}

/** The scope and the rest of a `…/providers/Microsoft.Authorization/…` path; undefined for other paths. */
export function authorizationPath(path: string): AuthorizationPath | undefined {
  const segments = path.split("/").filter((segment) => segment !== "");
  let at = -1;
  for (let index = segments.length - 2; index >= 0 && at < 0; index--) {
    if (segments[index]?.toLowerCase() === "providers" && segments[index + 1]?.toLowerCase() === provider)
      at = index;
  }
  if (at < 0) return undefined;
  const rest = segments.slice(at + 2).map((segment) => decodeURIComponent(segment));
  const [collection, name, ...more] = rest;
  if (collection === undefined || more.length > 0) return undefined;
  return {
    scope: `/${segments
      .slice(0, at)
      .map((segment) => decodeURIComponent(segment))
      .join("/")}`,
    collection: collection.toLowerCase(),
    ...(name !== undefined ? { name } : {}),
  };
}

/** ARM resolves the subscription and the resource group of a scope before it looks at anything else. */
function checkScope(world: ManagementWorld, scope: string): void {
  const { subscriptionId, resourceGroup } = world.account();
  const match = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i.exec(scope);
  if (!match) throw notSupported(`role assignments at scope '${scope}'`);
  const [, subscription = "", group] = match;
  if (subscription.toLowerCase() !== subscriptionId.toLowerCase()) throw subscriptionNotFound(subscription);
  if (group !== undefined && group.toLowerCase() !== resourceGroup.toLowerCase())
    throw resourceGroupNotFound(group);
}

function requireAction(world: ManagementWorld, request: SimRequest, action: string, scope: string): void {
  const principalId = request.caller?.principalId ?? "";
  if (!world.identityDirectory().permits(principalId, action, scope))
    throw authorizationFailed(principalId, action, scope);
}

function subscriptionScope(world: ManagementWorld): string {
  return `/subscriptions/${world.account().subscriptionId}`;
}

/** The RoleAssignment shape; the role definition is named at the subscription, as ARM names built-ins. */
function armRoleAssignment(world: ManagementWorld, record: RoleAssignmentRecord): object {
  return {
    id: `${record.scope}/providers/Microsoft.Authorization/roleAssignments/${record.name}`,
    name: record.name,
    type: "Microsoft.Authorization/roleAssignments",
    properties: {
      roleDefinitionId: `${subscriptionScope(world)}/providers/Microsoft.Authorization/roleDefinitions/${record.roleDefinitionName}`,
      principalId: record.principalId,
      principalType: record.principalType,
      scope: record.scope,
      createdOn: record.createdOn,
      updatedOn: record.createdOn,
      ...(record.createdBy !== undefined ? { createdBy: record.createdBy, updatedBy: record.createdBy } : {}),
    },
  };
}

/** The RoleDefinition shape, named at the subscription wherever it is read, as ARM names built-in roles. */
function armRoleDefinition(world: ManagementWorld, definition: RoleDefinitionRecord): object {
  const { permissions } = definition;
  return {
    id: `${subscriptionScope(world)}/providers/Microsoft.Authorization/roleDefinitions/${definition.name}`,
    name: definition.name,
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: definition.roleName,
      type: definition.roleType,
      description: definition.description,
      assignableScopes: definition.roleType === "BuiltInRole" ? ["/"] : [subscriptionScope(world)],
      permissions: [
        {
          actions: [...permissions.actions],
          notActions: [...permissions.notActions],
          dataActions: [...permissions.dataActions],
          notDataActions: [...permissions.notDataActions],
        },
      ],
    },
  };
}

type AssignmentFilter = { atScope: boolean; principalId?: string };

/** `atScope()`, `principalId eq '<id>'`, or both joined with `and`; anything else is refused. */
export function parseAssignmentFilter(filter: string | null): AssignmentFilter {
  if (filter === null || filter.trim() === "") return { atScope: false };
  const result: AssignmentFilter = { atScope: false };
  for (const clause of filter.split(/\s+and\s+/i)) {
    const trimmed = clause.trim();
    const principal = /^principalId\s+eq\s+'([^']+)'$/i.exec(trimmed);
    if (/^atScope\(\)$/i.test(trimmed) && !result.atScope) result.atScope = true;
    else if (principal?.[1] !== undefined && result.principalId === undefined)
      result.principalId = principal[1];
    else throw unsupportedRoleAssignmentFilter(filter);
  }
  return result;
}

/**
 * Without a filter: assignments at, above and below the scope. `atScope()`: at or above it only.
 * `principalId eq`: that principal's, at, above and below.
 */
export function assignmentsFor(
  records: readonly RoleAssignmentRecord[],
  scope: string,
  filter: AssignmentFilter,
): RoleAssignmentRecord[] {
  return records.filter((record) => {
    if (
      filter.principalId !== undefined &&
      record.principalId.toLowerCase() !== filter.principalId.toLowerCase()
    )
      return false;
    const above = scopeCovers(record.scope, scope);
    return filter.atScope ? above : above || scopeCovers(scope, record.scope);
  });
}

const principalTypes: Readonly<Record<PrincipalType, string>> = {
  User: "User",
  Group: "Group",
  ServicePrincipal: "ServicePrincipal",
  ForeignGroup: "ForeignGroup",
  Device: "Device",
};

function createAssignment(
  world: ManagementWorld,
  request: SimRequest,
  scope: string,
  name: string,
): SimResponse {
  const body = objectAt(parseJsonBody(request.body), "parameters");
  const properties = objectAt(body.properties, "properties");
  const roleDefinitionId = stringAt(properties.roleDefinitionId, "properties.roleDefinitionId");
  const principalId = stringAt(properties.principalId, "properties.principalId");
  const principalType =
    properties.principalType === undefined || properties.principalType === null
      ? "User"
      : enumKey(principalTypes, properties.principalType, "properties.principalType");
  optionalString(properties.description, "properties.description");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(name))
    throw invalidRequestContent(`The role assignment name '${name}' is not a valid GUID`);
  const definition = findRoleDefinition(roleDefinitionName(roleDefinitionId));
  if (!definition) throw roleDefinitionDoesNotExist(roleDefinitionName(roleDefinitionId));
  const directory = world.identityDirectory();
  const sameName = directory
    .roleAssignments()
    .find(
      (record) =>
        record.name === name.toLowerCase() &&
        normaliseResourceId(record.scope) === normaliseResourceId(scope),
    );
  if (sameName) throw roleAssignmentExists();
  const { record, created } = directory.assignRole({
    name,
    scope,
    roleDefinitionName: definition.name,
    principalId,
    principalType,
    createdOn: world.now().toISOString(),
    ...(request.caller ? { createdBy: request.caller.principalId } : {}),
  });
  if (!created) throw roleAssignmentExists();
  return armJson(request, armRoleAssignment(world, record), {}, 201);
}

/** The handler for every Microsoft.Authorization path; undefined when the path is not one. */
export function authorizationHandler(
  world: ManagementWorld,
): (request: SimRequest) => SimResponse | undefined {
  return (request) => {
    const target = authorizationPath(request.path);
    if (!target) return undefined;
    const { scope, collection, name } = target;
    checkScope(world, scope);
    const directory = world.identityDirectory();
    const what = `${request.method} on ${request.path}`;
    if (collection === "roleassignments" && name === undefined) {
      if (request.method !== "GET") throw notSupported(what);
      requireAction(world, request, "Microsoft.Authorization/roleAssignments/read", scope);
      const filter = parseAssignmentFilter(request.query.get("$filter"));
      const value = assignmentsFor(directory.roleAssignments(), scope, filter);
      return armJson(request, { value: value.map((record) => armRoleAssignment(world, record)) });
    }
    if (collection === "roleassignments" && name !== undefined) {
      const existing = directory
        .roleAssignments()
        .find(
          (record) =>
            record.name === name.toLowerCase() &&
            normaliseResourceId(record.scope) === normaliseResourceId(scope),
        );
      switch (request.method) {
        case "GET":
          requireAction(world, request, "Microsoft.Authorization/roleAssignments/read", scope);
          if (!existing) throw roleAssignmentNotFound(name);
          return armJson(request, armRoleAssignment(world, existing));
        case "PUT":
          requireAction(world, request, "Microsoft.Authorization/roleAssignments/write", scope);
          return createAssignment(world, request, scope, name);
        case "DELETE": {
          requireAction(world, request, "Microsoft.Authorization/roleAssignments/delete", scope);
          const removed = directory.removeRoleAssignment(scope, name);
          // ARM answers 204 with no body when there was nothing to delete.
          return removed ? armJson(request, armRoleAssignment(world, removed)) : { status: 204 };
        }
        default:
          throw notSupported(what);
      }
    }
    if (collection === "roledefinitions" && name !== undefined && request.method === "GET") {
      requireAction(world, request, "Microsoft.Authorization/roleDefinitions/read", scope);
      const definition = findRoleDefinition(name);
      if (!definition) throw roleDefinitionDoesNotExist(name);
      return armJson(request, armRoleDefinition(world, definition));
    }
    throw notSupported(what);
  };
}
