import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROBLEM_TYPES } from '../../../src/domain/problem-types.ts';
import { STATUS } from '../../../src/http/problem.ts';
import { en } from '../../../src/web/messages/en.ts';
import { id } from '../../../src/web/messages/id.ts';
import { describeProblem, kindHeadline } from '../../../src/web/problem-text.ts';
import { tId } from './translate.ts';

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
});
