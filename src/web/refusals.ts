/**
 * The server's refusals of a records act or a scheme file, readable. A disposal, transfer or hold
 * that names unfit records is refused whole (422) with one error per record, `"<id> (<title>):
 * <why>"` in English; a scheme file with bad lines is refused whole with `{ line, code, message }` per
 * line. These turn them into rows a page lists: the record (by its title) and why in the reader's
 * language, or the line number and the problem. Pure: the caller passes `t`.
 */
import { FINAL_DISPOSITIONS } from '../domain/classification.ts';
import { type FieldProblemLike, fieldMessage, type Translate } from './problem-text.ts';
import { RETENTION_PHASES } from './records-types.ts';

export interface Refusal {
  documentId: string | null;
  /** The title the server quoted (cut at 80 characters), if any. */
  title: string | null;
  /** Why, in the reader's language (in general words when the reason is not known here). */
  why: string;
}

const RECORD_ERROR = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?: \((.*)\))?: (.*)$/s;

const known = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A phase or a final disposition by its label; anything else as the server said it. */
const phaseWord = (v: string, t: Translate) => (known(RETENTION_PHASES, v) ? t(`records.phase.${v}`) : v);
const endWord = (v: string, t: Translate) => (known(FINAL_DISPOSITIONS, v) ? t(`classes.final.${v}`) : v);

/** The reasons records.ts gives (domain/records.ts actProblem, record-access.ts, holds.ts). */
const why = (reason: string, t: Translate): string => {
  let m: RegExpExecArray | null;
  if (reason === 'it is under a legal hold') return t('refused.held');
  if (/^it is already in disposal or transfer \S+$/.test(reason)) return t('refused.inAct');
  if (reason === 'it was destroyed already' || reason === 'disposed') return t('refused.destroyed');
  if (reason === 'it was transferred already' || reason === 'transferred') return t('refused.transferred');
  if ((m = /^its retention has not ended \(phase: (.+)\)$/.exec(reason))) return t('refused.notDue', { phase: phaseWord(m[1]!, t) });
  if ((m = /^its schedule says (\S+) at the end, not (\S+)$/.exec(reason))) return t('refused.schedule', { has: endWord(m[1]!, t), wanted: endWord(m[2]!, t) });
  if (reason === 'no such record') return t('refused.notFound');
  // A reason this page does not know yet: said in general words, never in the server's English.
  return t('refused.other');
};

/** Each refused record of a 422 answer to an act, in the order the server gave. */
export const refusedRecords = (errors: { field: string; message: string }[], t: Translate): Refusal[] =>
  errors
    .filter((e) => e.field === 'documentIds')
    .map((e) => {
      const m = RECORD_ERROR.exec(String(e.message));
      return m ? { documentId: m[1]!, title: m[2] ?? null, why: why(m[3]!, t) } : { documentId: null, title: null, why: t('refused.other') };
    });

export interface SchemeLineProblem {
  /** The line of the file (CSV counts the header as line 1; JSON counts array entries from 1). */
  line: number | null;
  /** What is wrong, in the reader's language (by the line's rule code). */
  message: string;
}

/** The bad lines of a refused scheme file, by line. */
export const schemeLines = (errors: (FieldProblemLike & { line?: number })[], t: Translate): SchemeLineProblem[] =>
  errors
    .map((e) => {
      const line = typeof e.line === 'number' ? e.line : Number(/^line (\d+)$/.exec(String(e.field))?.[1] ?? NaN);
      return { line: Number.isFinite(line) ? line : null, message: fieldMessage(e, t) };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

/** How a chosen scheme file is sent: JSON by its name or type, else CSV (what the national scheme ships as). */
export const schemeContentType = (file: { name: string; type: string }): 'application/json' | 'text/csv' =>
  file.type === 'application/json' || /\.json$/i.test(file.name) ? 'application/json' : 'text/csv';
