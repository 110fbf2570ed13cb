/**
 * Every keyboard command of the dashboard: its name, default keys, where it applies and what it
 * does. The keymap, the help screen, the footer and the README's key table are all read from here,
 * so they cannot disagree.
 */

/**
 * Where a key is pressed. "global" means every pane; dialogs are modal and take only their own keys.
 * "doctor" is the details pane while it shows the identity doctor (`:doctor`) or a pool's details
 * (with the doctor's verdict line): the pool's repairs are pressed there too. "timeline" is the
 * details pane while it shows `:timeline`.
 */
export const keyScopes = [
  "global",
  "pools",
  "nodes",
  "jobs",
  "tasks",
  "log",
  "details",
  "doctor",
  "timeline",
  "dialogs",
] as const;
export type KeyScope = (typeof keyScopes)[number];
/** The scope of the focused pane or open dialog, as the UI passes it to the keymap. */
export type FocusScope = Exclude<KeyScope, "global">;

export const commandCategories = ["navigation", "view", "log", "actions", "app"] as const;
export type CommandCategory = (typeof commandCategories)[number];

export const categoryTitles: Readonly<Record<CommandCategory, string>> = {
  navigation: "Navigation",
  view: "View",
  log: "Log tail",
  actions: "Actions",
  app: "App",
};

export interface CommandSpec {
  category: CommandCategory;
  scopes: readonly KeyScope[];
  /** Canonical key names (see keyNames.ts), the first being the one the footer shows. */
  keys: readonly string[];
  /** One line for the help screen and the README. */
  description: string;
  /** A word or two for the footer; commands without one are listed only in the help. */
  hint?: string;
  /** Changes something in Azure: absent from help and footer, and refused, in read-only mode. */
  mutates?: boolean;
  /** Not built yet: the key says how to do it meanwhile and changes nothing. */
  notBuilt?: boolean;
}

const lists = ["pools", "nodes", "jobs", "tasks"] as const;

