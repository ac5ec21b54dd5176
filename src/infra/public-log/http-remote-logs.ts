import type { RemoteLogs } from '../../ports/remote-logs.ts';

const TIMEOUT_MS = 10_000;

const get = async (url: string, accept: string): Promise<Response> => {
  const r = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!r.ok) {
    // A problem+json answer says why (e.g. no checkpoint cosigned by that many witnesses yet).
    const why = await r.json().then(
      (b: { detail?: unknown }) => (typeof b?.detail === 'string' ? `: ${b.detail}` : ''),
      () => '',
    );
    throw new Error(`${url} answered ${r.status}${why}`);
  }
  return r;
};

const hexList = (v: unknown, field: string): string[] => {
  const list = (v as Record<string, unknown>)?.[field];
  if (!Array.isArray(list) || !list.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)))
    throw new Error(`the answer has no ${field} of hex hashes`);
  return list as string[];
};

/** Other offices' logs over HTTP with Node's fetch; each call bounded in time. */
export const httpRemoteLogs = (): RemoteLogs => ({
  async checkpoint(url, o) {
    return (await get(`${url}/log/checkpoint${o?.cosignatures ? `?cosignatures=${o.cosignatures}` : ''}`, 'text/plain')).text();
  },
  async consistency(url, from, to) {
    return hexList(await (await get(`${url}/log/proof/consistency?from=${from}&to=${to}`, 'application/json')).json(), 'consistencyProof');
  },
  async inclusion(url, index, size) {
    return hexList(await (await get(`${url}/log/proof/inclusion?leaf=${index}&size=${size}`, 'application/json')).json(), 'inclusionProof');
  },
  async leaves(url, start, end) {
    const body = (await (await get(`${url}/log/leaves?start=${start}&end=${end}`, 'application/json')).json()) as { leaves?: unknown };
    if (!Array.isArray(body.leaves)) throw new Error('the answer has no leaves');
    return body.leaves.map((l: { index?: unknown; text?: unknown }) => ({ index: Number(l.index), text: String(l.text) }));
  },
  async witnessViews(url) {
    const body = (await (await get(`${url}/log/witness/views`, 'application/json')).json()) as { views?: unknown };
    if (!Array.isArray(body.views)) throw new Error('the answer has no views');
    return body.views.map((v: { origin?: unknown; note?: unknown }) => ({ origin: String(v.origin), note: String(v.note) }));
  },
  async postCosignature(url, note) {
    const r = await fetch(`${url}/log/cosignature`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: note,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!r.ok) throw new Error(`${url} refused the cosignature: ${r.status} ${await r.text()}`);
  },
});
