// Two panels of one device each stamp with their own clock. Sharing the device id alone, both
// could make the same stamp for two different changes (both having read a stamp from a clock
// running ahead, each ticks to the same next one), and history, keyed by stamp, would keep one.
// So each panel writes as the device id plus a slot no other open panel holds: a Web Lock per
// slot, held for the panel's life and freed by the browser when the panel closes or crashes.

/** Slot names: one character each, so a stamp grows by one character and devices stay few. */
const SLOTS = '0123456789abcdefghijklmnopqrstuvwxyz';

type Locks = Pick<LockManager, 'request'>;

/**
 * Claims the first free writer slot and holds it until this page goes; resolves to its name. With
 * no Web Locks (or every slot taken), a random one: a clash then needs two panels ticking alike.
 */
export async function claimWriterSlot(
  locks: Locks | undefined = (globalThis.navigator as Navigator | undefined)?.locks,
  random: () => number = Math.random,
): Promise<string> {
  if (locks) {
    for (const slot of SLOTS) {
      const held = await new Promise<boolean>((answered) => {
        void locks.request(`stance:writer:${slot}`, { ifAvailable: true }, (lock) => {
          answered(lock !== null);
          // Held for good: the browser frees it with the page.
          return lock ? new Promise<never>(() => {}) : undefined;
        });
      });
      if (held) return slot;
    }
  }
  return SLOTS[Math.floor(random() * SLOTS.length)]!;
}
