// Mounts the panel with the tab and its saved positions already loaded; a start-up failure shows one clear message.
import { render } from 'preact';
import { t, uiLanguage } from '@/utils/i18n';
import { resolveTargetTab } from '@/utils/page-bridge';
import { startClock } from '@/utils/positions/store';
import { claimWriterSlot } from '@/utils/positions/writer-slot';
import { App } from './App';
import { createPanelStores, PanelStoresProvider } from './state/context';
import './style.css';

const root = document.getElementById('app')!;
document.documentElement.lang = uiLanguage();
document.title = t('extName');

/**
 * The first frame already holds the reader's saved positions: the tab and its saved record are
 * loaded before the first render (a few storage reads), the page itself is read after.
 */
async function start() {
  // Every read before the first paint is a round trip to the browser: the clock (needed by the
  // first change, not the first paint) loads while the tab and its saved record are read.
  const clock = claimWriterSlot().then((slot) => startClock(slot));
  const stores = createPanelStores();
  const target = await resolveTargetTab().catch(() => null);
  if (target) {
    await new Promise<void>(
      (savedShown) => void stores.session.openTab(target, savedShown).finally(savedShown),
    );
  }
  await clock;
  render(
    <PanelStoresProvider stores={stores}>
      <App tabOpened={target !== null} />
    </PanelStoresProvider>,
    root,
  );
  // Changes an earlier panel could not save (storage full) are written as soon as there is room.
  void stores.session.recoverUnsaved();
}

start().catch((error: unknown) => {
  console.error('Stance panel failed to start', error);
  const message = document.createElement('p');
  message.className = 'error';
  message.textContent = t('errorUnexpected');
  root.replaceChildren(message);
});
