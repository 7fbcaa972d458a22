/**
 * What each channel was last told, and which SKUs were touched since the last recompute.
 * `published` is one int32 per SKU × channel (3.2 MB at 200,000 × 4); the dirty set is a flag
 * per SKU plus the list of flagged SKUs, so draining it costs the number touched, not the catalogue.
 */
import type { AtpChanges } from './changes.js';
import { IntList, grown } from './interner.js';

/** Published values and the dirty set, indexed by SKU index. */
export class PublishLedger {
  /** Last value confirmed, `sku * channelCount + channel`; -1 = never published or unknown. */
  private published = new Int32Array(0);
  private dirtyFlag = new Uint8Array(0);
  private readonly dirty = new IntList();

  constructor(private readonly channelCount: number) {}

  /** Number of SKUs touched since the dirty set was last drained. */
  get dirtyCount(): number {
    return this.dirty.length;
  }

  /** Makes room for SKU indices below `count`. */
  ensure(count: number): void {
    if (this.dirtyFlag.length >= count) return;
    const cap = Math.max(1024, count, this.dirtyFlag.length * 2);
    const old = this.published.length;
    this.published = grown(this.published, cap * this.channelCount);
    this.published.fill(-1, old);
    this.dirtyFlag = grown(this.dirtyFlag, cap);
  }

  markDirty(s: number): void {
    this.ensure(s + 1);
    if (this.dirtyFlag[s] === 1) return;
    this.dirtyFlag[s] = 1;
    this.dirty.push(s);
  }

  /** Calls `visit` for each dirty SKU, then empties the set. */
  drain(visit: (s: number) => void): void {
    for (let i = 0; i < this.dirty.length; i++) {
      const s = this.dirty.at(i);
      this.dirtyFlag[s] = 0;
      visit(s);
    }
    this.dirty.clear();
  }

  /** Value last confirmed for SKU index `s` on channel index `c`; -1 if none. */
  get(s: number, c: number): number {
    return s < this.dirtyFlag.length ? this.published[s * this.channelCount + c]! : -1;
  }

  set(s: number, c: number, value: number): void {
    this.ensure(s + 1);
    this.published[s * this.channelCount + c] = value;
  }

  confirm(changes: AtpChanges): void {
    for (let i = 0; i < changes.size; i++) {
      const [s, c, v] = changes.raw(i);
      this.set(s, c, v);
    }
  }
}

/**
 * Whether a recomputed value should go out. Decreases always do (the channel must never show more
 * than can ship), as do the first value and a return from 0 (a sold-out listing hides the
 * product); other increases only from `delta` units up, to spare the partner's rate limit.
 */
export function worthPublishing(prev: number, value: number, delta: number): boolean {
  if (value === prev) return false;
  if (prev < 0 || value < prev || prev === 0) return true;
  return value - prev >= delta;
}
