/** Storage keys: originals are content-addressed; inbox objects hold batch files until ingested. */
export const originalKey = (sha256: string): string => `originals/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
export const inboxKey = (batchId: string, seq: number): string => `inbox/${batchId}/${seq}`;
export const ORIGINALS_PREFIX = 'originals/';
export const INBOX_PREFIX = 'inbox/';
