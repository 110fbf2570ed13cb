/** Where an effective setting came from, so `config show` and the header can say who set it. */
export type SettingSource =
  | { kind: "flag"; flag: string }
  | { kind: "env"; name: string }
  | { kind: "profile"; profile: string; file: string }
  | { kind: "configFile"; file: string; key: string }
  | { kind: "policy"; file: string }
  | { kind: "derived"; from: string }
  | { kind: "default" };

/** "--read-only", "env BATCHTOP_AUTH", "profile prod in ~/.config/batchtop/config.json", ... */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case "flag":
      return source.flag;
    case "env":
      return `env ${source.name}`;
    case "profile":
      return `profile ${source.profile} in ${source.file}`;
    case "configFile":
      return `${source.key} in ${source.file}`;
    case "policy":
      return `policy ${source.file}`;
    case "derived":
      return `derived from ${source.from}`;
    case "default":
      return "default";
  }
}
