import { readFile } from 'node:fs/promises';
import type { TestApp } from './test-app.ts';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}

/** A JSON request against the test app. */
export const api = async (app: TestApp, token: string | null, method: string, path: string, json?: unknown): Promise<Reply> => {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};

/** Uploads files as multipart parts named `file`, with extra form fields. */
export const upload = async (
  app: TestApp,
  token: string,
  path: string,
  files: { name: string; bytes: Uint8Array | string }[],
  fields: Record<string, string> = {},
): Promise<Reply> => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) {
    const bytes = typeof f.bytes === 'string' ? await readFile(f.bytes) : f.bytes;
    form.append('file', new Blob([new Uint8Array(bytes)]), f.name);
  }
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};

/** Asserts an RFC 9457 problem and returns it. */
export const expectProblem = (r: Reply, status: number): Record<string, unknown> => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  const ct = r.headers.get('content-type') ?? '';
  if (!ct.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${ct}`);
  for (const k of ['type', 'title', 'status', 'detail']) if (!(k in r.body)) throw new Error(`problem lacks ${k}: ${JSON.stringify(r.body)}`);
  return r.body;
};

/** A multipart POST with text fields and optionally one `file` part. */
export const form = async (
  app: TestApp,
  token: string,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array },
): Promise<Reply> => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};
