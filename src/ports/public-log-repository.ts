import type { NodeId } from '../domain/public-log/merkle.ts';

/** A leaf as the log keeps it: its position, its RFC 6962 leaf hash (hex) and its text. */
export interface StoredLeaf {
  index: number;
  hash: string;
  text: string;
}

/** The tree head as stored: size, root (hex), and the right edge an append continues from (hex hashes, largest subtree first). */
export interface StoredHead {
  size: number;
  root: string;
  frontier: string[];
}

/** A signed checkpoint as published. */
export interface StoredCheckpoint {
  id: number;
  size: number;
  root: string;
  note: string;
  at: Date;
}

/** A witness's cosignature on the checkpoint of `size`: its signature line as the witness sent it. */
export interface StoredCosignature {
  witness: string;
  size: number;
  root: string;
  line: string;
  at: Date;
}

/** What this office, as a witness, last accepted from another office's log. */
export interface WitnessView {
  origin: string;
  size: number;
  root: string;
  note: string;
  at: Date;
}

/**
 * The public log (issue 20): an outbox of leaves written in the transaction that signs, the
 * sequenced leaves, the complete subtrees' hashes, the head, signed checkpoints, cosignatures
 * received and views of other offices' logs this office witnesses.
 */
export interface PublicLogRepository {
  /** Queues a leaf in the same transaction as what it records; a key queued twice, or logged already, is dropped by the sequencer. */
  enqueue(key: string, text: string, at: Date): Promise<void>;
  /** The head, locked for the rest of the transaction (one sequencer at a time across processes). */
  lockHead(): Promise<StoredHead>;
  head(): Promise<StoredHead>;
  /** Whether a leaf of this key waits in the queue (by the queue's unique key: one row read at most). */
  isQueued(key: string): Promise<boolean>;
  /** The oldest queued leaves, in the order they were queued; `logged` when the log holds that key already. */
  queued(limit: number): Promise<{ id: number; key: string; text: string; logged: boolean }[]>;
  /**
   * Stores sequenced leaves and new nodes, moves the head and removes exactly those queue rows
   * (by id: on MySQL a lower id may commit later, and must stay queued for the next batch).
   */
  store(o: {
    leaves: (StoredLeaf & { key: string })[];
    nodes: { level: number; index: number; hash: string }[];
    head: StoredHead;
    queueIds: number[];
    at: Date;
  }): Promise<void>;
  /** Hashes (hex) of stored complete subtrees (level 0: leaf hashes as the tree recorded them), keyed `level:index`. */
  nodes(ids: NodeId[]): Promise<Map<string, string>>;
  /** Leaves [start, end) in order. */
  leaves(start: number, end: number): Promise<StoredLeaf[]>;
  leafByHash(hash: string): Promise<StoredLeaf | null>;
  leafByKey(key: string): Promise<StoredLeaf | null>;
  addCheckpoint(c: Omit<StoredCheckpoint, 'id'>): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
  /** Records a cosignature; a witness's second one on one size replaces the first. */
  addCosignature(c: StoredCosignature): Promise<void>;
  cosignatures(size: number, root: string): Promise<StoredCosignature[]>;
  /** Heads (size, root hex) at least `min` witnesses cosigned, largest first, at most `limit`. */
  cosignedHeads(min: number, limit: number): Promise<{ size: number; root: string }[]>;
  /** The checkpoints signed for one head (the hourly one repeats a size with a new audit anchor), newest first. */
  checkpointsAt(size: number, root: string): Promise<StoredCheckpoint[]>;
  witnessView(origin: string): Promise<WitnessView | null>;
  witnessViews(): Promise<WitnessView[]>;
  /** Replaces the view of `origin` (one witness pass at a time: the pass is claimed per period). */
  saveWitnessView(v: WitnessView): Promise<void>;
}
