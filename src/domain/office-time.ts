/**
 * Wall-clock arithmetic in the office's time zone (WIB, WITA or WIT): which day, month or year
 * an instant belongs to there, and when a local day starts. Pure; Intl does the zone data.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** True when `timeZone` is an IANA zone this runtime knows. */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Wall-clock fields of an instant in a time zone. */
export const wallClock = (at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } => {
  const p = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
};

/** How far the zone's wall clock is ahead of UTC at instant `t` (ms). */
const offsetAt = (t: number, timeZone: string): number => {
  const w = wallClock(new Date(t), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
};

/** The first instant of the local day that contains `at`. */
export const startOfDayIn = (at: Date, timeZone: string): Date => {
  const w = wallClock(at, timeZone);
  const midnightAsUtc = Date.UTC(w.year, w.month - 1, w.day);
  // Twice: the offset at local midnight may differ from the one at the first guess (DST). Where
  // clocks jump over midnight the day starts at the jump: take the earliest candidate on that day.
  const guess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  const sameDay = (t: number) => {
    const c = wallClock(new Date(t), timeZone);
    return c.year === w.year && c.month === w.month && c.day === w.day;
  };
  const onThatDay = [midnightAsUtc - offsetAt(guess, timeZone), guess].filter(sameDay);
  return new Date(onThatDay.length ? Math.min(...onThatDay) : guess);
};

/** The calendar date (YYYY-MM-DD) of an instant on the zone's wall clocks. */
export const calendarDateIn = (at: Date, timeZone: string): string => {
  const w = wallClock(at, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

/** The month (YYYY-MM) of an instant in the zone (a letter received at 00:30 WIB on 1 Feb is February's). */
export const monthOf = (at: Date, timeZone: string): string => calendarDateIn(at, timeZone).slice(0, 7);

/** The first instant of a calendar day (YYYY-MM-DD) in the zone (noon UTC of that date lies in it for offsets under 12 h). */
export const startOfDate = (day: string, timeZone: string): Date => startOfDayIn(new Date(`${day}T12:00:00Z`), timeZone);

/** The last millisecond of a calendar day (YYYY-MM-DD) in the zone. */
export const endOfDate = (day: string, timeZone: string): Date => {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(startOfDate(next, timeZone).getTime() - 1);
};

/** Indonesia's three zones by the names people use; any other zone by its offset. */
const ZONE_LABELS: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** The label printed after an office time: WIB, WITA or WIT; elsewhere the offset (GMT+8) at `at`. */
export const zoneLabel = (timeZone: string, at: Date = new Date()): string =>
  ZONE_LABELS[timeZone] ??
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ??
  timeZone;

/** `YYYY-MM-DD HH:MM` on the office's wall clock, with the zone's short name (WIB, WITA, WIT…). */
export const formatOfficeTime = (at: Date, timeZone: string): string => {
  const w = wallClock(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)} ${zoneLabel(timeZone, at)}`;
};
