/**
 * Issue 3's access matrix, over HTTP: every document route × role × clearance × unit relation.
 *
 * Four documents are filed for BIDANG_A, one per security level (see test/support/access-world.ts);
 * there is one user for each role × clearance × relation of their unit to BIDANG_A
 * (same = BIDANG_A, above = DINAS, below = SEKSI_A1, sibling = BIDANG_B).
 *
 * Not covered here: documents given to someone by a disposition or a review step (`readers`).
 * No HTTP route grants those yet (they come with correspondence); add them to this matrix then.
 */
import { expect } from 'chai';
import {
  buildAccessWorld,
  CLASSIFICATION_OF,
  inParallel,
  LEVELS,
  type AccessWorld,
  type Level,
  type MatrixDoc,
  type MatrixUser,
  type Relation,
  type Role,
} from '../support/access-world.ts';
import { api, expectProblem, type Reply } from '../support/http.ts';

/**
 * THE EXPECTATIONS, stated by hand. For each role and relation to BIDANG_A, one number per
 * clearance (biasa, terbatas, rahasia, sangat_rahasia): how many of BIDANG_A's documents the
 * user may see, counting up from the lowest level. 2 means biasa and terbatas, 0 means none.
 * Admins and auditors look across all units; the others see their unit and the units below
 * it; nobody sees above their clearance.
 */
const EXPECTED: Record<Role, Record<Relation, [number, number, number, number]>> = {
  //          clearance:  biasa terbatas rahasia sangat_rahasia
  admin: { same: [1, 2, 3, 4], above: [1, 2, 3, 4], below: [1, 2, 3, 4], sibling: [1, 2, 3, 4] },
  auditor: { same: [1, 2, 3, 4], above: [1, 2, 3, 4], below: [1, 2, 3, 4], sibling: [1, 2, 3, 4] },
  clerk: { same: [1, 2, 3, 4], above: [1, 2, 3, 4], below: [0, 0, 0, 0], sibling: [0, 0, 0, 0] },
  official: { same: [1, 2, 3, 4], above: [1, 2, 3, 4], below: [0, 0, 0, 0], sibling: [0, 0, 0, 0] },
  staff: { same: [1, 2, 3, 4], above: [1, 2, 3, 4], below: [0, 0, 0, 0], sibling: [0, 0, 0, 0] },
};

const visibleCount = (u: MatrixUser): number => EXPECTED[u.role][u.relation][LEVELS.indexOf(u.clearance)]!;
const maySee = (u: MatrixUser, level: Level): boolean => LEVELS.indexOf(level) < visibleCount(u);

/** Collects every mismatch, so one run shows the whole broken part of the matrix. */
class Mismatches {
  readonly list: string[] = [];
  check(u: MatrixUser, doc: string, route: string, expected: string, got: string): void {
    if (expected !== got) this.list.push(`user ${u.role}/${u.clearance}/${u.relation} × doc ${doc} × ${route}: expected ${expected} got ${got}`);
  }
  assertNone(): void {
    if (this.list.length) expect.fail(`${this.list.length} mismatch(es):\n  ${this.list.join('\n  ')}`);
  }
}

