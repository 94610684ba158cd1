// A storage.sync double that enforces what real Chrome and Firefox enforce (bytes per item and in
// all, item count, Chrome's write rates, with their exact messages), plus a SyncNetwork joining
// several devices' areas whose changes are delivered late, twice, out of order, or not while offline.
import type { SyncArea, SyncChange } from '@/utils/sync/engine';
import {
  itemBytes,
  SYNC_MAX_ITEMS,
  SYNC_MAX_WRITES_PER_HOUR,
  SYNC_MAX_WRITES_PER_MINUTE,
  SYNC_QUOTA_BYTES,
  SYNC_QUOTA_BYTES_PER_ITEM,
  type SyncBrowser,
} from '@/utils/sync/limits';

export const CHROME_ERRORS = {
  perItem: 'Resource::kQuotaBytesPerItem quota exceeded',
  total: 'Resource::kQuotaBytes quota exceeded',
  items: 'Resource::kMaxItems quota exceeded',
  perMinute: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
  perHour: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
};
export const FIREFOX_QUOTA_ERROR =
  'QuotaExceededError: storage.sync API call exceeded its quota limitations.';

type Listener = (changes: Record<string, SyncChange>, areaName: 'sync') => void;

export interface FakeSyncAreaOptions {
  mode?: SyncBrowser;
  /** The clock write rates are counted against (ms). */
  now?: () => number;
}

export class FakeSyncArea {
  readonly mode: SyncBrowser;
  private readonly now: () => number;
  /** Values as their JSON text, so nothing a caller keeps can alias what is stored. */
  private readonly data = new Map<string, string>();
  private readonly writes: number[] = [];
  private readonly listeners = new Set<Listener>();
  /** Called with every change this area's own writes made (the network carries them on). */
  onLocalWrite: ((changes: Record<string, unknown>) => void) | null = null;
  /** Write operations accepted, for tests that count them. */
  writeCount = 0;

  readonly onChanged = {
    addListener: (listener: Listener) => void this.listeners.add(listener),
    removeListener: (listener: Listener) => void this.listeners.delete(listener),
    hasListener: (listener: Listener) => this.listeners.has(listener),
  };

  constructor(options: FakeSyncAreaOptions = {}) {
    this.mode = options.mode ?? 'chrome';
    this.now = options.now ?? Date.now;
  }

  async get(keys?: null | string | string[] | Record<string, unknown>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const wanted =
      keys == null
        ? [...this.data.keys()]
        : typeof keys === 'string'
          ? [keys]
          : Array.isArray(keys)
            ? keys
            : Object.keys(keys);
    for (const key of wanted) {
      const json = this.data.get(key);
      if (json !== undefined) out[key] = JSON.parse(json);
      else if (keys && typeof keys === 'object' && !Array.isArray(keys)) out[key] = keys[key];
    }
    return out;
  }

  async getBytesInUse(keys?: null | string | string[]): Promise<number> {
    const wanted = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    let total = 0;
    for (const key of wanted) {
      const json = this.data.get(key);
      if (json !== undefined) total += itemBytes(key, JSON.parse(json), this.mode);
    }
    return total;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.countWrite();
    const next = new Map(this.data);
    for (const [key, value] of Object.entries(items)) {
      if (value === undefined) continue;
      if (itemBytes(key, value, this.mode) > SYNC_QUOTA_BYTES_PER_ITEM) throw this.quotaError('perItem');
      next.set(key, JSON.stringify(value));
    }
    if (next.size > SYNC_MAX_ITEMS) throw this.quotaError('items');
    if (this.totalBytes(next) > SYNC_QUOTA_BYTES) throw this.quotaError('total');
    this.commit(next);
  }

  async remove(keys: string | string[]): Promise<void> {
    this.countWrite();
    const next = new Map(this.data);
    for (const key of typeof keys === 'string' ? [keys] : keys) next.delete(key);
    this.commit(next);
  }

  async clear(): Promise<void> {
    this.countWrite();
    this.commit(new Map());
  }

