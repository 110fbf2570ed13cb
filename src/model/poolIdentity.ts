/**
 * Setting a pool's identities replaces its whole set (an identity left out is removed), so adding
 * one means sending the existing ones with it. ARM resource ids compare without regard to case.
 */
export function identitySetUnion(existing: readonly string[], added: readonly string[]): string[] {
  const seen = new Set<string>();
  const union: string[] = [];
  for (const resourceId of [...existing, ...added]) {
    const key = resourceId.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    union.push(resourceId);
  }
  return union;
}
