/**
 * Seeded randomness. Everything the simulator invents comes from here, so one seed gives the
 * same estate and the same readings on every run and every machine.
 */

/** The murmur3 finaliser: a good 32-bit avalanche in a few integer operations. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of two integers: random access to "the noise at slot i of register r". */
export function hash2(a: number, b: number): number {
  return fmix(fmix(a ^ 0x9e3779b9) ^ Math.imul(b | 0, 0x27d4eb2f));
}

/** A 32-bit hash of a seed and a text key, for naming independent streams ("meters", "gaps"...). */
export function hashKey(seed: number, key: string): number {
  let h = fmix(seed ^ 0x85ebca6b);
  for (let i = 0; i < key.length; i++) h = fmix(h ^ Math.imul(key.charCodeAt(i), 0xcc9e2d51));
  return h;
}

/** A 32-bit hash as a number in [0, 1). */
export function unit(h: number): number {
  return h / 4294967296;
}

/** A sequential generator (mulberry32) for building the estate. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** A uniform number in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** `n` random decimal digits, as text (serial numbers, phone numbers). */
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}
