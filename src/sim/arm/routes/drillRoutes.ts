import { ArmError, authorizationFailed, invalidRequestContent } from "../armErrors.js";
import { objectAt, parseJsonBody, stringAt } from "../armJson.js";
import type { ArmRoute } from "../armRouting.js";
import { requireSubscription } from "../armScope.js";
import { armJson } from "../armWire.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import { subscriptionPath } from "./accountRoutes.js";

// The demo account's own drills, under a namespace that is not Azure's (Batchtop.Demo): what a team
// does outside Azure's APIs, here deploying a pipeline's fix. Only `batchtop sim fix-pipeline` calls
// it; batchtop's dashboard never does.

const fixAction = "Batchtop.Demo/fixPipeline/action";

export function drillRoutes(world: ManagementWorld): ArmRoute[] {
  return [
    {
      pattern: `${subscriptionPath}/providers/Batchtop.Demo/fixPipeline`,
      methods: {
        POST: (request, params) => {
          const { subscriptionId } = requireSubscription(world, params);
          const principalId = request.caller?.principalId ?? "";
          const scope = `/subscriptions/${subscriptionId}`;
          if (!world.identityDirectory().permits(principalId, fixAction, scope))
            throw authorizationFailed(principalId, fixAction, scope);
          const body = objectAt(parseJsonBody(request.body), "body");
          const name = stringAt(body.pipelineName, "pipelineName");
          if (name === "") throw invalidRequestContent("'pipelineName' must not be empty");
          let fixed: string[];
          try {
            fixed = world.fixPipeline(name);
          } catch {
            throw new ArmError(
              404,
              "PipelineNotFound",
              `No pipeline of the demo account is named '${name}'.`,
            );
          }
          return armJson(request, { fixed });
        },
      },
    },
  ];
}
