// Mounts the panel with the tab and its saved positions already loaded; a start-up failure shows one clear message.
import { render } from 'preact';
import { t, uiLanguage } from '@/utils/i18n';
import { resolveTargetTab } from '@/utils/page-bridge';
import { startClock } from '@/utils/positions/store';
import { App } from './App';
import { openTab } from './state/article-session';
import './style.css';

const root = document.getElementById('app')!;
document.documentElement.lang = uiLanguage();
document.title = t('extName');

/**
 * The first frame already holds the reader's saved positions: the tab and its saved record are
 * loaded before the first render (a few storage reads), the page itself is read after.
 */
async function start() {
  await startClock();
  const target = await resolveTargetTab().catch(() => null);
  if (target) await new Promise<void>((savedShown) => void openTab(target, savedShown).finally(savedShown));
  render(<App tabOpened={target !== null} />, root);
}

start().catch((error: unknown) => {
  console.error('Stance panel failed to start', error);
  const message = document.createElement('p');
  message.className = 'error';
  message.textContent = t('errorUnexpected');
  root.replaceChildren(message);
});
