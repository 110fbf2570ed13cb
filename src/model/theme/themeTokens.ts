/**
 * Every colour role the screen asks for, with one line on where it shows. Components name a token,
 * never a colour; a theme maps each token to a style. The set is closed: a theme file naming a token
 * not listed here is refused on load, so a typo cannot silently leave the default in place.
 */
export const themeTokens = {
  "text.primary": "ordinary text: ids, names, values",
  "text.muted": "secondary text: ages, units, placeholders, the '… 12 more' line",
  "text.accent": "the batchtop name in the header and values that deserve a second look",
  "table.header": "column headings of the lists",

  "pane.border": "the border of a pane without focus",
  "pane.border.focused": "the border of the pane that has focus",
  "pane.title": "a pane's title, count and age",
  "pane.title.focused": "the focused pane's title",

  selection: "the selected row in the focused pane",
  "selection.inactive": "the selected row of a pane without focus",

  "status.warning": "needs attention soon: retries, slow polls, quota close to its limit",
  "status.error": "failed or broken: errors, failure codes, unhealthy counts",
  "status.info": "neutral news in the flash line and hints",
  stale: "data older than its refresh interval, next to its age",

  "badge.readOnly": "the READ-ONLY badge in the header",
  "badge.throttled": "the throttled badge while Azure answers 429 or 503",
  "badge.adf": "the ADF/Synapse marker on adfv2-<pool> jobs",
  "badge.error": "a badge carrying an error: a pool's resize error code, UNREACHABLE in the header",

  "hint.key": "a key in the footer and the help screen",
  "hint.text": "what that key does",
  "input.prompt": "the : command and / filter prompts and what is typed after them",
  "input.completion": "the completion command mode offers",

  "dialog.border": "the border of a confirmation dialog",
  "dialog.title": "a dialog's title",
  "dialog.danger": "what a dangerous action will change (scale to zero, replace identities)",

  "node.idle": "node ready for work, running nothing",
  "node.running": "node running tasks",
  "node.creating": "node being allocated",
  "node.starting": "node booting",
  "node.waitingForStartTask": "node waiting for its start task to finish",
  "node.startTaskFailed": "node whose start task failed: it takes no work",
  "node.unusable": "node that cannot run tasks",
  "node.preempted": "spot node taken back by Azure",
  "node.leavingPool": "node on its way out of the pool",
  "node.offline": "node the service cannot use",
  "node.rebooting": "node rebooting",
  "node.reimaging": "node being reimaged",
  "node.unknown": "node the service has lost contact with, and any state batchtop does not know",

  "task.active": "task waiting for a node",
  "task.preparing": "task whose node is running the job preparation task",
  "task.running": "task running",
  "task.succeeded": "task completed with success",
  "task.failed": "task completed with failure or with failure info, whatever its exit code",

  "job.active": "job taking tasks (also enabling)",
  "job.disabled": "job disabled or being disabled",
  "job.terminating": "job terminating or being deleted",
  "job.completed": "job completed",

  "pool.steady": "pool at its target size",
  "pool.resizing": "pool growing or shrinking",
  "pool.stopping": "pool whose resize is being stopped",

  "log.stderr": "the stderr tail",
  "log.match": "a search match in a log",
  "log.notice": "batchtop's own notes in a log: its source and byte offset, the output-buffering hint",

  "heatmap.legend": "the words of the node heatmap's legend",

  "json.key": "property names in the details pane",
  "json.string": "strings in the details pane",
  "json.number": "numbers in the details pane",
  "json.literal": "true, false and null in the details pane",
} as const;

export type ThemeToken = keyof typeof themeTokens;

export const themeTokenNames = Object.keys(themeTokens) as ThemeToken[];

export function isThemeToken(name: string): name is ThemeToken {
  return Object.hasOwn(themeTokens, name);
}
