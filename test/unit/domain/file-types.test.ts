import { expect } from 'chai';
import { isZip, sniffMimeType } from '../../../src/domain/file-types.ts';

describe('domain/file-types', () => {
  it('recognises each accepted type by its magic bytes', () => {
    expect(sniffMimeType(Buffer.from('%PDF-1.7\n'))).to.equal('application/pdf');
    expect(sniffMimeType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).to.equal('image/jpeg');
    expect(sniffMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).to.equal('image/png');
    expect(sniffMimeType(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).to.equal('image/tiff');
    expect(sniffMimeType(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))).to.equal('image/tiff');
  });

  it('rejects executables, text and empty input whatever their name', () => {
    expect(sniffMimeType(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).to.equal(null); // ELF
    expect(sniffMimeType(Buffer.from('MZ\x90\x00'))).to.equal(null); // PE
    expect(sniffMimeType(Buffer.from('hello'))).to.equal(null);
    expect(sniffMimeType(Buffer.alloc(0))).to.equal(null);
  });

  it('recognises ZIP archives', () => {
    expect(isZip(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).to.equal(true);
    expect(isZip(Buffer.from('%PDF-'))).to.equal(false);
  });
});
