/**
 * The inbox as cards: a letter that reaches someone both personally and through their unit is
 * two dispositions, shown as one card naming both ways, each with its own link (issue 18: two
 * identical cards looked like one disposition shown twice). Pure, unit-tested.
 */
export type Via = 'personal' | 'unit';

export interface InboxGroup<T> {
  /** The card's main disposition: the personal one when there is one. */
  lead: T;
  /** Every disposition of the card, personal first. */
  all: T[];
}

export const groupInbox = <T extends { id: string; letterId: string; via?: Via | undefined }>(items: T[]): InboxGroup<T>[] => {
  const byLetter = new Map<string, T[]>();
  for (const d of items) byLetter.set(d.letterId, [...(byLetter.get(d.letterId) ?? []), d]);
  // Keeps the server's order (due first) by each letter's first item.
  return [...byLetter.values()].map((list) => {
    const all = [...list].sort((a, b) => Number(a.via === 'unit') - Number(b.via === 'unit'));
    return { lead: all[0]!, all };
  });
};
