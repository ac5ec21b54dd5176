import { calendarDateIn, zoneLabel } from '../domain/office-time.ts';
import { currentLang } from './i18n.ts';

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'id-ID');

const DEFAULT_ZONE = 'Asia/Jakarta';

/** A meta tag of the shell (the server writes the office's name and time zone into it). */
const meta = (name: string): string | null =>
  typeof document === 'undefined' ? null : (document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null);

/** The office's time zone (config OFFICE_TIMEZONE), the same for every reader whatever their device's clock says. */
export const officeTimeZone = (): string => meta('naskah-time-zone') || DEFAULT_ZONE;

/** Today's date (YYYY-MM-DD) on the office's calendar, which a device set to another zone (or to UTC) may not share. */
export const officeToday = (now = new Date()): string => calendarDateIn(now, officeTimeZone());

/** The office's name as the shell carries it (the root unit's), for pages shown before login. */
export const officeNameFromShell = (): string => meta('naskah-office') ?? '';

/** 12 Mar 2025 14.05 WIB: an instant on the office's clocks, with the zone's label. */
export const dateTime = (iso: string, timeZone = officeTimeZone()): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone })} ${zoneLabel(timeZone, d)}`;
};

/** The calendar date (YYYY-MM-DD → 12 Mar 2025) of a date, or of an instant on the office's clocks. */
export const dateOnly = (ymdOrIso: string, timeZone = officeTimeZone()): string => {
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(ymdOrIso);
  const d = new Date(plain ? `${ymdOrIso}T00:00:00Z` : ymdOrIso);
  return Number.isNaN(d.getTime()) ? ymdOrIso : d.toLocaleDateString(locale(), { dateStyle: 'medium', timeZone: plain ? 'UTC' : timeZone });
};

/** A number the reader's way: 1.234,5 in Indonesian (comma decimals), at most `digits` decimals. */
export const num = (n: number, digits = 1): string => n.toLocaleString(locale(), { maximumFractionDigits: digits });

export const bytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${num(v, v < 10 ? 1 : 0)} ${units[i]}`;
};

export const percent = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 100);
