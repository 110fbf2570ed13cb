import { errorMessage } from "../model/errorMessage.js";

/** A failure batchtop did not expect: the operator gets one line, the details go to a crash log. */
export class CrashError extends Error {
  constructor(readonly original: unknown) {
    super(errorMessage(original));
    this.name = "CrashError";
  }
}
