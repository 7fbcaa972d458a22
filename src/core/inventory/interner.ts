/** Maps names (SKUs, locations, categories) to dense indices, so state lives in typed arrays. */
export class Interner {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];

  /** Number of names interned so far. */
  get size(): number {
    return this.names.length;
  }

  /** The name's index, interning it if new. */
  intern(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** The name's index, or -1 if it was never interned. */
  find(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** The name at an index the interner handed out. */
  name(i: number): string {
    const n = this.names[i];
    if (n === undefined) throw new RangeError(`no name at index ${i}`);
    return n;
  }
}

/** A copy of `a` with room for `length` elements (new elements zero). */
export function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, length: number): T {
  if (a.length >= length) return a;
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** A growable list of int32s, reused across calls to avoid allocating per recompute. */
export class IntList {
  private data = new Int32Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  clear(): void {
    this.length = 0;
  }
}
