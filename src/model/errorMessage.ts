/**
 * What a thrown value says, for a line on screen or on stderr: an Error's message, anything else as
 * text (a library may throw a string). Azure's errors say more: src/azure/describeError.ts reads them.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
