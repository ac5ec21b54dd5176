import { currentLang } from './i18n.ts';

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'id-ID');

/** 12 Mar 2025 14.05 (the office's local time as the browser knows it). */
export const dateTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
};

/** A calendar date (YYYY-MM-DD) without shifting it through a time zone. */
export const dateOnly = (ymd: string): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : d.toLocaleDateString(locale(), { dateStyle: 'medium', timeZone: 'UTC' });
};

export const bytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(locale(), { maximumFractionDigits: v < 10 ? 1 : 0 })} ${units[i]}`;
};

export const percent = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 100);
