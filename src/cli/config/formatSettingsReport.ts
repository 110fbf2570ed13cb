import type { ChalkInstance } from "chalk";
import { settingDefinitions } from "./settingDefinitions.js";
import type { SettingsReport } from "./settingsReport.js";

/** Aligned columns, two spaces apart; the last column is not padded, so no line ends in spaces. */
function table(rows: string[][], style: ((text: string) => string)[]): string[] {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, column) => Math.max(max[column] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) => {
    const filled = row.slice(0, row.findLastIndex((cell) => cell !== "") + 1);
    const cells = filled.map((cell, column) => {
      const padded = column === filled.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
      return (style[column] ?? String)(padded);
    });
    return `  ${cells.join("  ")}`;
  });
}

/** `config show` for people: settings with their sources, features, sign-in variables, files. */
export function formatSettingsReport(report: SettingsReport, colors: ChalkInstance): string {
  const lines: string[] = [];
  const endpointForm = settingDefinitions.accountEndpoint.commandLine;
  const settingRows = Object.entries(report.settings).map(([name, setting]) => {
    let from = setting.from ?? "";
    if (setting.overruled) from += `, overruling ${setting.overruled}`;
    if (name === "accountEndpoint" && setting.source === null && endpointForm)
      from = `required: set ${endpointForm.env} or ${endpointForm.flag}`;
    return [setting.label, setting.shown, from];
  });
  const profileRow = report.profile
    ? ["profile", report.profile.name, report.profile.from]
    : ["profile", "none", ""];
  lines.push(colors.bold("settings"));
  lines.push(
    ...table(
      [profileRow, ...settingRows],
      [colors.dim, (text) => (text.trim() === "not set" ? colors.yellow(text) : text), colors.dim],
    ),
  );

  lines.push("", colors.bold("features"));
  for (const feature of Object.values(report.features)) {
    lines.push(
      feature.on
        ? `  ${colors.green("on ")}  ${feature.title}`
        : `  ${colors.yellow("off")}  ${feature.hint}`,
    );
  }

  lines.push("", colors.bold(`sign-in: --auth ${report.signIn.method} (${report.signIn.credential})`));
  const environment = Object.entries(report.signIn.environment);
  if (environment.length === 0) lines.push(colors.dim("  no sign-in variables set"));
  else lines.push(...table(environment, [colors.dim, String]));

  const { config, policies } = report.files;
  lines.push("", colors.bold("files"));
  lines.push(
    ...table(
      [
        ["config", `${config.shownAs}${config.found ? "" : " (not found)"}`],
        ["policy", policies.length > 0 ? policies.join(", ") : "none"],
      ],
      [colors.dim, String],
    ),
  );
  return `${lines.join("\n")}\n`;
}
