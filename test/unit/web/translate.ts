import { en } from '../../../src/web/messages/en.ts';
import { id, type MessageKey } from '../../../src/web/messages/id.ts';
import type { Translate } from '../../../src/web/problem-text.ts';

/** i18n.ts's `t` over one dictionary (i18n.ts itself reads the browser's storage). */
export const translator =
  (dict: Record<MessageKey, string>): Translate =>
  (key, vars) =>
    vars ? dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : dict[key];

export const tId = translator(id);
export const tEn = translator(en);
