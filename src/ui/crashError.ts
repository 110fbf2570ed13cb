/** A failure batchtop did not expect: the operator gets one line, the details go to a crash log. */
export class CrashError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = "CrashError";
  }
}
