import { render, type Instance } from "ink";
import type { ReactNode } from "react";
import { createScreenStream } from "./screenStream.js";

export interface ScreenOptions {
  output: NodeJS.WriteStream;
  input?: NodeJS.ReadStream;
  /** Ink's own whole-frame writes instead of the changed cells (BATCHTOP_FULL_FRAMES=1). */
  fullFrames: boolean;
  /** Ink's frame throttle; the render benchmark lifts it to time the work, not the wait. */
  maxFps?: number;
}

/** Draws a tree full screen on a terminal, sending it only the changed cells unless told not to. */
export function renderScreen(
  tree: ReactNode,
  { output, input, fullFrames, maxFps = 30 }: ScreenOptions,
): { app: Instance; dispose(): void } {
  const screen = fullFrames ? undefined : createScreenStream(output);
  const app = render(tree, {
    stdout: screen?.stream ?? output,
    ...(input ? { stdin: input } : {}),
    maxFps,
    // Ink's console patch writes console output to its stdout, where the screen stream would read it
    // as a frame. Nothing in the dashboard writes to the console.
    patchConsole: screen === undefined,
  });
  return { app, dispose: () => screen?.dispose() };
}
