/** Storage keys: originals are content-addressed; inbox objects hold batch files until ingested. */
export const originalKey = (sha256: string): string => `originals/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
export const inboxKey = (batchId: string, seq: number): string => `inbox/${batchId}/${seq}`;
export const ORIGINALS_PREFIX = 'originals/';
export const INBOX_PREFIX = 'inbox/';

/**
 * Files derived from a document (rebuildable from its original): the searchable copy of a scan,
 * the thumbnail and the page images. Keyed by document id, all under one prefix so that
 * destroying a record removes them together.
 */
export const derivedPrefix = (documentId: string): string => `derived/${documentId}/`;
export const searchableKey = (documentId: string): string => `${derivedPrefix(documentId)}searchable.pdf`;
export const thumbnailKey = (documentId: string): string => `${derivedPrefix(documentId)}thumbnail.jpg`;
export const pageImageKey = (documentId: string, page: number): string => `${derivedPrefix(documentId)}pages/${page}.jpg`;
