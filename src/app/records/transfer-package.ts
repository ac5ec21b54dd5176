/**
 * The transfer package: a BagIt 1.0 bag (RFC 8493) serialized as one ZIP whose only top-level
 * folder is the bag, streamed entry by entry so a package of ten thousand records never sits
 * in memory. The payload holds each record's original (re-hashed on the way: a changed byte
 * fails the download instead of shipping a bad bag), a scan's searchable copy where one was
 * made (so the archive receives text it can search), a metadata file per record with its audit
 * entries, and the sealed minutes of transfer; `manifest-sha256.txt` lists every payload file
 * in the form `sha256sum -c` also reads, and `tagmanifest-sha256.txt` the tag files.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Actor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { extensionFor } from '../../domain/file-types.ts';
import type { ArchiveWriting } from '../../ports/archive-writer.ts';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import type { AppDeps } from '../deps.ts';
import { searchableKey } from '../documents/keys.ts';
import { presentRetention } from '../documents/present-document.ts';
import { officeName } from '../signing/office-ca.ts';
import { loadScheme, officeToday } from './retention-scheme.ts';
import { ensureTransferMinutes, visibleTransfer } from './transfers.ts';

const CHUNK = 200;

/** Counts and hashes a stream as it passes. */
const hashing = (source: Readable) => {
  const hash = createHash('sha256');
  let bytes = 0;
  const through = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  source.once('error', (e) => through.destroy(e));
  return { stream: source.pipe(through), digest: () => hash.digest('hex'), bytes: () => bytes };
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What one record's metadata file says: the record, its letter, its retention, its audit entries. */
const recordMetadata = async (deps: AppDeps, d: DocumentRecord, audit: AuditEntry[], schemeName: string | null) => {
  const [incoming, outgoing] = await Promise.all([deps.db.incoming.findByDocument(d.id), deps.db.outgoing.findBySignedDocument(d.id)]);
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    classification: { code: d.classificationCode, name: schemeName },
    recordDate: d.retention.recordDate,
    documentDate: d.documentDate,
    archivedAt: d.createdAt.toISOString(),
    unitCode: d.unitCode,
    securityLevel: d.securityLevel,
    letterNumber: d.letterNumber,
    sender: d.sender,
    ...(incoming
      ? {
          incoming: {
            agendaNumber: incoming.agendaNumber,
            agendaYear: incoming.agendaYear,
            letterNumber: incoming.letterNumber,
            letterDate: incoming.letterDate,
            sender: incoming.sender,
            receivedAt: incoming.receivedAt.toISOString(),
          },
        }
      : {}),
    ...(outgoing
      ? { outgoing: { letterNumber: outgoing.letterNumber, recipient: outgoing.recipient, signedAt: outgoing.signedAt?.toISOString() ?? null } }
      : {}),
    original: { file: null as string | null, sha256: d.sha256, size: d.size, mimeType: d.mimeType, originalName: d.originalName, pages: d.pages },
    /** A scan's searchable copy (page images with the OCR text under them), when one was made. */
    searchableCopy: null as { file: string; sha256: string; size: number } | null,
    retention: presentRetention(d),
    audit: audit.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, action: e.action, details: e.details, hash: e.hash })),
  };
};

