import { homedir } from "node:os";
import { isAbsolute, join, sep } from "node:path";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The jump-host policy every user of the machine gets. Fixed on purpose: no flag or variable moves
 * it, so a user cannot point batchtop at a laxer file (tests hand a path to the loader instead).
 */
export const systemPolicyPath = "/etc/batchtop/policy.json";

function homeDirectory(env: Environment): string {
  return env.HOME || homedir();
}

/** `$XDG_CONFIG_HOME/batchtop`; the XDG spec ignores an empty or relative value. */
function configDirectory(env: Environment): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeDirectory(env), ".config");
  return join(base, "batchtop");
}

/** `$XDG_CONFIG_HOME/batchtop/config.json` (default `~/.config/batchtop/config.json`). */
export function configFilePath(env: Environment): string {
  return join(configDirectory(env), "config.json");
}

/** `$XDG_CONFIG_HOME/batchtop/themes`, where a user's own themes live, one `<name>.json` each. */
export function userThemesDirectory(env: Environment): string {
  return join(configDirectory(env), "themes");
}

/** `$XDG_STATE_HOME/batchtop` (default `~/.local/state/batchtop`): crash logs and saved log tails. */
export function stateDirectory(env: Environment): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeDirectory(env), ".local", "state");
  return join(base, "batchtop");
}

/** A path as the user would type it: `~/.config/...` rather than `/home/someone/.config/...`. */
export function displayPath(path: string, env: Environment): string {
  const home = homeDirectory(env);
  return path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}
