import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FAILURE_KINDS, failureKind } from '../../../src/domain/failure-kinds.ts';
import { FIELD_CODES } from '../../../src/domain/field-codes.ts';
import { PROBLEM_TYPES } from '../../../src/domain/problem-types.ts';
import { STATUS } from '../../../src/http/problem.ts';
import { en } from '../../../src/web/messages/en.ts';
import { id } from '../../../src/web/messages/id.ts';
import { failureText } from '../../../src/web/failure-text.ts';
import { describeProblem, fieldMessage, kindHeadline } from '../../../src/web/problem-text.ts';
import { tEn, tId } from './translate.ts';

const SRC = path.resolve(import.meta.dirname, '../../../src');

const sources = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && p !== path.join(SRC, 'web')) out.push(...(await sources(p)));
    else if (e.isFile() && p.endsWith('.ts')) out.push(p);
  }
  return out;
};

/** The public log is answered to machines (cosigners, monitors), not shown in any form. */
const forPeople = (file: string) => !file.includes(`${path.sep}public-log`);

/** The object literal that opens at `start` (a `{`), braces balanced. */
const literalAt = (text: string, start: number): string => {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
};

/** Every field error the server builds: an object literal with a `field` and a `message`. */
const fieldErrors = async () => {
  const out: { file: string; literal: string }[] = [];
  for (const file of (await sources(SRC)).filter(forPeople)) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/\{\s*field[:,\s]/g)) {
      const literal = literalAt(text, m.index);
      if (/\bmessage\b/.test(literal)) out.push({ file: path.relative(SRC, file), literal });
    }
  }
  return out;
};

/** The zod issue codes a request schema's field problem may carry (problem-text.ts says each). */
const SCHEMA_CODES = ['invalid_type', 'too_big', 'too_small', 'invalid_format', 'invalid_value', 'invalid_union', 'unrecognized_keys'];

/** Where stored failure texts are written: a document's processing, a bulk import, a job, a backup. */
const FAILURE_SOURCES = [
  'infra/extract',
  'infra/archive',
  'infra/backup',
  'app/backup',
  'app/processing',
  'app/documents/import-batch.ts',
  'app/notifications/send-email.ts',
];

/** The English texts those places write (a template's `${…}` read as "x"). */
const failureTexts = async () => {
  const out: { file: string; text: string }[] = [];
  for (const file of await sources(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (!FAILURE_SOURCES.some((s) => rel.startsWith(s))) continue;
    const text = await readFile(file, 'utf8');
    const literal = "('[^'\\n]+'|`[^`]+`)";
    const patterns = [
      new RegExp(`new AppError\\(\\s*'(?:invalid|unavailable|too_large|conflict)',\\s*${literal}`, 'g'),
      new RegExp(`\\berror: ${literal}`, 'g'),
    ];
    for (const re of patterns)
      for (const m of text.matchAll(re)) {
        const words = m[1]!.slice(1, -1).replace(/\$\{[^}]*\}/g, 'x');
        // A text made only of parts (`${prefix}${reason}`) is judged where its parts are written.
        if (!/^x*$/.test(words)) out.push({ file: rel, text: words });
      }
  }
  return out;
};

