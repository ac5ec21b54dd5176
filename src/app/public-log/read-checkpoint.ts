import { type Checkpoint, parseCheckpoint } from '../../domain/public-log/checkpoint.ts';
import { type NoteKey, type NoteSignature, noteSignedBy, splitNote } from '../../domain/public-log/signed-note.ts';

export interface SignedCheckpoint extends Checkpoint {
  text: string;
  signatures: NoteSignature[];
  note: string;
}

/** A checkpoint note signed by `key`, for that key's origin; null when it is anything else. */
export const readCheckpoint = (note: string, key: NoteKey): SignedCheckpoint | null => {
  const split = splitNote(note);
  if (!split || !noteSignedBy(note, key)) return null;
  const c = parseCheckpoint(split.text);
  if (!c || c.origin !== key.name) return null;
  return { ...c, text: split.text, signatures: split.signatures, note };
};
