// Resolving the scope in a request path, in the order ARM checks it: subscription, resource group,
// then the Batch account (ResourceNotFound when it is the resource asked for, ParentResourceNotFound
// when a resource under it is). Names compare without regard to case, as in ARM.

import type { ManagementWorld } from "../world/managementWorld.js";
import type { AccountConfig } from "../world/accountConfig.js";
import {
  parentResourceNotFound,
  resourceGroupNotFound,
  resourceNotFound,
  subscriptionNotFound,
} from "./armErrors.js";
import type { ArmParams } from "./armRouting.js";

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function requireSubscription(world: ManagementWorld, params: ArmParams): Readonly<AccountConfig> {
  const account = world.account();
  const subscriptionId = params.get("subscriptionId");
  if (!same(subscriptionId, account.subscriptionId)) throw subscriptionNotFound(subscriptionId);
  return account;
}

export function requireResourceGroup(world: ManagementWorld, params: ArmParams): Readonly<AccountConfig> {
  const account = requireSubscription(world, params);
  const resourceGroup = params.get("resourceGroup");
  if (!same(resourceGroup, account.resourceGroup)) throw resourceGroupNotFound(resourceGroup);
  return account;
}

/** The account a path names; `nested` when the request is for a resource under it. */
export function requireAccount(
  world: ManagementWorld,
  params: ArmParams,
  nested: boolean,
): Readonly<AccountConfig> {
  const account = requireResourceGroup(world, params);
  const name = params.get("accountName");
  if (same(name, account.name)) return account;
  throw nested
    ? parentResourceNotFound(name)
    : resourceNotFound("Microsoft.Batch/batchAccounts", name, params.get("resourceGroup"));
}
