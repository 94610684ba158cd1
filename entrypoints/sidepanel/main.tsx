// Mounts the panel once the device clock is ready; a start-up failure shows one clear message.
import { render } from 'preact';
import { t, uiLanguage } from '@/utils/i18n';
import { startClock } from '@/utils/positions/store';
import { App } from './App';
import './style.css';

const root = document.getElementById('app')!;
document.documentElement.lang = uiLanguage();
document.title = t('extName');

startClock()
  .then(() => render(<App />, root))
  .catch((error: unknown) => {
    console.error('Stance panel failed to start', error);
    const message = document.createElement('p');
    message.className = 'error';
    message.textContent = t('errorUnexpected');
    root.replaceChildren(message);
  });
