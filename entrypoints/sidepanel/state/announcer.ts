// One polite live region for the whole panel, so screen readers hear "Position saved: Agree".
import { signal } from '@preact/signals';

export type Announcer = ReturnType<typeof createAnnouncer>;

export function createAnnouncer() {
  const announcement = signal('');
  function announce(text: string) {
    // Clearing first makes a repeated message be read again.
    announcement.value = '';
    queueMicrotask(() => {
      announcement.value = text;
    });
  }
  return { announcement, announce };
}
