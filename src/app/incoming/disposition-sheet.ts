import type { Actor } from '../../domain/access.ts';
import { routingTree, type RoutingNode } from '../../domain/disposition-rules.ts';
import { calendarDateIn, formatOfficeTime } from '../../domain/office-time.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import { ACTION_WORDS, DISPOSITION_STATUS_WORDS, tableDate, URGENCY_WORDS } from '../../domain/paper-words.ts';
import type { AppDeps } from '../deps.ts';
import { type Names, namesFor } from '../dispositions/present-disposition.ts';
import { officeName } from '../signing/office-ca.ts';
import { visibleIncoming } from './read-incoming.ts';

const COLUMNS = [
  { label: 'No.', width: 5 },
  { label: 'Dari', width: 14 },
  { label: 'Diteruskan kepada', width: 17 },
  { label: 'Isi disposisi', width: 24 },
  { label: 'Batas waktu', width: 10 },
  { label: 'Status', width: 9 },
  { label: 'Laporan', width: 21 },
];

/** The routing in reading order: each disposition, then what was forwarded from it, numbered 1, 1.1, 1.2, 2… */
const lines = (nodes: RoutingNode[], names: Names, zone: string, prefix = ''): string[][] =>
  nodes.flatMap((n, i) => {
    const d = n.disposition;
    const no = `${prefix}${i + 1}`;
    const to = names.addressee(d);
    const instruction = [d.actions.map((a) => ACTION_WORDS[a]).join(', '), d.instruction].filter(Boolean).join('. ');
    const row = [
      no,
      names.person(d.fromUserId).name,
      'user' in to ? to.user.name : to.unit.name,
      instruction,
      d.dueAt ? tableDate(calendarDateIn(d.dueAt, zone)) : '-',
      DISPOSITION_STATUS_WORDS[d.status],
      d.report ?? '',
    ];
    return [row, ...lines(n.children, names, zone, `${no}.`)];
  });

/**
 * The disposition sheet (lembar disposisi) of an incoming letter as a PDF, laid out as offices
 * print it: the letter's particulars in a ruled box (from whom, number and date, received,
 * agenda number, urgency, subject), then every disposition with its sender, addressee,
 * instruction, due date, status and report. For anyone who may read the letter (else 404);
 * above `biasa` the read is audited like the letter page's.
 */
export const dispositionSheet = async (deps: AppDeps, actor: Actor, letterId: string): Promise<{ body: Uint8Array; fileName: string }> => {
  const { letter, document } = await visibleIncoming(deps, actor, letterId);
  if (letter.securityLevel !== 'biasa' || document.securityLevel !== 'biasa') {
    await deps.db.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'letter.disposition_sheet_read',
      targetType: 'document',
      targetId: document.id,
      details: { letterId: letter.id, securityLevel: letter.securityLevel },
    });
  }
  const ds = await deps.db.dispositions.ofLetter(letter.id);
  const names = await namesFor(deps, ds);
  const unit = await deps.db.units.findByCode(letter.unitCode);
  const zone = deps.officeTimeZone;
  const agenda = `${letter.agendaNumber}/${letter.agendaYear}`;
  const body = await deps.paper.render({
    orientation: 'portrait',
    heading: [await officeName(deps), unit ? unit.name : letter.unitCode],
    title: 'LEMBAR DISPOSISI',
    fields: [
      { label: 'Surat dari', value: letter.sender },
      { label: 'Diterima tanggal', value: indonesianDate(calendarDateIn(letter.receivedAt, zone)) },
      { label: 'Nomor surat', value: letter.letterNumber },
      { label: 'Nomor agenda', value: agenda },
      { label: 'Tanggal surat', value: indonesianDate(letter.letterDate) },
      { label: 'Sifat', value: URGENCY_WORDS[letter.urgency] },
      { label: 'Perihal', value: letter.subject },
      { label: 'Klasifikasi', value: letter.classificationCode ?? '-' },
    ],
    columns: COLUMNS,
    rows: lines(routingTree(ds).roots, names, zone),
    emptyText: 'Belum ada disposisi.',
    footer: `Dicetak ${formatOfficeTime(deps.clock.now(), zone)}`,
    pageLabel: 'Halaman {n} dari {total}',
    renderedAt: deps.clock.now(),
  });
  return { body, fileName: `lembar-disposisi-${letter.unitCode}-${letter.agendaNumber}-${letter.agendaYear}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_') };
};
