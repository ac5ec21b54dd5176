import { expect } from 'chai';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { auditAnchor, checkpointText, parseCheckpoint } from '../../../../src/domain/public-log/checkpoint.ts';
import {
  cosignatureLine,
  cosignedAt,
  noteSignedBy,
  parseVerifierKey,
  signerFromSeed,
  signNote,
  splitNote,
  verifierKey,
} from '../../../../src/domain/public-log/signed-note.ts';

/** Key ids computed here from the signed-note text, not with the product's function. */
const independentKeyId = (name: string, type: number, pub: Buffer) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(name), Buffer.of(0x0a, type), pub]))
    .digest()
    .subarray(0, 4);
const ed25519Verify = (pub: Buffer, msg: Buffer, sig: Buffer) =>
  verify(null, msg, createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]), format: 'der', type: 'spki' }), sig);

describe('public log: signed notes and checkpoints (C2SP signed-note, tlog-checkpoint, tlog-cosignature)', () => {
  it("reproduces the signed-note specification's example key and signature (Ed25519 is deterministic)", () => {
    // The example in the Go note package's documentation: the private key PRIVATE+KEY+PeterNeumann+c74f20a3+AYEK….
    const seed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
    const signer = signerFromSeed('PeterNeumann', seed);
    expect(independentKeyId('PeterNeumann', 1, signer.publicKey).toString('hex')).to.equal('c74f20a3');
    expect(verifierKey(signer)).to.equal('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    expect(signNote(text, signer)).to.equal(
      `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    );
  });

  it('signs a checkpoint any Ed25519 library can check, and refuses a changed one', () => {
    const signer = signerFromSeed('bkd.example.go.id/log', Buffer.alloc(32, 7));
    const text = checkpointText({ origin: 'bkd.example.go.id/log', size: 42, root: Buffer.alloc(32, 9), extensions: [`audit 17 ${'ab'.repeat(32)}`] });
    expect(text).to.equal(`bkd.example.go.id/log\n42\n${Buffer.alloc(32, 9).toString('base64')}\naudit 17 ${'ab'.repeat(32)}\n`);
    const note = signNote(text, signer);
    const line = note.slice(text.length + 1);
    expect(line).to.match(/^\u2014 bkd\.example\.go\.id\/log [A-Za-z0-9+/]+=*\n$/);
    const raw = Buffer.from(line.trim().split(' ')[2]!, 'base64');
    expect(raw.subarray(0, 4).equals(independentKeyId('bkd.example.go.id/log', 1, signer.publicKey))).to.equal(true);
    expect(ed25519Verify(signer.publicKey, Buffer.from(text), raw.subarray(4))).to.equal(true);
    const key = parseVerifierKey(verifierKey(signer))!;
    expect(noteSignedBy(note, key)).to.equal(true);
    expect(noteSignedBy(note.replace('\n42\n', '\n43\n'), key)).to.equal(false);
    expect(noteSignedBy(note, { ...key, name: 'other/log' })).to.equal(false);
    const cp = parseCheckpoint(splitNote(note)!.text)!;
    expect(cp).to.deep.include({ origin: 'bkd.example.go.id/log', size: 42 });
    expect(auditAnchor(cp)).to.deep.equal({ seq: 17, hash: 'ab'.repeat(32) });
    for (const bad of ['x\n1\n', 'o\n-1\nAAAA\n', `o\n01\n${Buffer.alloc(32).toString('base64')}\n`, `o\n1\n${Buffer.alloc(31).toString('base64')}\n`])
      expect(parseCheckpoint(bad), bad).to.equal(null);
    expect(parseVerifierKey('a+00000000+AQ==')).to.equal(null);
  });

  it('makes witness cosignatures with a timestamp and the cosignature key id (type 0x04)', () => {
    const witness = signerFromSeed('witness.example/log', Buffer.alloc(32, 3));
    const text = checkpointText({ origin: 'o/log', size: 1, root: Buffer.alloc(32, 1), extensions: [] });
    const line = cosignatureLine(text, witness, 1_700_000_000);
    const raw = Buffer.from(line.trim().split(' ')[2]!, 'base64');
    expect(raw.length).to.equal(4 + 8 + 64);
    expect(raw.subarray(0, 4).equals(independentKeyId('witness.example/log', 4, witness.publicKey))).to.equal(true);
    expect(Number(raw.readBigUInt64BE(4))).to.equal(1_700_000_000);
    expect(ed25519Verify(witness.publicKey, Buffer.from(`cosignature/v1\ntime 1700000000\n${text}`), raw.subarray(12))).to.equal(true);
    const split = splitNote(`${text}\n${line}`)!;
    expect(cosignedAt(split.text, split.signatures, witness)).to.equal(1_700_000_000);
    expect(cosignedAt(text.replace('\n1\n', '\n2\n'), split.signatures, witness)).to.equal(null);
  });
});
