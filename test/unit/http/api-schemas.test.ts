import { expect } from 'chai';
import express, { Router } from 'express';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { generatePaths } from '../../../src/http/openapi/generate-paths.ts';
import { openApiDocument } from '../../../src/http/openapi/openapi.ts';
import { operation } from '../../../src/http/openapi/operation.ts';
import { checkResponses, replyProblems } from '../../../src/http/openapi/response-check.ts';
import { declaredOperations } from '../../../src/http/schemas/operations.ts';

const thing = operation({
  method: 'get',
  path: '/api/v1/things/:id',
  summary: 'a thing',
  params: z.object({ id: z.string() }),
  responses: {
    200: {
      description: 'the thing',
      schema: z.object({ id: z.string(), at: z.iso.datetime(), parts: z.array(z.object({ n: z.number().int() })), note: z.string().optional() }),
    },
  },
});

/** Every `$ref` in a JSON value. */
const refsIn = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(refsIn) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (k === '$ref' ? [x as string] : refsIn(x))) : [];

describe('http: API schemas (one source for routes, OpenAPI and the response check)', () => {
  it('finds a field the response schema does not declare, at any depth', () => {
    const ok = { id: 'a', at: new Date(0), parts: [{ n: 1 }] };
    expect(replyProblems(thing, 200, ok)).to.deep.equal([]);
    expect(replyProblems(thing, 200, { ...ok, secret: 'x' })).to.deep.equal(['secret: not declared in the response schema']);
    expect(replyProblems(thing, 200, { ...ok, parts: [{ n: 1 }, { n: 2, extra: true }] })).to.deep.equal([
      'parts.1.extra: not declared in the response schema',
    ]);
  });

  it('finds a declared field missing or of the wrong type, and a status the operation does not declare', () => {
    expect(replyProblems(thing, 200, { id: 'a', parts: [] })[0]).to.match(/^at: /);
    expect(replyProblems(thing, 200, { id: 1, at: new Date(0), parts: [] })[0]).to.match(/^id: /);
    expect(replyProblems(thing, 201, { id: 'a' })).to.deep.equal(['GET /api/v1/things/:id declares no JSON answer with status 201']);
  });

  it('checks an answer of a router mounted at its operation’s own path (served there at /)', async () => {
    const mounted = operation({
      method: 'post',
      path: '/api/v1/things/import',
      summary: 'an import',
      responses: { 200: { description: 'done', schema: z.object({ n: z.number() }) } },
    });
    const app = express()
      .use(checkResponses([mounted]))
      .use(
        mounted.path,
        Router().post('/', (_req, res) => void res.json({ n: 1, extra: true })),
      );
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const r = await fetch(`http://127.0.0.1:${port}${mounted.path}`, { method: 'POST' });
      expect(r.status).to.equal(500);
      expect(await r.text()).to.include('extra: not declared in the response schema');
    } finally {
      server.close();
    }
  });

  it('generates OpenAPI paths with parameters, request and response schemas', () => {
    const { paths } = generatePaths([thing]);
    const get = paths['/api/v1/things/{id}']!.get as { parameters: { name: string; in: string }[]; responses: Record<string, unknown> };
    expect(get.parameters.map((p) => `${p.in}:${p.name}`)).to.deep.equal(['path:id']);
    expect(JSON.stringify(get.responses['200'])).to.include('"additionalProperties":false');
  });

  it('describes an answer that is JSON or another type, several types, or text, each under its media type', () => {
    const page = operation({
      method: 'get',
      path: '/pages/:id',
      summary: 'a page',
      params: z.object({ id: z.string() }),
      responses: {
        200: { description: 'HTML or JSON', type: 'text/html', schema: z.object({ id: z.string() }) },
        201: { description: 'an image', type: ['image/png', 'image/jpeg'] },
      },
    });
    const { responses } = generatePaths([page]).paths['/pages/{id}']!.get as { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
    expect(Object.keys(responses['200']!.content)).to.deep.equal(['application/json', 'text/html']);
    expect(responses['200']!.content['text/html']!.schema).to.deep.equal({ type: 'string' });
    expect(responses['201']!.content['image/jpeg']!.schema).to.deep.equal({ type: 'string', format: 'binary' });
  });

  it('refuses one operation declared twice', () => {
    expect(() => generatePaths([thing, thing])).to.throw(/declared twice/);
  });

  it('publishes a document whose every reference resolves, with each declared operation in it', () => {
    const doc = openApiDocument('http://localhost') as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).to.equal('3.1.0');
    const missing = refsIn(doc).filter((r) => {
      const [, , kind, name] = r.split('/');
      return !doc.components[kind!]?.[name!];
    });
    expect(missing).to.deep.equal([]);
    for (const o of declaredOperations) expect(doc.paths[o.path.replace(/:(\w+)/g, '{$1}')]?.[o.method], `${o.method} ${o.path}`).to.be.an('object');
    // Path templates and path parameters agree.
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        const names = [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
        const declared = ((op as { parameters?: { in: string; name: string }[] }).parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
        expect(declared.sort(), `${m} ${p}`).to.deep.equal(names.sort());
      }
  });
});
