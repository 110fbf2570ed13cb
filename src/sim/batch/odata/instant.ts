// Batch timestamps carry seven fractional digits ("2016-11-22T22:22:27.2236818Z") and clients filter
// with them (`stateTransitionTime gt DateTime'<last seen>'`). Milliseconds would lose the last four
// digits and make that filter return the same item again, so times compare as canonical UTC strings
// with all seven digits, which order lexically the same way as the instants they name.

const utcForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;
const zeros = "0000000";
const offsetForm = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/i;

/** A sortable key for an ISO 8601 time, or undefined when the text is not one. */
export function instantKey(text: string): string | undefined {
  // The fast path covers every time the simulator itself writes; a scan over 100,000 tasks lives here,
  // so it pads with slices rather than building match groups.
  if (utcForm.test(text)) {
    const fraction = text.length > 20 ? text.slice(20, -1) : "";
    return `${text.slice(0, 19)}.${fraction}${zeros.slice(fraction.length)}`;
  }
  const match = offsetForm.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? "").padEnd(7, "0");
  const zone = match[3] === undefined || match[3].toUpperCase() === "Z" ? "Z" : match[3];
  const base = match[1]!.length === 16 ? `${match[1]}:00` : match[1]!;
  const ms = Date.parse(`${base}.${fraction.slice(0, 3)}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 23)}${fraction.slice(3)}`;
}
