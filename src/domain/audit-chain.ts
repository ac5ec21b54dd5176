import { createHash } from 'node:crypto';

/** What a use case records; the repository adds seq, hashes and time. */
export interface NewAuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** A position in the chain and the hash of the entry there (a head, a checkpoint). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** Where the chain stops being trustworthy, and why, in words an auditor can act on. */
export interface ChainBreak {
  seq: number;
  reason: string;
}

/** The hash of the empty chain: the first entry's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry covers its position, its content and the previous hash, so changing,
 * deleting or reordering any entry breaks every hash after it. Keys are serialised in a fixed
 * order so MySQL and SQLite round-trips hash alike.
 */
export const hashAuditEntry = (e: Omit<AuditEntry, 'hash'>): string => {
  const canonical = JSON.stringify([e.seq, e.at.toISOString(), e.actorId, e.action, e.targetType, e.targetId, sortKeys(e.details), e.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
};

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
};

const range = (from: number, to: number) => (from === to ? `entry ${from} is` : `entries ${from}–${to} are`);

/**
 * Checks the trail entry by entry in seq order, so a trail of any length is checked in bounded
 * memory. Hashes alone cannot show a deleted tail or a rewrite that recomputed every hash after
 * it; two outside facts can: `head`, the head row read before the walk (every entry up to it
 * was committed, so the trail must reach it and end in its hash), and `anchors`, recorded
 * checkpoints (seq → hash) that a rewrite cannot match.
 */
export class AuditChainCheck {
  #last: ChainPoint = { seq: 0, hash: GENESIS_HASH };
  #entries = 0;

  /** `from` starts the walk after an entry already trusted (the genesis by default). */
  constructor(
    private readonly head: ChainPoint,
    private readonly anchors: ReadonlyMap<number, string> = new Map(),
    from: ChainPoint = { seq: 0, hash: GENESIS_HASH },
  ) {
    this.#last = from;
  }

  /** The last entry that passed (seq 0 and the genesis hash before any). */
  get last(): ChainPoint {
    return this.#last;
  }

  /** How many entries passed. */
  get entries(): number {
    return this.#entries;
  }

  /** Checks the next entry; a break means the walk should stop there. */
  next(e: AuditEntry): ChainBreak | null {
    const expected = this.#last.seq + 1;
    if (e.seq < expected) return { seq: e.seq, reason: `entry ${e.seq} appears again after entry ${this.#last.seq}: the trail is out of order` };
    if (e.seq > expected) return { seq: expected, reason: `${range(expected, e.seq - 1)} missing: the trail jumps from ${this.#last.seq} to ${e.seq}` };
    const before = this.#last.seq === 0 ? 'the start of the trail' : `entry ${this.#last.seq}`;
    const linked = e.prevHash === this.#last.hash;
    if (hashAuditEntry(e) !== e.hash) {
      return linked
        ? { seq: e.seq, reason: `entry ${e.seq} was changed: its content no longer matches its hash` }
        : { seq: e.seq, reason: `entry ${e.seq} was changed or moved here from another position: neither its content nor its link to ${before} match` };
    }
    // A valid hash on a broken link: something before was rewritten with recomputed hashes, or this entry was slipped in.
    if (!linked) return { seq: e.seq, reason: `entry ${e.seq} does not link to ${before}: an earlier entry was rewritten or this one was inserted` };
    const anchored = this.anchors.get(e.seq);
    if (anchored !== undefined && anchored !== e.hash)
      return { seq: e.seq, reason: `entry ${e.seq} no longer has the hash its checkpoint recorded: the trail up to ${e.seq} was rewritten` };
    if (e.seq === this.head.seq && e.hash !== this.head.hash)
      return { seq: e.seq, reason: `entry ${e.seq} does not have the hash the chain head recorded: it was rewritten` };
    this.#last = { seq: e.seq, hash: e.hash };
    this.#entries++;
    return null;
  }

  /**
   * After the last entry: the trail must reach the head read before the walk and every
   * checkpoint, and must not run past `headNow`, the head read after it (appends move the head
   * in the same transaction, so a committed entry never lies beyond it).
   */
  end(headNow: ChainPoint): ChainBreak | null {
    const last = this.#last.seq;
    if (last < this.head.seq)
      return { seq: last + 1, reason: `${range(last + 1, this.head.seq)} missing: the trail ends at ${last} but the chain head records ${this.head.seq}` };
    const gone = [...this.anchors.keys()].filter((s) => s > last).sort((a, b) => a - b)[0];
    if (gone !== undefined) return { seq: last + 1, reason: `the checkpoint at seq ${gone} names an entry that is gone: the trail ends at ${last}` };
    if (last > headNow.seq)
      return { seq: headNow.seq + 1, reason: `${range(headNow.seq + 1, last)} beyond the chain head (${headNow.seq}): added behind the system's back` };
    if (last === headNow.seq && this.#last.hash !== headNow.hash)
      return { seq: last, reason: `entry ${last} does not have the hash the chain head records: it or the head was rewritten` };
    return null;
  }
}

/** Checks a run of entries in seq order that follows `prevHash`; returns the first broken seq or null (no head or checkpoints). */
export const firstBrokenEntry = (entries: AuditEntry[], prevHash: string): number | null => {
  const first = entries[0];
  if (!first) return null;
  const check = new AuditChainCheck({ seq: 0, hash: GENESIS_HASH }, new Map(), { seq: first.seq - 1, hash: prevHash });
  for (const e of entries) {
    const broken = check.next(e);
    if (broken) return broken.seq;
  }
  return null;
};
