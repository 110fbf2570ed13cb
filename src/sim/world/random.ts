/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so the simulated account is reproducible:
 * the same seed and the same amount of simulated time always give the same world. Math.random is
 * never used by the world.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const base = seed >>> 0;
    this.a = splitmix32(base, 1);
    this.b = splitmix32(base, 2);
    this.c = splitmix32(base, 3);
    this.d = splitmix32(base, 4);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * An independent stream for one entity (a task attempt, a node boot), so what that entity does
   * does not depend on the order in which other entities drew numbers, and can be replayed on read.
   */
  static derive(seed: number, key: string): Random {
    return new Random(hash32(key, seed));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("Random.pick needs a non-empty list");
    return item;
  }

  /** Lower-case hex digits, `length` of them. */
  hex(length: number): string {
    const codes = new Array<number>(length);
    this.fillHex(codes, 0, length);
    return String.fromCharCode(...codes);
  }

  /**
   * A version-4 style GUID, as ADF gives activity and pipeline run ids. Built from character codes
   * in one go: the scale world holds 200,000 of them, and a string pieced together from slices would
   * keep every piece alive.
   */
  guid(): string {
    const codes = new Array<number>(36);
    this.fillHex(codes, 0, 8);
    codes[8] = dash;
    this.fillHex(codes, 9, 4);
    codes[13] = dash;
    codes[14] = hexDigits[4]!;
    this.fillHex(codes, 15, 3);
    codes[18] = dash;
    codes[19] = hexDigits[8 + (this.nextUint32() & 3)]!;
    this.fillHex(codes, 20, 3);
    codes[23] = dash;
    this.fillHex(codes, 24, 12);
    return String.fromCharCode(...codes);
  }

  private fillHex(codes: number[], from: number, count: number): void {
    let word = 0;
    for (let i = 0; i < count; i++) {
      if (i % 8 === 0) word = this.nextUint32();
      codes[from + i] = hexDigits[word & 15]!;
      word >>>= 4;
    }
  }
}

const hexDigits = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));
const dash = "-".charCodeAt(0);

/** The n-th output of splitmix32 from `seed`: spreads one seed over the generator's four words. */
function splitmix32(seed: number, n: number): number {
  let z = (seed + Math.imul(n, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit string hash (murmur3 finaliser over FNV-1a), stable across runs and platforms. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