/** Writes the bag into `zip`; the caller ends or aborts it. */
const writeBag = async (
  deps: AppDeps,
  zip: ArchiveWriting,
  bag: string,
  o: { transferId: string; minutesNumber: string; minutesDocumentId: string; recipient: string; ids: string[] },
) => {
  const scheme = await loadScheme(deps.db);
  const manifest: string[] = [];
  let octets = 0;
  /** Adds a payload file; `expected` is the SHA-256 on record (derived files have none: theirs is taken on the way). */
  const payload = async (rel: string, source: Readable, size: number, expected: string | null): Promise<string> => {
    const h = hashing(source);
    await zip.addStream(`${bag}/${rel}`, h.stream, size);
    const got = h.digest();
    if (expected !== null && got !== expected)
      throw new AppError('invalid', `${rel} does not match its recorded SHA-256 (stored bytes changed: see fixity); the package was not made`);
    manifest.push(`${got}  ${rel}`);
    octets += h.bytes();
    return got;
  };
  const minutes = (await deps.db.documents.findById(o.minutesDocumentId))!;
  await payload(`data/berita-acara-penyerahan.pdf`, await deps.blobs.get(minutes.storageKey), minutes.size, minutes.sha256);
  for (let i = 0; i < o.ids.length; i += CHUNK) {
    const part = o.ids.slice(i, i + CHUNK);
    const docs = await deps.db.documents.findManyByIds(part);
    // The records were checked visible to the archivist when the transfer was prepared: their whole trail goes with them.
    const trail = new Map<string, AuditEntry[]>();
    for (const e of await deps.db.audit.ofTargets('document', part)) trail.set(e.targetId ?? '', [...(trail.get(e.targetId ?? '') ?? []), e]);
    for (const [j, d] of docs.entries()) {
      const folder = `data/arsip/${String(i + j + 1).padStart(5, '0')}-${d.id}`;
      const meta = await recordMetadata(deps, d, trail.get(d.id) ?? [], d.classificationCode ? (scheme.get(d.classificationCode)?.name ?? null) : null);
      if (d.storageKey) {
        meta.original.file = `asli.${extensionFor(d.mimeType)}`;
        await payload(`${folder}/${meta.original.file}`, await deps.blobs.get(d.storageKey), d.size, d.sha256);
        const copy = await deps.blobs.stat(searchableKey(d.id));
        if (copy) {
          const file = 'salinan-teks.pdf';
          meta.searchableCopy = {
            file,
            size: copy.size,
            sha256: await payload(`${folder}/${file}`, await deps.blobs.get(searchableKey(d.id)), copy.size, null),
          };
        }
      }
      const json = Buffer.from(`${JSON.stringify(meta, null, 2)}\n`);
      await zip.addBuffer(`${bag}/${folder}/metadata.json`, json);
      manifest.push(`${sha256(json)}  ${folder}/metadata.json`);
      octets += json.length;
    }
  }
  const tags: [string, Buffer][] = [
    ['bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
    [
      'bag-info.txt',
      Buffer.from(
        [
          `Source-Organization: ${await officeName(deps)}`,
          `Bagging-Date: ${officeToday(deps)}`,
          `External-Identifier: ${o.transferId}`,
          `Internal-Sender-Identifier: ${o.minutesNumber}`,
          `Internal-Sender-Description: Penyerahan arsip statis kepada ${o.recipient}; ${o.ids.length} arsip`,
          `Payload-Oxum: ${octets}.${manifest.length}`,
          'Bag-Software-Agent: Naskah',
          '',
        ].join('\n'),
      ),
    ],
    ['manifest-sha256.txt', Buffer.from(`${manifest.join('\n')}\n`)],
  ];
  for (const [name, bytes] of tags) await zip.addBuffer(`${bag}/${name}`, bytes);
  const tagmanifest = tags.map(([name, bytes]) => `${sha256(bytes)}  ${name}`).join('\n');
  await zip.addBuffer(`${bag}/tagmanifest-sha256.txt`, Buffer.from(`${tagmanifest}\n`));
};

/**
 * The package of a transfer (archivists of its unit, admins, auditors) as a stream. Refused
 * (410) once a confirmed transfer's originals are no longer kept here.
 */
export const openTransferPackage = async (deps: AppDeps, actor: Actor, id: string): Promise<{ filename: string; stream: Readable }> => {
  const t = await ensureTransferMinutes(deps, await visibleTransfer(deps, actor, id));
  if (t.status === 'confirmed' && !deps.records.keepTransferredOriginals)
    throw new AppError('gone', 'this transfer was confirmed and its originals are no longer kept here');
  const ids = await deps.db.transfers.items(id);
  const bag = `naskah-penyerahan-${t.id.slice(0, 8)}`;
  const zip = deps.archiveWriter.create();
  await deps.db.audit.append({
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'transfer.package',
    targetType: 'transfer',
    targetId: id,
    details: { records: ids.length },
  });
  writeBag(deps, zip, bag, { transferId: t.id, minutesNumber: t.minutesNumber!, minutesDocumentId: t.minutesDocumentId!, recipient: t.recipient, ids }).then(
    () => zip.end(),
    (err: unknown) => zip.abort(err instanceof Error ? err : new Error(String(err))),
  );
  return { filename: `${bag}.zip`, stream: zip.output };
};
