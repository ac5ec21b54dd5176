import { cosignedAt, type NoteKey, splitNote } from './signed-note.ts';

/**
 * The witnesses, among `known`, that validly cosigned a checkpoint note (C2SP tlog-cosignature
 * lines on its very text), each counted once however many lines it sent. A line by an unknown
 * key, a forged one under a known name, or one on another text counts for nothing: a verifier
 * requiring k cosignatures counts only keys it chose to trust.
 */
export const validCosigners = (note: string, known: NoteKey[]): string[] => {
  const split = splitNote(note);
  if (!split) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of known) {
    const id = `${k.name} ${k.publicKey.toString('base64')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (cosignedAt(split.text, split.signatures, k) !== null) out.push(k.name);
  }
  return out;
};
