/**
 * An error a simulated service answers with. Each service renders it in its own wire shape (Batch's
 * `{code, message: {lang, value}, values}`, ARM's `{error: {code, message}}`, Log Analytics'
 * `{error: {code, message, innererror}}`), so world code only says what went wrong.
 */
export class SimServiceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly values: { key: string; value: string }[] = [],
  ) {
    super(message);
    this.name = "SimServiceError";
  }
}
