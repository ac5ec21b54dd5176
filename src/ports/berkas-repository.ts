import type { BerkasItemKind, BerkasItemRecord, BerkasRecord } from '../domain/berkas.ts';

/** Berkas (files per matter) and what they hold (issue 13). */
export interface BerkasRepository {
  create(b: BerkasRecord): Promise<void>;
  findById(id: string): Promise<BerkasRecord | null>;
  /** Berkas of these units (or all), by name, optionally those whose name contains `q`; with how many items each holds. */
  list(unitCodes: string[] | 'all', q: string, limit: number): Promise<(BerkasRecord & { itemCount: number })[]>;
  /** False when the berkas holds it already. */
  addItem(item: BerkasItemRecord): Promise<boolean>;
  /** False when the berkas did not hold it. */
  removeItem(berkasId: string, kind: BerkasItemKind, itemId: string): Promise<boolean>;
  /** A berkas's items, oldest first. */
  items(berkasId: string): Promise<BerkasItemRecord[]>;
  /** The berkas holding this item. */
  holding(kind: BerkasItemKind, itemId: string): Promise<BerkasRecord[]>;
  touch(id: string, now: Date): Promise<void>;
}
