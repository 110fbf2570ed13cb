/** What a hidden value prints as. */
export const hidden = "***";

/**
 * A URL with its credentials replaced: user name and password, and every query value (a SAS token
 * is a set of query parameters, and any of them may be the signature). Names stay, so the reader
 * still sees that a `sig` was there.
 */
export function maskUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (!url.username && !url.password && !url.search) return text;
  if (url.username) url.username = hidden;
  if (url.password) url.password = hidden;
  const names = [...url.searchParams.keys()];
  url.search = names.map((name) => `${encodeURIComponent(name)}=${hidden}`).join("&");
  return url.href;
}

const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
// Connection-string and form fields that carry a secret outside any URL.
const secretFieldPattern = /\b(sig|AccountKey|SharedAccessSignature|client_secret|password)=[^&;\s"']+/gi;

// Access tokens: a JWT anywhere (Entra ID and managed identity tokens are JWTs), or whatever follows "Bearer".
const jwtPattern = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const bearerPattern = /\b(Bearer)\s+[^\s"']+/gi;

/** Free text (an echoed value, an error message, a stack) with every credential in it replaced. */
export function maskSecretsInText(text: string): string {
  return text
    .replace(urlPattern, (url) => maskUrl(url))
    .replace(secretFieldPattern, `$1=${hidden}`)
    .replace(jwtPattern, hidden)
    .replace(bearerPattern, `$1 ${hidden}`);
}