const brief = (r: { status: number; body: unknown }) => `${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;

/** '404' when the reply is a well-formed 404 problem, else what it was. */
const notFoundOr = (r: Reply): string => {
  try {
    expectProblem(r, 404);
    return '404';
  } catch (err) {
    return (err as Error).message.slice(0, 200);
  }
};

const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');
/** The facets a search answers with, written out here rather than read from the reply. */
const FACETS = ['classificationCode', 'kind', 'retentionPhase', 'unitCode', 'year'];
/** What `sums` must print when every facet counts `n` documents. */
const allFacetsCount = (n: number) => FACETS.map((k) => `${k}:${n}`).join(',');
const sums = (facets: Record<string, Record<string, number>>) =>
  Object.entries(facets)
    .map(([name, buckets]) => `${name}:${Object.values(buckets).reduce((a, b) => a + b, 0)}`)
    .sort()
    .join(',');

/** A hidden document's trace in a search reply: its id, its word, its classification bucket. */
const leaks = (body: unknown, d: MatrixDoc) => {
  const json = JSON.stringify(body);
  return [d.id, d.word, `"${CLASSIFICATION_OF[d.level]}"`].filter((s) => json.toLowerCase().includes(s.toLowerCase()));
};

describe('access matrix: document routes × role × clearance × unit relation (embedded)', function () {
  this.timeout(180_000);
  let world: AccessWorld;

  before(async () => {
    world = await buildAccessWorld();
  });
  after(async () => world?.app.stop());

  it('metadata, original bytes and extracted text: 200 when visible, 404 problem otherwise', async () => {
    const bad = new Mismatches();
    const { app } = world;
    await inParallel(world.users, 8, async (u) => {
      for (const d of world.docs) {
        const see = maySee(u, d.level);
        const meta = await api(app, u.token, 'GET', `/api/v1/documents/${d.id}`);
        bad.check(
          u,
          d.level,
          'GET /documents/:id',
          see ? '200' : '404',
          meta.status === 200 ? (meta.body.id === d.id ? '200' : `200 with ${brief(meta)}`) : notFoundOr(meta),
        );

        const res = await fetch(`${app.url}/api/v1/documents/${d.id}/content`, { headers: { authorization: `Bearer ${u.token}` } });
        const bytes = new Uint8Array(await res.arrayBuffer());
        let got: string;
        if (res.status === 200) got = Buffer.from(bytes).equals(Buffer.from(d.bytes)) ? '200' : `200 with ${bytes.length} other bytes`;
        else {
          const raw = Buffer.from(bytes).toString('utf8');
          let body: Reply['body'];
          try {
            body = raw ? (JSON.parse(raw) as Reply['body']) : {};
          } catch {
            body = { unparsed: raw.slice(0, 120) };
          }
          got = notFoundOr({ status: res.status, headers: res.headers, body });
        }
        bad.check(u, d.level, 'GET /documents/:id/content', see ? '200' : '404', got);

        const text = await api(app, u.token, 'GET', `/api/v1/documents/${d.id}/text`);
        bad.check(
          u,
          d.level,
          'GET /documents/:id/text',
          see ? '200' : '404',
          text.status === 200 ? (String(text.body.text).includes(d.word) ? '200' : `200 without the word: ${brief(text)}`) : notFoundOr(text),
        );
      }
    });
    bad.assertNone();
  });

  it("search for each document's word: one hit with a highlight, or nothing returned and nothing counted", async () => {
    const bad = new Mismatches();
    await inParallel(world.users, 8, async (u) => {
      for (const d of world.docs) {
        const r = await api(world.app, u.token, 'GET', `/api/v1/search?q=${d.word}`);
        if (r.status !== 200) {
          bad.check(u, d.level, `search q=${d.word}`, '200', brief(r));
          continue;
        }
        const items = r.body.items ?? [];
        const facets = (r.body.facets ?? {}) as Record<string, Record<string, number>>;
        const n = maySee(u, d.level) ? 1 : 0;
        const highlighted = items.some((i) => i.id === d.id && ((i.highlights ?? []) as string[]).some((h) => stripTags(h).toLowerCase().includes(d.word)));
        const got = `items=[${items.map((i) => (i.id === d.id ? 'doc' : String(i.id))).join(',')}] total=${String(r.body.total)} highlight=${highlighted} facets=${sums(facets)}`;
        const expected = `items=[${n ? 'doc' : ''}] total=${n} highlight=${n === 1} facets=${allFacetsCount(n)}`;
        bad.check(u, d.level, `search q=${d.word}`, expected, got);
        if (!r.body.facets) bad.check(u, d.level, `search q=${d.word}`, 'facets', 'no facets');
        if (!n) bad.check(u, d.level, `search q=${d.word} (traces)`, '[]', JSON.stringify(leaks(r.body, d)));
      }
    });
    bad.assertNone();
  });

  it('unfiltered search: total, items and every facet count only the visible documents', async () => {
    const bad = new Mismatches();
    await inParallel(world.users, 8, async (u) => {
      const r = await api(world.app, u.token, 'GET', '/api/v1/search?q=&limit=100');
      if (r.status !== 200) return bad.check(u, '*', 'search q=', '200', brief(r));
      const n = visibleCount(u);
      const seen = world.docs.filter((d) => maySee(u, d.level));
      const facets = (r.body.facets ?? {}) as Record<string, Record<string, number>>;
      const levelOf = (id: unknown) => world.docs.find((d) => d.id === id)?.level ?? `unknown:${String(id)}`;
      bad.check(u, '*', 'search q= total', String(n), String(r.body.total));
      bad.check(
        u,
        '*',
        'search q= items',
        seen.map((d) => d.level).join(','),
        (r.body.items ?? [])
          .map((i) => levelOf(i.id))
          .sort((a, b) => LEVELS.indexOf(a as Level) - LEVELS.indexOf(b as Level))
          .join(','),
      );
      bad.check(u, '*', 'search q= facets.unitCode', JSON.stringify(n ? { BIDANG_A: n } : {}), JSON.stringify(facets.unitCode));
      bad.check(
        u,
        '*',
        'search q= facets.classificationCode',
        JSON.stringify(Object.fromEntries(seen.map((d) => [CLASSIFICATION_OF[d.level], 1]))),
        JSON.stringify(sortKeys(facets.classificationCode ?? {})),
      );
      bad.check(u, '*', 'search q= facet sums', allFacetsCount(n), sums(facets));
      for (const d of world.docs) if (!maySee(u, d.level)) bad.check(u, d.level, 'search q= (traces)', '[]', JSON.stringify(leaks(r.body, d)));
    });
    bad.assertNone();
  });

  it("explicit: the word of BIDANG_A's rahasia letter finds nothing for a sibling unit or too low a clearance", async () => {
    const word = world.doc('rahasia').word;
    for (const u of [world.user('staff', 'sangat_rahasia', 'sibling'), world.user('staff', 'terbatas', 'same')]) {
      for (const q of [word, word.slice(0, -1), `"${word}"`]) {
        const r = await api(world.app, u.token, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
        expect(r.status, `${u.username} q=${q}`).to.equal(200);
        expect(r.body.items, `${u.username} q=${q}`).to.deep.equal([]);
        expect(r.body.total, `${u.username} q=${q}`).to.equal(0);
        for (const buckets of Object.values((r.body.facets ?? {}) as Record<string, Record<string, number>>))
          expect(buckets, `${u.username} q=${q}`).to.deep.equal({});
      }
    }
    // The control: the same word does find it for BIDANG_A staff cleared for rahasia.
    const cleared = await api(world.app, world.user('staff', 'rahasia', 'same').token, 'GET', `/api/v1/search?q=${word}`);
    expect(cleared.body.total).to.equal(1);
  });

  it('audit trail by document: admins and auditors see entries only of documents they may see; other roles 403', async () => {
    const bad = new Mismatches();
    await inParallel(world.users, 8, async (u) => {
      for (const d of world.docs) {
        const r = await api(world.app, u.token, 'GET', `/api/v1/audit?documentId=${d.id}&limit=100`);
        const route = 'GET /audit?documentId';
        if (u.role !== 'admin' && u.role !== 'auditor') {
          bad.check(u, d.level, route, '403', r.status === 403 ? '403' : brief(r));
          continue;
        }
        const items = r.body.items ?? [];
        const total = Number(r.body.total);
        let got: string;
        if (r.status === 200 && total > 0 && items.length > 0 && items.every((e) => e.targetId === d.id)) got = 'entries';
        // Hidden: either an empty page that counts nothing, or a 404 as for the document itself.
        else if ((r.status === 200 && total === 0 && items.length === 0) || notFoundOr(r) === '404') got = 'none';
        else got = brief(r);
        bad.check(u, d.level, route, maySee(u, d.level) ? 'entries' : 'none', got);
      }
    });
    bad.assertNone();
  });

  it("whole audit trail, its export and a user's activity: no entry about a hidden document, every visible one present", async () => {
    const bad = new Mismatches();
    const ndjson = async (u: MatrixUser, path: string) => {
      const res = await fetch(`${world.app.url}${path}`, { headers: { authorization: `Bearer ${u.token}` } });
      const text = await res.text();
      return res.status === 200
        ? text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : `${res.status} ${text.slice(0, 160)}`;
    };
    const compare = (u: MatrixUser, route: string, entries: Record<string, unknown>[] | string) => {
      for (const d of world.docs) {
        const got = typeof entries === 'string' ? entries : entries.some((e) => JSON.stringify(e).includes(d.id)) ? 'entries' : 'none';
        bad.check(u, d.level, route, maySee(u, d.level) ? 'entries' : 'none', got);
      }
    };
    const auditors = world.users.filter((u) => u.role === 'admin' || u.role === 'auditor');
    await inParallel(auditors, 4, async (u) => {
      compare(u, 'GET /audit/export', await ndjson(u, '/api/v1/audit/export'));
      if (u.role === 'admin') compare(u, 'GET /users/:uploader/activity', await ndjson(u, `/api/v1/users/${world.uploaderId}/activity`));
    });
    // Paging the whole trail is ~20 requests a user: a few users who each miss some documents.
    for (const u of [
      world.user('admin', 'biasa', 'sibling'),
      world.user('auditor', 'terbatas', 'below'),
      world.user('auditor', 'rahasia', 'above'),
      world.user('admin', 'sangat_rahasia', 'same'),
    ]) {
      const entries: Record<string, unknown>[] = [];
      let failed = '';
      for (let page = 1; !failed; page++) {
        const r = await api(world.app, u.token, 'GET', `/api/v1/audit?limit=100&page=${page}`);
        if (r.status !== 200) failed = brief(r);
        entries.push(...(r.body.items ?? []));
        if ((r.body.items ?? []).length < 100) break;
      }
      compare(u, 'GET /audit (all pages)', failed || entries);
    }
    bad.assertNone();
  });
});
