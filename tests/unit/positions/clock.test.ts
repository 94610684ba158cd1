import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeStamp,
  encodeStamp,
  newClock,
  newDeviceId,
  receive,
  stampTime,
  tick,
} from '@/utils/positions/clock';

describe('hybrid logical clock', () => {
  test('stamps sort in the order events happened on one device, even within one millisecond', () => {
    let clock = newClock('aaaaaa');
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const next = tick(clock, 1_700_000_000_000);
      stamps.push(next.stamp);
      clock = next.clock;
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(5);
  });

  test('a stamp seen from a device whose clock runs ahead makes our next stamp sort after it', () => {
    const ahead = tick(newClock('zzzzzz'), 2_000_000_000_000).stamp;
    const behind = receive(newClock('aaaaaa'), ahead, 1_000_000_000_000);
    const next = tick(behind, 1_000_000_000_001).stamp;
    expect(next > ahead).toBe(true);
  });

  test('a wall clock that goes backwards never makes stamps go backwards', () => {
    const first = tick(newClock('aaaaaa'), 5_000);
    const second = tick(first.clock, 4_000);
    expect(second.stamp > first.stamp).toBe(true);
  });

  test('equal time and counter are ordered by device id', () => {
    expect(encodeStamp(10, 0, 'bbbbbb') > encodeStamp(10, 0, 'aaaaaa')).toBe(true);
  });

  test('decodes what it encodes', () => {
    expect(decodeStamp(encodeStamp(1_700_000_000_123, 42, 'dev123'))).toEqual({
      ms: 1_700_000_000_123,
      counter: 42,
      device: 'dev123',
    });
    expect(stampTime(encodeStamp(1234, 0, 'x'))).toBe(1234);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36 ** 9 - 1 }),
        fc.integer({ min: 0, max: 36 ** 4 - 1 }),
        fc.stringMatching(/^[0-9a-z]{1,12}$/),
        (ms, counter, device) => {
          expect(decodeStamp(encodeStamp(ms, counter, device))).toEqual({ ms, counter, device });
        },
      ),
    );
  });

  // Each of these starts with characters parseInt would read as digits: a decoder that stops at
  // the first bad character, as parseInt does, returns a stamp for them.
  test.each([
    ['prose with a space and punctuation', 'not a stamp! xyz'],
    ['upper-case digits', 'ZZZZZZZZZ0000dev123'],
    ['a sign inside the time', '0000-00010000dev123'],
    ['a space inside the counter', '00000000100 0dev123'],
    ['a device with a space', '0000000010000dev 123'],
    ['a trailing newline', '0000000010000dev123\n'],
    ['a device with a control character', '0000000010000dev\u0000'],
    ['no device', '0000000010000'],
    ['too short', 'abc'],
    ['empty', ''],
  ])('rejects garbage: %s', (_, garbage) => {
    expect(decodeStamp(garbage)).toBeNull();
    expect(stampTime(garbage)).toBe(0);
  });

  test('device ids are six base-36 characters, one per draw of the random source', () => {
    expect(newDeviceId()).toMatch(/^[0-9a-z]{6}$/);
    const draws = [0, 0.5, 0.999, 0.1, 0.75, 1 / 36];
    let i = 0;
    expect(newDeviceId(() => draws[i++]!)).toBe('0iz3r1');
  });

  // receive: the next stamp sorts after everything seen, by the least it must.
  const remote = (ms: number, counter: number) => encodeStamp(ms, counter, 'remote');
  test.each([
    [
      'all at the same ms: past both counters',
      { ms: 10, counter: 3 },
      remote(10, 5),
      5,
      { ms: 10, counter: 6 },
    ],
    ['all at the same ms, ours higher', { ms: 10, counter: 7 }, remote(10, 5), 5, { ms: 10, counter: 8 }],
    ['our clock ahead', { ms: 20, counter: 2 }, remote(10, 9), 5, { ms: 20, counter: 3 }],
    ['the remote ahead', { ms: 20, counter: 2 }, remote(30, 4), 5, { ms: 30, counter: 5 }],
    ['the wall clock ahead of both', { ms: 20, counter: 2 }, remote(30, 4), 40, { ms: 40, counter: 0 }],
  ])('receive: %s', (_, ours, seen, now, expected) => {
    expect(receive({ device: 'local', ...ours }, seen, now)).toEqual({ device: 'local', ...expected });
  });

  test('receive ignores a stamp it cannot read', () => {
    const clock = { device: 'local', ms: 10, counter: 1 };
    expect(receive(clock, 'garbage', 99)).toBe(clock);
  });

  test('a full counter within one millisecond borrows the next millisecond', () => {
    const full = { device: 'local', ms: 10, counter: 36 ** 4 - 1 };
    const next = tick(full, 10);
    expect(next.clock).toEqual({ device: 'local', ms: 11, counter: 0 });
    expect(next.stamp).toBe(encodeStamp(11, 0, 'local'));
    expect(tick({ ...full, counter: 36 ** 4 - 2 }, 10).clock).toEqual({ ...full, counter: 36 ** 4 - 1 });
    expect(receive(full, encodeStamp(10, 0, 'remote'), 10)).toEqual({ device: 'local', ms: 11, counter: 0 });
  });
});
