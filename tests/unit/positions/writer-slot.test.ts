// Writer slots: two panels open at once never hold the same slot, and a closed panel's slot is
// free again. The lock manager here grants and frees locks as the Web Locks API does.
import { describe, expect, it } from 'vitest';
import { claimWriterSlot } from '@/utils/positions/writer-slot';

/** Web Locks' exclusive `ifAvailable` requests, for one origin; `close` ends a page's locks. */
function lockManager() {
  const held = new Map<string, number>();
  return {
    held,
    forPage(page: number) {
      return {
        request: ((name: string, _options: unknown, callback: (lock: unknown) => unknown) => {
          const free = !held.has(name);
          if (free) held.set(name, page);
          void callback(free ? { name } : null);
          return Promise.resolve();
        }) as unknown as LockManager['request'],
      };
    },
    close(page: number) {
      for (const [name, owner] of held) if (owner === page) held.delete(name);
    },
  };
}

describe('claimWriterSlot', () => {
  it('gives panels open at once distinct slots, and a closed panel’s slot to the next', async () => {
    const locks = lockManager();
    const first = await claimWriterSlot(locks.forPage(1));
    const second = await claimWriterSlot(locks.forPage(2));
    expect(first).not.toBe(second);
    locks.close(1);
    expect(await claimWriterSlot(locks.forPage(3))).toBe(first);
  });

  it('falls back to a random slot without Web Locks', async () => {
    expect(await claimWriterSlot(undefined, () => 0.99)).toBe('z');
  });
});
