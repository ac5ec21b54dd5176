import type { Actor } from '../../domain/access.ts';
import type { DispositionRecord, IncomingLetterRecord } from '../../domain/correspondence.ts';
import type { RegisterEntry, RegisterHeading } from '../../domain/register.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarDateIn, endOfDate, formatOfficeTime, startOfDate } from '../../domain/office-time.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import { DISPOSITION_STATUS_WORDS, INCOMING_STATUS_WORDS } from '../../domain/paper-words.ts';
import type { IncomingFilter } from '../../ports/correspondence-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { namesFor } from '../dispositions/present-disposition.ts';
import { documentVisibility } from '../documents/read-documents.ts';
import { officeName } from '../signing/office-ca.ts';

/** A register on paper is for a period: past this many letters the caller narrows it. */
export const MAX_REGISTER_ROWS = 5000;
const CHUNK = 500;

/** The register's period (YYYY-MM-DD, both inclusive, by received date) and unit. */
export interface RegisterQuery {
  from?: string | undefined;
  to?: string | undefined;
  unitCode?: string | undefined;
}

const visibleLetters = async (deps: AppDeps, actor: Actor, q: RegisterQuery): Promise<IncomingLetterRecord[]> => {
  const filter: IncomingFilter = {};
  if (q.unitCode) filter.unitCode = q.unitCode;
  if (q.from) filter.from = startOfDate(q.from, deps.officeTimeZone);
  if (q.to) filter.to = endOfDate(q.to, deps.officeTimeZone);
  const visibility = await documentVisibility(deps, actor);
  const out: IncomingLetterRecord[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await deps.db.incoming.list(filter, visibility, page, CHUNK);
    if (total > MAX_REGISTER_ROWS) {
      throw new AppError('invalid', `the period holds ${total} letters; a register prints at most ${MAX_REGISTER_ROWS}: choose a shorter period`, {
        errors: [{ field: 'from', message: `more than ${MAX_REGISTER_ROWS} letters`, code: 'too_many_rows', limit: MAX_REGISTER_ROWS }],
      });
    }
    out.push(...items);
    if (items.length < CHUNK || out.length >= total) break;
  }
  // The book's order: oldest received first, by agenda number within a unit's day.
  return out.reverse();
};

const disposedTo = async (deps: AppDeps, letters: IncomingLetterRecord[]): Promise<Map<string, string[]>> => {
  const ds: DispositionRecord[] = [];
  for (let i = 0; i < letters.length; i += CHUNK) ds.push(...(await deps.db.dispositions.ofLetters(letters.slice(i, i + CHUNK).map((l) => l.id))));
  const names = await namesFor(deps, ds);
  const out = new Map<string, string[]>();
  // The first routing is what the register records; forwarding further down shows on the sheet.
  for (const d of ds.filter((x) => x.parentId === null && x.status !== 'withdrawn')) {
    const to = names.addressee(d);
    const name = 'user' in to ? to.user.name : to.unit.name;
    out.set(d.letterId, [...(out.get(d.letterId) ?? []), `${name} (${DISPOSITION_STATUS_WORDS[d.status]})`]);
  }
  return out;
};

const period = (q: RegisterQuery): string => {
  if (q.from && q.to) return `Periode ${indonesianDate(q.from)} s.d. ${indonesianDate(q.to)}`;
  if (q.from) return `Periode sejak ${indonesianDate(q.from)}`;
  if (q.to) return `Periode sampai ${indonesianDate(q.to)}`;
  return 'Semua tanggal';
};

/**
 * The incoming register (Buku Agenda) of a period and unit as the caller may see it: the same
 * letters GET /letters/incoming lists to them, oldest first, with where each was disposed to.
 * Letters they may not read are neither listed nor counted.
 */
export const incomingRegister = async (deps: AppDeps, actor: Actor, q: RegisterQuery): Promise<{ heading: RegisterHeading; entries: RegisterEntry[] }> => {
  if (q.from && q.to && q.from > q.to)
    throw new AppError('invalid', 'from must not be after to', { errors: [{ field: 'to', message: 'before from', code: 'before_start' }] });
  const unit = q.unitCode ? await deps.db.units.findByCode(q.unitCode) : null;
  if (q.unitCode && !unit) throw new AppError('invalid', 'no such unit', { errors: [{ field: 'unitCode', message: 'no such unit', code: 'unknown_unit' }] });
  const letters = await visibleLetters(deps, actor, q);
  const routed = await disposedTo(deps, letters);
  const heading: RegisterHeading = {
    office: await officeName(deps),
    unit: unit ? `Unit kerja: ${unit.name} (${unit.code})` : 'Semua unit kerja yang dapat Anda lihat',
    period: period(q),
    printedAt: formatOfficeTime(deps.clock.now(), deps.officeTimeZone),
  };
  const entries = letters.map(
    (l): RegisterEntry => ({
      id: l.id,
      unitCode: l.unitCode,
      agendaNumber: l.agendaNumber,
      agendaYear: l.agendaYear,
      receivedDate: calendarDateIn(l.receivedAt, deps.officeTimeZone),
      letterNumber: l.letterNumber,
      letterDate: l.letterDate,
      sender: l.sender,
      subject: l.subject,
      urgency: l.urgency,
      classificationCode: l.classificationCode,
      status: l.status,
      disposedTo: routed.get(l.id) ?? [],
    }),
  );
  return { heading, entries };
};

/** "Didisposisikan: Bidang Mutasi (Berjalan); Sekretariat (Selesai)", or the letter's status alone before any disposition. */
export const disposedToText = (e: RegisterEntry): string =>
  e.disposedTo.length > 0 ? `${INCOMING_STATUS_WORDS[e.status]}: ${e.disposedTo.join('; ')}` : INCOMING_STATUS_WORDS[e.status];
