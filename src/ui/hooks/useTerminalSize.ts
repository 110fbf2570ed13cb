import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface TerminalSize {
  width: number;
  height: number;
}

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  return { width: stdout.columns || 80, height: stdout.rows || 24 };
}

/** The terminal's size, updated the moment it is resized, so the layout follows at once. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}
