// Every string a reader sees comes from _locales through browser.i18n, so the interface follows
// the browser's language; `MessageKey` makes a missing key a type error, not a blank label.
//
// Chrome's i18n has no plurals, so a message that counts something is a family of keys, one per
// CLDR plural category of its language: `libraryCount_one`, `libraryCount_other`, and
// `libraryCount_many` in French, Spanish, Italian and Portuguese (1 000 000 d’articles). `tn()`
// picks the key with Intl.PluralRules of the language the messages are written in.
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** A counted message: the name shared by its `_one`, `_other`… keys (`_other` is in every language). */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The key of `base` for `count` in `language`: `${base}_${category}` when `has` says the messages
 * have it, else `${base}_other` — every language has an `_other`, and a category a language's
 * file lacks must not fall through to the English default.
 */
export function pluralKey(
  base: PluralBase,
  count: number,
  language: string,
  has: (key: MessageKey) => boolean,
): MessageKey {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  const key = `${base}_${rules.select(count)}` as MessageKey;
  return has(key) ? key : (`${base}_other` as MessageKey);
}

/**
 * A counted message: `count` is its `$1`, formatted for the interface language, and it chooses the
 * plural form; `rest` are `$2`, `$3`… A message with two counts takes the second as a counted
 * fragment: `tn('groupAnsweredCount', 2, tn('groupOfMembers', 3))` → "2 of 3 members answered".
 */
export function tn(base: PluralBase, count: number, ...rest: (string | number)[]): string {
  const language = messagesLanguage();
  const format = numberFormat(uiLanguage());
  const substitutions = [count, ...rest].map((s) => (typeof s === 'number' ? format.format(s) : s));
  // Chrome answers a key the reader's locale lacks with the English default's message, or '' when
  // English lacks it too: an `_many` only French has falls back to French `_other`, and the locale
  // test makes sure no file lacks a category its language's rules return.
  const key = pluralKey(base, count, language, (k) => browser.i18n.getMessage(k) !== '');
  return browser.i18n.getMessage(key, substitutions) || base;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language || undefined);
    numberFormats.set(language, format);
  }
  return format;
}

/**
 * The language the messages are written in, as a BCP 47 tag ('en', 'fr', 'pt-BR'…): each locale
 * file says it in `messagesLocale`, so a Japanese browser served the English default says 'en'.
 */
export function messagesLanguage(): string {
  return browser.i18n.getMessage('messagesLocale') || browserLanguage();
}

/** The browser's interface locale: `@@ui_locale` ('fr', 'pt_BR' → 'pt-BR'), else getUILanguage(). */
function browserLanguage(): string {
  return browser.i18n.getMessage('@@ui_locale').replace(/_/g, '-') || browser.i18n.getUILanguage();
}

/**
 * The interface language, for dates, numbers and the document's `lang`: the browser's locale when
 * the messages are in its language (so en-GB keeps its dates and de-CH its digits), else the
 * messages' language. `@@ui_locale` rather than getUILanguage(), which can contradict the
 * messages: headless Chromium started with --lang=fr serves French messages yet reports 'en-US'.
 */
export function uiLanguage(): string {
  const messages = browser.i18n.getMessage('messagesLocale');
  const browserLocale = browserLanguage();
  if (!messages) return browserLocale;
  const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
  return primary(browserLocale) === primary(messages) ? browserLocale : messages;
}
