/**
 * One error code as batchtop explains it: in our own words, from Microsoft's public documents (the
 * `docs` link), for an operator who meets the code at 3 a.m. Each text is one short sentence.
 */
export interface ErrorCodeEntry {
  /** The code as the service spells it; looked up without regard to case. */
  code: string;
  /** What the code usually means. */
  means: string;
  /** What to look at first. */
  check: string;
  /** What usually fixes it. */
  fix: string;
  /** Microsoft's page about it. */
  docs: string;
}
