// Hybrid logical clock: every change carries a stamp that orders it across devices even
// when their wall clocks disagree, with the device id as the final tie-break.
// Stamps are strings that sort in causal order, so merging is a plain string comparison.

/** An encoded HLC timestamp: 9 base-36 digits of ms, 4 of counter, then the device id. '' sorts first. */
export type Stamp = string;

export interface ClockState {
  device: string;
  /** Highest physical time seen, in ms since the epoch. */
  ms: number;
  counter: number;
}

const MS_DIGITS = 9;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** ms, counter, device: lower-case base 36 throughout, as encodeStamp and newDeviceId write them. */
const STAMP = new RegExp(`^([0-9a-z]{${MS_DIGITS}})([0-9a-z]{${COUNTER_DIGITS}})([0-9a-z]+)$`);

export function newClock(device: string): ClockState {
  return { device, ms: 0, counter: 0 };
}

export function encodeStamp(ms: number, counter: number, device: string): Stamp {
  return (
    ms.toString(36).padStart(MS_DIGITS, '0') + counter.toString(36).padStart(COUNTER_DIGITS, '0') + device
  );
}

/**
 * The parts of a stamp, or null for anything encodeStamp cannot have written: the codec and the
 * store rely on this to refuse damaged or hostile stamps, so it checks every character
 * (parseInt alone reads "not a stamp! xyz" as a stamp: it stops at the first bad digit).
 */
export function decodeStamp(stamp: Stamp): { ms: number; counter: number; device: string } | null {
  const parts = STAMP.exec(stamp);
  if (!parts) return null;
  const [, ms = '', counter = '', device = ''] = parts;
  return { ms: Number.parseInt(ms, 36), counter: Number.parseInt(counter, 36), device };
}

/** The wall-clock time of a stamp, for display ("3 days ago"). */
export function stampTime(stamp: Stamp): number {
  return decodeStamp(stamp)?.ms ?? 0;
}

/** Stamp a local event. */
export function tick(clock: ClockState, now: number): { stamp: Stamp; clock: ClockState } {
  const ms = Math.max(clock.ms, now);
  const counter = ms === clock.ms ? clock.counter + 1 : 0;
  return advance(clock.device, ms, counter);
}

/** Fold in a stamp seen from another device, so our next stamp sorts after it. */
export function receive(clock: ClockState, remote: Stamp, now: number): ClockState {
  const r = decodeStamp(remote);
  if (!r) return clock;
  const ms = Math.max(clock.ms, r.ms, now);
  let counter = 0;
  if (ms === clock.ms && ms === r.ms) counter = Math.max(clock.counter, r.counter) + 1;
  else if (ms === clock.ms) counter = clock.counter + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  return advance(clock.device, ms, counter).clock;
}

function advance(device: string, ms: number, counter: number): { stamp: Stamp; clock: ClockState } {
  // A counter overflow within one millisecond borrows the next millisecond rather than wrapping.
  if (counter > MAX_COUNTER) return advance(device, ms + 1, 0);
  return { stamp: encodeStamp(ms, counter, device), clock: { device, ms, counter } };
}

/** A fresh device id: short, random, and only ever used to break ties and say "which device". */
export function newDeviceId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
