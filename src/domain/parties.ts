/**
 * Addressees and copies (tembusan) of an outgoing letter: a unit of this office, a person, a
 * contact from the contact book, or a body typed in. Each is stored resolved, with the name it
 * had when the draft was written, so the letter prints and reads the same later.
 */

/** What a drafter names: exactly one of these shapes. */
export type PartyInput =
  | { unitCode: string }
  | { userId: string }
  | { contactId: string }
  | { name: string; address?: string | undefined; email?: string | undefined };

export type Party =
  | { kind: 'unit'; unitCode: string; name: string }
  | { kind: 'user'; userId: string; unitCode: string; name: string }
  | { kind: 'contact'; contactId: string; name: string; address: string | null; email: string | null }
  | { kind: 'external'; name: string; address: string | null; email: string | null };

/** Whether a letter reaches this party as its addressee or as a copy for information. */
export type DeliveryKind = 'addressee' | 'copy';

/** One person named on a surat tugas. */
export interface Assignee {
  name: string;
  nip: string | null;
  position: string | null;
}

/** How the party is printed: a unit by its head (Kepala …), anyone else by name. */
export const printedName = (p: Party): string => (p.kind === 'unit' ? `Kepala ${p.name}` : p.name);

/**
 * The addressee block in the usual TNDE form: one addressee with "di" and the place below it,
 * several as a numbered list followed by "di Tempat".
 */
export const addresseeBlock = (addressees: Party[]): string => {
  if (addressees.length === 1) {
    const only = addressees[0]!;
    const place = 'address' in only && only.address ? only.address : 'Tempat';
    return `Yth. ${printedName(only)}\ndi\n${place}`;
  }
  return ['Yth.', ...addressees.map((p, i) => `${i + 1}. ${printedName(p)}`), 'di', 'Tempat'].join('\n');
};

/** The units of this office a letter goes to, each once: an addressee unit is not also a copy. */
export const internalRecipients = (addressees: Party[], copies: Party[]): { unitCode: string; kind: DeliveryKind }[] => {
  const out = new Map<string, DeliveryKind>();
  for (const p of addressees) if (p.kind === 'unit') out.set(p.unitCode, 'addressee');
  for (const p of copies) if (p.kind === 'unit' && !out.has(p.unitCode)) out.set(p.unitCode, 'copy');
  return [...out].map(([unitCode, kind]) => ({ unitCode, kind }));
};

/** A party as the API shows it: the fields it was named by, plus its printed name. */
export const presentParty = (p: Party) => {
  switch (p.kind) {
    case 'unit':
      return { unitCode: p.unitCode, name: p.name };
    case 'user':
      return { userId: p.userId, unitCode: p.unitCode, name: p.name };
    case 'contact':
      return { contactId: p.contactId, name: p.name, address: p.address, email: p.email };
    default:
      return { name: p.name, address: p.address, email: p.email };
  }
};

/**
 * A name folded for matching and search-as-you-type: accents dropped (NFKD without combining
 * marks), lower case, spacing collapsed. "Dinas  Pendidikan" and "dinas pendidikan" are one contact.
 */
export const foldName = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export interface ContactRecord {
  id: string;
  name: string;
  address: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}
