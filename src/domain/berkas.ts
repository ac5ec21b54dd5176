/**
 * A berkas (issue 13): a named file per matter grouping documents and letters, so a matter's
 * papers are found together whatever register each sits in. It belongs to the unit of whoever
 * opened it: that unit and the units above it see it. Each item is shown only to those who may
 * read it.
 */
export const BERKAS_ITEM_KINDS = ['document', 'incoming', 'outgoing'] as const;
export type BerkasItemKind = (typeof BERKAS_ITEM_KINDS)[number];

export interface BerkasRecord {
  id: string;
  name: string;
  description: string | null;
  unitCode: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BerkasItemRecord {
  berkasId: string;
  kind: BerkasItemKind;
  itemId: string;
  addedBy: string;
  addedAt: Date;
}
