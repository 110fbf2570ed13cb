import { settingDefinitions, type SettingName, type SettingValues } from "./settingDefinitions.js";

/** The parts of batchtop that need more than the Batch endpoint. */
export type FeatureName = "poolManagement" | "pipelineContext" | "adfjobsFallback";

export interface FeatureStatus {
  on: boolean;
  /** "pipeline context": how the UI names it. */
  title: string;
  /** When off: the line the UI shows where the user would look for the feature. */
  hint?: string;
}

const requirements: Record<FeatureName, { title: string; needs: SettingName[] }> = {
  poolManagement: { title: "pool management", needs: ["subscription", "resourceGroup"] },
  pipelineContext: { title: "pipeline context", needs: ["workspaceId"] },
  adfjobsFallback: { title: "adfjobs log fallback", needs: ["storageUrl"] },
};

function flagsAndVariables(names: SettingName[]): string {
  const forms = names.flatMap((name) => {
    const form = settingDefinitions[name].commandLine;
    return form ? [form] : [];
  });
  const flags = forms.map((form) => form.flag).join(" and ");
  const variables = forms.map((form) => form.env).join(" and ");
  return forms.length > 1 ? `${flags} (or ${variables})` : `${flags} or ${variables}`;
}

/** Which features the settings turn on; each one off carries the hint that names what turns it on. */
export function deriveFeatures(values: SettingValues): Record<FeatureName, FeatureStatus> {
  const status = (name: FeatureName): FeatureStatus => {
    const { title, needs } = requirements[name];
    const missing = needs.filter((setting) => values[setting] === undefined);
    if (missing.length === 0) return { on: true, title };
    return { on: false, title, hint: `${title} is off: set ${flagsAndVariables(missing)}` };
  };
  return {
    poolManagement: status("poolManagement"),
    pipelineContext: status("pipelineContext"),
    adfjobsFallback: status("adfjobsFallback"),
  };
}
