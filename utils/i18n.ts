// Every string a reader sees comes from _locales through browser.i18n, so the interface follows
// the browser's language; `MessageKey` makes a missing key a type error, not a blank label.
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/**
 * The interface language ('en', 'fr', …), for dates, numbers and the document's `lang`: the
 * locale the messages come from (`@@ui_locale`), which getUILanguage() can contradict — headless
 * Chromium started with --lang=fr serves French messages yet reports 'en-US'.
 */
export function uiLanguage(): string {
  return browser.i18n.getMessage('@@ui_locale').replace('_', '-') || browser.i18n.getUILanguage();
}