  /** Apply changes that came from another device: no quota check, listeners told. */
  receive(changes: Record<string, unknown>): void {
    const next = new Map(this.data);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, JSON.stringify(value));
    }
    this.commit(next, false);
  }

  /** Everything stored, as plain values (for assertions). */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.data].map(([k, json]) => [k, JSON.parse(json)]));
  }

  /** The engine's view of this area. */
  asSyncArea(): SyncArea {
    return {
      get: () => this.get(null),
      set: (items) => this.set(items),
      remove: (keys) => this.remove(keys),
      watch: (onChange) => {
        const listener: Listener = (changes) => onChange(changes);
        this.onChanged.addListener(listener);
        return () => this.onChanged.removeListener(listener);
      },
    };
  }

  private totalBytes(items: Map<string, string>): number {
    let total = 0;
    for (const [key, json] of items) total += itemBytes(key, JSON.parse(json), this.mode);
    // Firefox checks the JSON of the whole stored object: quotes, colon and comma per item, braces.
    return this.mode === 'firefox' ? total + 4 * items.size + 1 : total;
  }

  private countWrite() {
    if (this.mode === 'firefox') return;
    // Chrome refuses the call before running it, so a refused call is not counted.
    const now = this.now();
    while (this.writes.length > 0 && this.writes[0]! <= now - 3_600_000) this.writes.shift();
    const lastMinute = this.writes.filter((t) => t > now - 60_000).length;
    if (lastMinute >= SYNC_MAX_WRITES_PER_MINUTE) throw new Error(CHROME_ERRORS.perMinute);
    if (this.writes.length >= SYNC_MAX_WRITES_PER_HOUR) throw new Error(CHROME_ERRORS.perHour);
    this.writes.push(now);
  }

  private quotaError(kind: 'perItem' | 'total' | 'items'): Error {
    return new Error(this.mode === 'firefox' ? FIREFOX_QUOTA_ERROR : CHROME_ERRORS[kind]);
  }

  private commit(next: Map<string, string>, local = true) {
    const changes: Record<string, SyncChange> = {};
    const carried: Record<string, unknown> = {};
    for (const key of new Set([...this.data.keys(), ...next.keys()])) {
      const before = this.data.get(key);
      const after = next.get(key);
      if (before === after) continue;
      const change: SyncChange = {};
      if (before !== undefined) change.oldValue = JSON.parse(before);
      if (after !== undefined) change.newValue = JSON.parse(after);
      changes[key] = change;
      carried[key] = after === undefined ? undefined : JSON.parse(after);
    }
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
    if (Object.keys(changes).length === 0) return;
    if (local) this.writeCount++;
    if (local) this.onLocalWrite?.(carried);
    for (const listener of this.listeners) listener(changes, 'sync');
  }
}

interface Delivery {
  from: number;
  to: number;
  changes: Record<string, unknown>;
}

/**
 * Several devices signed into one account. Each write waits in a queue per receiving device until
 * the test delivers it: in order or not, once or twice; nothing reaches or leaves a device offline.
 */
export class SyncNetwork {
  readonly areas: FakeSyncArea[];
  readonly pending: Delivery[] = [];
  private readonly offline = new Set<number>();
  /** Writes made while offline, sent when the device comes back. */
  private readonly unsent: Delivery[] = [];

  constructor(devices: number, options: FakeSyncAreaOptions = {}) {
    this.areas = Array.from({ length: devices }, () => new FakeSyncArea(options));
    this.areas.forEach((area, from) => {
      area.onLocalWrite = (changes) => {
        for (let to = 0; to < devices; to++) {
          if (to === from) continue;
          (this.offline.has(from) ? this.unsent : this.pending).push({ from, to, changes });
        }
      };
    });
  }

  setOnline(device: number, online: boolean): void {
    if (online) {
      this.offline.delete(device);
      const mine = this.unsent.filter((d) => d.from === device);
      this.unsent.splice(0, this.unsent.length, ...this.unsent.filter((d) => d.from !== device));
      this.pending.push(...mine);
    } else this.offline.add(device);
  }

  isOnline(device: number): boolean {
    return !this.offline.has(device);
  }

  /** Indexes of pending deliveries that can happen now (receiver online). */
  deliverable(): number[] {
    return this.pending.flatMap((d, i) => (this.offline.has(d.to) ? [] : [i]));
  }

  /** Deliver the pending change at `index`; with `keepCopy` it stays queued to arrive again later. */
  deliver(index: number, keepCopy = false): void {
    const delivery = this.pending[index];
    if (!delivery || this.offline.has(delivery.to)) return;
    if (!keepCopy) this.pending.splice(index, 1);
    this.areas[delivery.to]!.receive(delivery.changes);
  }

  /** Deliver everything deliverable, oldest first, including what the deliveries cause. */
  async deliverAll(afterEach: () => Promise<void> = async () => {}): Promise<void> {
    for (let guard = 0; guard < 100_000; guard++) {
      const [first] = this.deliverable();
      if (first === undefined) return;
      this.deliver(first);
      await afterEach();
    }
    throw new Error('deliveries never settled');
  }
}
