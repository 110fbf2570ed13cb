// Synapse workspace endpoints from a template, apart from the SDK: the CLI checks the setting before
// any Azure SDK loads, so a mistyped template answers at once.

/** The audience of Synapse's data plane, whatever host a workspace's endpoint has. */
export const synapseScope = "https://dev.azuresynapse.net/.default";

const placeholder = "{workspace}";

/** The public cloud's template: each workspace has its own development endpoint host. */
export const publicSynapseEndpointTemplate = "https://{workspace}.dev.azuresynapse.net";

/**
 * Why a Synapse endpoint template cannot be used ("must ..."), undefined when it can: an https URL
 * naming the workspace with `{workspace}` and nothing else in braces.
 */
export function synapseTemplateProblem(template: string): string | undefined {
  const example = `such as ${publicSynapseEndpointTemplate}`;
  if (!template.includes(placeholder)) return `must name the workspace with {workspace}, ${example}`;
  const other = /\{[^}]*\}/.exec(template.replaceAll(placeholder, ""));
  if (other) return `must have {workspace} as its only placeholder, not ${other[0]}`;
  let url: URL;
  try {
    url = new URL(template.replaceAll(placeholder, "workspace"));
  } catch {
    return `must be an https URL ${example}`;
  }
  if (url.protocol !== "https:") return `must be an https URL ${example}`;
  return undefined;
}

/** A workspace's endpoint from the template (checked by synapseTemplateProblem). */
export function synapseEndpoint(template: string, workspaceName: string): string {
  return template.replaceAll(placeholder, encodeURIComponent(workspaceName)).replace(/\/+$/, "");
}
