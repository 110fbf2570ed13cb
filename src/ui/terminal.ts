import { writeSync } from "node:fs";

const enterSequence = "\u001b[?1049h";
const leaveSequence = "\u001b[?1049l";
const showCursor = "\u001b[?25h";

/** The restore of the screen in use, so a crash handler can give the terminal back first. */
let active: (() => void) | undefined;

/** Leaves the alternate screen now, if batchtop is in it; safe to call any number of times. */
export function restoreTerminal(): void {
  active?.();
}

/**
 * Ink 6.8 has no alternate-screen option: batchtop enters it before rendering and must leave it on
 * every exit path (quit, Ctrl-C, SIGTERM, a crash), or the operator's shell is left in a mess.
 */
export function enterAlternateScreen(output: NodeJS.WriteStream & { fd: number }): () => void {
  if (!output.isTTY) return () => undefined;
  output.write(enterSequence);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    // Synchronous: on the way out of a crash there is no later tick to flush an async write.
    writeSync(output.fd, showCursor + leaveSequence);
  };
  process.once("exit", restore);
  active = restore;
  return restore;
}

/**
 * Ink decides once, when it is first imported, whether it runs in CI (CI or CONTINUOUS_INTEGRATION
 * set); there it draws no frame until exit and ignores resizes. An operator's shell or a jump host
 * can carry CI=true, yet the dashboard only ever draws on a terminal, where that guess is wrong. So
 * on a terminal the variables are dropped before Ink loads.
 */
export function prepareInteractiveTerminal(
  output: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!output.isTTY) return;
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
}