/** What the server's source can send: the problem types it names and the error codes it throws. */
const collect = async () => {
  const types = new Set<string>();
  const codes = new Set<string>();
  for (const file of await sources(SRC)) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/problemType:\s*'([a-z0-9-]+)'/g)) types.add(m[1]!);
    // A type built from parts (`certificate-${reason}`) is matched by its fixed start.
    for (const m of text.matchAll(/problemType:\s*`([a-z0-9-]+)\$\{/g)) types.add(`${m[1]!}*`);
    for (const m of text.matchAll(/new AppError\(\s*'([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/sendProblem\(\s*res,\s*'([a-z_]+)'/g)) codes.add(m[1]!);
  }
  return { types, codes };
};

/**
 * Issue 18: every problem a person can meet is said in Indonesian. The server speaks English in
 * its problem documents; the UI must have its own text for each code the server may send.
 */
describe('web: every problem the server can send has Indonesian words', () => {
  it('each problem type named in the server source is registered and has its own Indonesian text', async () => {
    const { types } = await collect();
    expect(types.size).to.be.greaterThan(20);
    for (const type of types) {
      const kinds = type.endsWith('*') ? PROBLEM_TYPES.filter((k) => k.startsWith(type.slice(0, -1))) : [type];
      expect(kinds, `${type}: not in domain/problem-types.ts`).to.not.be.empty;
      for (const kind of kinds) {
        expect(PROBLEM_TYPES as readonly string[], `${kind}: not in domain/problem-types.ts`).to.include(kind);
        const key = kindHeadline(kind);
        expect(key, `${kind}: no text in web/problem-text.ts`).to.be.a('string');
        expect(id[key!], `${kind}: ${key} has no Indonesian text`).to.be.a('string').and.not.equal('');
        expect(id[key!], `${kind}: ${key} is not translated`).to.not.equal(en[key!]);
      }
    }
  });

  it('each error code the server throws has an Indonesian headline of its own status', async () => {
    const { codes } = await collect();
    expect(codes.size).to.be.greaterThan(8);
    for (const code of codes) {
      expect(STATUS, `${code}: not an error code`).to.have.property(code);
      const status = STATUS[code as keyof typeof STATUS][0];
      const kind = code.replace(/_/g, '-');
      const headline = describeProblem({ status, kind, detail: 'english', errors: [], body: {}, retryAfter: null }, tId).headline;
      expect(headline, code).to.not.equal(tId('problem.other', { status }));
      expect(headline, code).to.not.match(/english/);
    }
  });

  it('each field error the server builds names its rule, and each rule has Indonesian words of its own', async () => {
    const found = await fieldErrors();
    expect(found.length).to.be.greaterThan(60);
    for (const { file, literal } of found) {
      const code = /\bcode(?::\s*'([a-z_]+)')?|\.\.\.(?:fieldCode\(|rule\b)/.exec(literal);
      expect(code, `${file}: a field error without a code, shown only as "${tId('field.invalid')}": ${literal}`).to.not.equal(null);
      if (code?.[1]) expect([...FIELD_CODES, ...SCHEMA_CODES], `${file}: ${code[1]} is not in domain/field-codes.ts`).to.include(code[1]);
    }
    for (const code of FIELD_CODES) {
      const said = fieldMessage({ field: 'x', message: 'english', code }, tId);
      expect(said, code)
        .to.not.equal(tId('field.invalid'))
        .and.not.match(/english/);
      expect(said, `${code} is not translated`).to.not.equal(fieldMessage({ field: 'x', message: 'english', code }, tEn));
    }
  });

  it('each refinement of a request schema names its rule', async () => {
    // The configuration's own refinements speak to whoever starts the server, in its log.
    for (const file of (await sources(SRC)).filter((f) => forPeople(f) && !f.startsWith(path.join(SRC, 'config')))) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/\.refine\(|addIssue\(/g)) {
        const call = text.slice(m.index, m.index + 400);
        const named = /params: \{ code: '([a-z_]+)' \}|params: [A-Z_]+_CODE|, (?:[A-Z_]+_MESSAGE|orderedMessage)\)/.exec(call);
        expect(named, `${path.relative(SRC, file)}: a refinement without params.code: ${call.slice(0, 160)}`).to.not.equal(null);
        if (named?.[1]) expect(FIELD_CODES as readonly string[], named[1]).to.include(named[1]);
      }
    }
  });

  it('each stored failure text (processing, import, job, backup) has a kind with Indonesian words', async () => {
    const texts = await failureTexts();
    expect(texts.length).to.be.greaterThan(20);
    const unknown = texts.filter(({ text }) => failureKind(text) === 'other').map(({ file, text }) => `${file}: "${text}"`);
    expect(unknown, 'no rule in domain/failure-kinds.ts for these').to.deep.equal([]);
    for (const kind of FAILURE_KINDS) {
      expect(failureText(kind, tId), kind).to.not.equal(failureText(kind, tEn));
      if (kind !== 'other') expect(failureText(kind, tId), kind).to.not.equal(failureText('other', tId));
    }
  });
});
