// A drill for the demo account only: the data team deploys the fix for a pipeline's bad deploy (in
// the incident scenario, transform_customers_hourly's schema change), so its runs from then on
// succeed and a recovery run of a failed one ends the incident. On Azure that is a release of the
// pipeline's code, outside batchtop; here it is the demo account's own drill endpoint.

import { providerApiVersions } from "../arm/armPaths.js";
import { armFailure, demoArm, DrillError } from "./demoArm.js";

/** Deploys the fix through the running demo account; returns the line to print. */
export async function fixPipeline(pipelineName: string, environment: NodeJS.ProcessEnv): Promise<string> {
  const demo = demoArm(environment, {
    drill: "fix-pipeline",
    scenario: "incident",
    onAzure: "on Azure, deploy the pipeline's fix as your team releases it",
  });
  const { base, send } = await demo.connect();
  const answer = await send(
    new URL(
      `${base}/subscriptions/${demo.env.AZURE_SUBSCRIPTION_ID}/providers/Batchtop.Demo/fixPipeline?api-version=${providerApiVersions["batchtop.demo"]}`,
    ),
    "POST",
    { pipelineName },
  );
  if (answer.status === 404)
    throw new DrillError(`no pipeline of the demo account is named "${pipelineName}"`, 1);
  if (answer.status !== 200) throw new DrillError(`deploying the fix: ${armFailure(answer)}`, 1);
  const fixed = (answer.body as { fixed?: unknown }).fixed;
  const names = Array.isArray(fixed) ? fixed.filter((name): name is string => typeof name === "string") : [];
  return names.length > 0
    ? `deployed the fix for ${names.join(", ")}: runs from now on succeed; re-run the failed ones from the failed activity`
    : `${pipelineName} has nothing to fix: its runs do not fail from a bad deploy`;
}
