import type { Actor } from '../../domain/access.ts';
import { toCsv } from '../../domain/csv.ts';
import { tableDate, URGENCY_WORDS } from '../../domain/paper-words.ts';
import type { AppDeps } from '../deps.ts';
import type { RegisterEntry } from '../../domain/register.ts';
import { disposedToText, incomingRegister, type RegisterQuery } from './incoming-register.ts';

/** The register's columns, in the order the Buku Agenda prints them, with their relative widths on paper. */
const COLUMNS = [
  { label: 'No. Agenda', width: 7 },
  { label: 'Tanggal Diterima', width: 8 },
  { label: 'Nomor Surat', width: 15 },
  { label: 'Tanggal Surat', width: 8 },
  { label: 'Pengirim', width: 15 },
  { label: 'Perihal', width: 20 },
  { label: 'Sifat', width: 6 },
  { label: 'Klasifikasi', width: 7 },
  { label: 'Diteruskan kepada / Status', width: 16 },
] as const;

/** "12/2025", with the unit in front when the register spans several units (each numbers its own). */
const agenda = (e: RegisterEntry, oneUnit: boolean): string => `${oneUnit ? '' : `${e.unitCode} `}${e.agendaNumber}/${e.agendaYear}`;

const cells = (e: RegisterEntry, oneUnit: boolean, date: (d: string) => string): string[] => [
  agenda(e, oneUnit),
  date(e.receivedDate),
  e.letterNumber,
  date(e.letterDate),
  e.sender,
  e.subject,
  URGENCY_WORDS[e.urgency],
  e.classificationCode ?? '',
  disposedToText(e),
];

/** The file name both exports take: buku-agenda[-UNIT][-from][-to]. */
const fileName = (q: RegisterQuery, ext: string): string =>
  `${['buku-agenda', q.unitCode, q.from, q.to]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;

/** An export carries letters' metadata out of the system: who took which period is audited. */
const auditExport = (deps: AppDeps, actor: Actor, q: RegisterQuery, format: string, rows: number) =>
  deps.db.audit.append({
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'letter.register_exported',
    targetType: 'register',
    targetId: q.unitCode ?? null,
    details: { format, from: q.from ?? null, to: q.to ?? null, unitCode: q.unitCode ?? null, rows },
  });

/** The register as a spreadsheet opens it: UTF-8 with a BOM, one letter a line, ISO dates (they sort). */
export const registerCsv = async (deps: AppDeps, actor: Actor, q: RegisterQuery): Promise<{ body: string; fileName: string }> => {
  const { entries } = await incomingRegister(deps, actor, q);
  await auditExport(deps, actor, q, 'csv', entries.length);
  const rows = entries.map((e) => cells(e, Boolean(q.unitCode), (d) => d));
  return {
    body: toCsv(
      COLUMNS.map((c) => c.label),
      rows,
    ),
    fileName: fileName(q, 'csv'),
  };
};

/** The register on A4 landscape: the heading and the table's header on every page, numbered pages. */
export const registerPdf = async (deps: AppDeps, actor: Actor, q: RegisterQuery): Promise<{ body: Uint8Array; fileName: string }> => {
  const { heading, entries } = await incomingRegister(deps, actor, q);
  await auditExport(deps, actor, q, 'pdf', entries.length);
  const body = await deps.paper.render({
    orientation: 'landscape',
    heading: [heading.office, heading.unit, heading.period],
    title: 'BUKU AGENDA SURAT MASUK',
    fields: [],
    columns: [...COLUMNS],
    rows: entries.map((e) => cells(e, Boolean(q.unitCode), tableDate)),
    emptyText: 'Tidak ada surat masuk pada periode ini.',
    footer: `Dicetak ${heading.printedAt} · ${entries.length} surat`,
    pageLabel: 'Halaman {n} dari {total}',
    renderedAt: deps.clock.now(),
  });
  return { body, fileName: fileName(q, 'pdf') };
};
