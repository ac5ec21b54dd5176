import type { DeliveryKind, Party } from './parties.ts';

/**
 * A signed letter e-mailed to an external addressee or copy (issue 13): pending → sending →
 * sent, or failed when the mail server refused it. `sending` stays when a worker died while
 * handing it over: it is not sent again (it may have gone out).
 */
export type LetterEmailState = 'pending' | 'sending' | 'sent' | 'failed';

export interface LetterEmailRecord {
  id: string;
  letterId: string;
  /** Its place among the letter's e-mails: addressees first, in the letter's order. */
  position: number;
  kind: DeliveryKind;
  name: string;
  address: string;
  state: LetterEmailState;
  /** Why it failed (the mail server's answer). */
  reason: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who outside the office gets a signed letter by e-mail: each contact or body typed in, as
 * addressee or copy, that has an address; an address once (as addressee when it is both).
 */
export const externalEmailRecipients = (addressees: Party[], copies: Party[]): { name: string; address: string; kind: DeliveryKind }[] => {
  const out = new Map<string, { name: string; address: string; kind: DeliveryKind }>();
  const add = (p: Party, kind: DeliveryKind) => {
    if ((p.kind !== 'contact' && p.kind !== 'external') || !p.email) return;
    const key = p.email.trim().toLowerCase();
    if (!out.has(key)) out.set(key, { name: p.name, address: p.email.trim(), kind });
  };
  for (const p of addressees) add(p, 'addressee');
  for (const p of copies) add(p, 'copy');
  return [...out.values()];
};

/** The API shape: who got the letter by e-mail, and how it went. */
export const presentLetterEmail = (e: LetterEmailRecord) => ({
  name: e.name,
  address: e.address,
  kind: e.kind,
  state: e.state,
  reason: e.reason,
  sentAt: e.sentAt?.toISOString() ?? null,
});
