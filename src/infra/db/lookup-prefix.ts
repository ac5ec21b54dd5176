import { createHash } from 'node:crypto';

/**
 * The number the public log finds a leaf by (migration 014): the first 11 hex digits (44 bits) of
 * a SHA-256 it is keyed by: a leaf's key (the signed PDF's SHA-256) or its leaf hash. A random
 * 64-character text index cost the sequencer most of its writes at a million leaves; a small
 * whole number (six bytes in SQLite, exact in a JS number and in BIGINT) packs several times more
 * entries per page. It is not unique: every lookup compares the full text on the rows it finds,
 * so two hashes sharing a prefix only cost a second row read. Anything not starting with hex
 * digits is hashed first. Stored values depend on it: never change it.
 */
export const lookupPrefix = (s: string): number => parseInt((/^[0-9a-f]{11}/.test(s) ? s : createHash('sha256').update(s).digest('hex')).slice(0, 11), 16);
