/**
 * Words of the UI: Indonesian first (messages/id.ts), English on the toggle (messages/en.ts,
 * which the type checker holds to the same keys). `t('key', { n: 3 })` fills `{n}`.
 */
import { en } from './messages/en.ts';
import { id, type MessageKey } from './messages/id.ts';

export type { MessageKey };

export type Lang = 'id' | 'en';
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'naskah.lang';

const stored = (): Lang => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
};

let lang: Lang = stored();
const listeners = new Set<() => void>();

export const currentLang = (): Lang => lang;

export const setLang = (next: Lang): void => {
  lang = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts this page only
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
};

export const onLangChange = (fn: () => void): (() => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export const t = (key: MessageKey, vars?: Record<string, string | number>): string => {
  const text = DICTIONARIES[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
};

/** A label for an API value whose key may not exist (e.g. an action added later): the value itself then. */
export const label = (prefix: string, value: string): string => {
  const key = `${prefix}.${value}` as MessageKey;
  return key in id ? t(key) : value;
};
