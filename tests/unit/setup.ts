// WXT's fake browser does not implement i18n: answer from the real English messages file,
// with Chrome's $1…$9 substitution, so components render the strings a reader would see.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (en as Messages)[key];
  if (!entry) return '';
  const subs =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  let text = entry.message;
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    text = text.replaceAll(`$${name.toUpperCase()}$`, ph.content).replaceAll(`$${name}$`, ph.content);
  }
  return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en' });
