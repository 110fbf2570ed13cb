import type { ManagementWorld } from "../../world/managementWorld.js";
import { armAccount } from "../armAccount.js";
import type { ArmRoute } from "../armRouting.js";
import { requireAccount, requireResourceGroup, requireSubscription } from "../armScope.js";
import { armJson } from "../armWire.js";

export const subscriptionPath = "/subscriptions/:subscriptionId";
export const resourceGroupPath = `${subscriptionPath}/resourceGroups/:resourceGroup`;
export const accountPath = `${resourceGroupPath}/providers/Microsoft.Batch/batchAccounts/:accountName`;

/** BatchAccount_List, BatchAccount_ListByResourceGroup, BatchAccount_Get. */
export function accountRoutes(world: ManagementWorld): ArmRoute[] {
  return [
    {
      pattern: `${subscriptionPath}/providers/Microsoft.Batch/batchAccounts`,
      methods: {
        GET: (request, params) =>
          armJson(request, { value: [armAccount(requireSubscription(world, params))] }),
      },
    },
    {
      pattern: `${resourceGroupPath}/providers/Microsoft.Batch/batchAccounts`,
      methods: {
        GET: (request, params) =>
          armJson(request, { value: [armAccount(requireResourceGroup(world, params))] }),
      },
    },
    {
      pattern: accountPath,
      methods: {
        GET: (request, params) => armJson(request, armAccount(requireAccount(world, params, false))),
      },
    },
  ];
}