const table = {
  "nav.up": {
    category: "navigation",
    scopes: ["global"],
    keys: ["up", "k"],
    description: "move the selection up, or scroll up",
  },
  "nav.down": {
    category: "navigation",
    scopes: ["global"],
    keys: ["down", "j"],
    description: "move the selection down, or scroll down",
  },
  "nav.top": {
    category: "navigation",
    scopes: ["global"],
    keys: ["g", "home"],
    description: "jump to the first row, or the top of the log",
  },
  "nav.bottom": {
    category: "navigation",
    scopes: ["global"],
    keys: ["G", "end"],
    description: "jump to the last row, or the end of the log",
  },
  "nav.pageUp": {
    category: "navigation",
    scopes: ["global"],
    keys: ["pageup", "ctrl+b"],
    description: "one page up",
  },
  "nav.pageDown": {
    category: "navigation",
    scopes: ["global"],
    keys: ["pagedown", "ctrl+f"],
    description: "one page down",
  },
  "nav.drillDown": {
    category: "navigation",
    scopes: [...lists, "details"],
    keys: ["enter"],
    hint: "open",
    description:
      "open the selected row: a pool's nodes, a node's tasks, a job's tasks, a task's log; in :changes and :runs all, land where the row lives",
  },
  "nav.back": {
    category: "navigation",
    scopes: ["global"],
    keys: ["esc"],
    hint: "back",
    description: "go back to where Enter came from",
  },
  "focus.next": {
    category: "navigation",
    scopes: ["global", "dialogs"],
    keys: ["tab"],
    description: "focus the next pane, or the next button of a dialog",
  },
  "focus.previous": {
    category: "navigation",
    scopes: ["global", "dialogs"],
    keys: ["shift+tab"],
    description: "focus the previous pane, or the previous button of a dialog",
  },
  "mode.command": {
    category: "navigation",
    scopes: ["global"],
    keys: [":"],
    hint: "command",
    description:
      "command mode: :pools, :nodes, :jobs, :tasks, :logs, :find ID, :changes [30m], :runs [all WORDS], :theme NAME, :q and more",
  },
  "mode.filter": {
    category: "view",
    scopes: lists,
    keys: ["/"],
    hint: "filter",
    description: "filter the rows by a regular expression (smart case; a leading ! inverts)",
  },
  "view.faultsOnly": {
    category: "view",
    scopes: lists,
    keys: ["f"],
    hint: "faults",
    description:
      "show only faults (pools with errors, unhealthy or stuck nodes or mostly failing tasks; unhealthy or stuck nodes; jobs with failures; failed tasks) or everything",
  },
  "view.sort": {
    category: "view",
    scopes: lists,
    keys: ["s"],
    hint: "sort",
    description: "sort by the next column",
  },
  "nodes.sortByTimeInState": {
    category: "view",
    scopes: ["nodes"],
    keys: ["t"],
    hint: "by age",
    description: "sort nodes by time in their state, longest first",
  },
  "nodes.startTaskLog": {
    category: "view",
    scopes: ["nodes"],
    keys: ["l"],
    hint: "start task",
    description:
      "read the selected node's start task output (startup/stdout.txt, e for stderr) in the log pane",
  },
  "view.failedTasks": {
    category: "view",
    scopes: ["global"],
    keys: ["F"],
    description:
      "show the failed tasks of the job failing most in the last hour (the line under the header); again for the next job",
  },
  "runs.widen": {
    category: "view",
    scopes: ["details"],
    keys: ["a"],
    description:
      "in :runs (a job's pipeline runs), widen to every ADF and Synapse activity run of the workspace, as :runs all",
  },
  "view.details": {
    category: "view",
    scopes: lists,
    keys: ["d"],
    hint: "details",
    description: "show the selected object as JSON",
  },
  "timeline.earlier": {
    category: "view",
    scopes: ["timeline"],
    keys: ["left", "h"],
    description: "in :timeline, select the bucket before",
  },
  "timeline.later": {
    category: "view",
    scopes: ["timeline"],
    keys: ["right", "l"],
    description: "in :timeline, select the bucket after",
  },
  "timeline.range": {
    category: "view",
    scopes: ["timeline"],
    keys: ["t"],
    hint: "range",
    description: "in :timeline, show the last 1 h, 6 h or 24 h, in turn",
  },
  "timeline.open": {
    category: "view",
    scopes: ["timeline"],
    keys: ["enter"],
    hint: "list/land",
    description:
      "in :timeline, list the selected bucket's events; on an event, land where it lives (a task and its log, a pool)",
  },
  "log.toggleStream": {
    category: "log",
    scopes: ["log"],
    keys: ["e"],
    hint: "stdout/stderr",
    description: "switch between stdout and stderr",
  },
  "log.follow": {
    category: "log",
    scopes: ["log"],
    keys: ["f"],
    hint: "follow",
    description: "follow new output, or stop following",
  },
  "log.wrap": {
    category: "log",
    scopes: ["log"],
    keys: ["w"],
    hint: "wrap",
    description: "wrap long lines, or cut them at the pane's edge",
  },
  "log.search": {
    category: "log",
    scopes: ["log"],
    keys: ["/"],
    hint: "search",
    description: "search the log and highlight the matches",
  },
  "log.searchNext": {
    category: "log",
    scopes: ["log"],
    keys: ["n"],
    description: "jump to the next match",
  },
  "log.searchPrevious": {
    category: "log",
    scopes: ["log"],
    keys: ["N"],
    description: "jump to the previous match",
  },
  "log.save": {
    category: "log",
    scopes: ["log"],
    keys: ["ctrl+s"],
    hint: "save",
    description: "save the log to a file under $XDG_STATE_HOME/batchtop/",
  },
  "pool.rescale": {
    category: "actions",
    scopes: ["pools"],
    keys: ["S"],
    hint: "scale",
    mutates: true,
    description:
      "resize the selected pool: dedicated and spot targets, what happens to tasks on removed nodes, and the resize timeout",
  },
  "pool.stopResize": {
    category: "actions",
    scopes: ["pools"],
    keys: ["X"],
    hint: "stop resize",
    mutates: true,
    description: "stop the resize of the selected pool where it stands (a resize that is stuck)",
  },
  "pool.attachIdentity": {
    category: "actions",
    scopes: ["pools", "doctor"],
    keys: ["I"],
    hint: "identity",
    mutates: true,
    description:
      "attach a user-assigned identity to the selected pool, keeping its others; in :doctor, pre-filled with the verdict's fix",
  },
  "pool.cycleNodes": {
    category: "actions",
    scopes: ["pools", "doctor"],
    keys: ["C"],
    hint: "cycle",
    mutates: true,
    description:
      "cycle the selected pool's nodes (scale to 0 and back) so new nodes carry its identities; in :doctor, the verdict's pool",
  },
  "pool.autoscale": {
    category: "actions",
    scopes: ["pools"],
    keys: ["A"],
    hint: "autoscale",
    // The dialog only reads and evaluates (read-only mode too); its Apply is an action like the others.
    description:
      "an autoscaled pool's formula: edit it, Evaluate it (changes nothing, read-only too), and Apply it after a confirmation",
  },
  "node.reboot": {
    category: "actions",
    scopes: ["nodes"],
    keys: ["B"],
    hint: "reboot",
    mutates: true,
    description: "reboot the selected (or marked) nodes, one request per node",
  },
  "nodes.mark": {
    category: "navigation",
    scopes: ["nodes"],
    keys: ["space"],
    description: "mark or unmark the selected node: B, D, E, X and O then act on every marked node",
  },
  "nodes.clearMarks": {
    category: "navigation",
    scopes: ["nodes"],
    keys: ["u"],
    description: "clear the node marks (Esc clears them too)",
  },
  "node.disableScheduling": {
    category: "actions",
    scopes: ["nodes"],
    keys: ["D"],
    hint: "disable",
    mutates: true,
    description:
      "disable task scheduling on the selected (or marked) nodes, choosing what happens to their running tasks",
  },
  "node.enableScheduling": {
    category: "actions",
    scopes: ["nodes"],
    keys: ["E"],
    mutates: true,
    description: "enable task scheduling again on the selected (or marked) nodes",
  },
  "node.remove": {
    category: "actions",
    scopes: ["nodes"],
    keys: ["X"],
    hint: "remove",
    mutates: true,
    description:
      "remove the selected (or marked) nodes from the pool in one request, choosing what happens to their running tasks",
  },
  "node.reimage": {
    category: "actions",
    scopes: ["nodes"],
    keys: ["O"],
    mutates: true,
    description:
      "reimage the selected (or marked) nodes: reinstall the OS, choosing what happens to running tasks",
  },
  "tasks.mark": {
    category: "navigation",
    scopes: ["tasks"],
    keys: ["space"],
    description: "mark or unmark the selected task: R then re-runs every marked task",
  },
  "tasks.clearMarks": {
    category: "navigation",
    scopes: ["tasks"],
    keys: ["u"],
    description: "clear the task marks (Esc clears them too)",
  },
  "task.rerun": {
    category: "actions",
    scopes: ["tasks"],
    keys: ["R"],
    hint: "rerun",
    mutates: true,
    description:
      "re-run the selected (or marked) failed tasks: the pipeline from the failed activity (a recovery run), or the Batch task alone (reactivate)",
  },
  "task.terminate": {
    category: "actions",
    scopes: ["tasks"],
    keys: ["T"],
    hint: "terminate",
    mutates: true,
    description:
      "terminate the selected task; the dialog says whether its pipeline activity still waits for it",
  },
  "dialog.confirm": {
    category: "actions",
    scopes: ["dialogs"],
    keys: ["enter"],
    hint: "choose",
    description: "press the focused button of a dialog (Cancel until you move)",
  },
  "identity.remove": {
    category: "actions",
    scopes: ["dialogs"],
    keys: ["x"],
    mutates: true,
    description: "in the identity picker: remove the selected identity from the pool (asks for its name)",
  },
  "dialog.cancel": {
    category: "actions",
    scopes: ["dialogs"],
    keys: ["esc"],
    hint: "cancel",
    description: "close the dialog without changing anything",
  },
  "app.help": {
    category: "app",
    scopes: ["global"],
    keys: ["?"],
    hint: "help",
    description: "show every key, as bound for you",
  },
  "app.refresh": {
    category: "app",
    scopes: ["global"],
    keys: ["r"],
    description: "poll now instead of waiting for the next refresh",
  },
  "app.quit": {
    category: "app",
    scopes: ["global"],
    keys: ["q", "ctrl+c"],
    hint: "quit",
    description: "quit and restore the terminal",
  },
} as const satisfies Readonly<Record<string, CommandSpec>>;

export type CommandId = keyof typeof table;

export const commands: Readonly<Record<CommandId, CommandSpec>> = table;

/** In the table's order, which is the order of the help screen, the footer and the README. */
export const commandIds = Object.keys(table) as CommandId[];

export function isCommandId(name: string): name is CommandId {
  return Object.hasOwn(table, name);
}

/** Global commands apply in every pane, but not in dialogs: a dialog is modal and takes only its own keys. */
export function inheritsGlobal(scope: KeyScope): boolean {
  return scope !== "dialogs";
}

export function appliesIn(command: CommandId, scope: FocusScope): boolean {
  const { scopes } = commands[command];
  return scopes.includes(scope) || (inheritsGlobal(scope) && scopes.includes("global"));
}
