import { expect } from 'chai';
import { contentDisposition } from '../../../src/http/content-disposition.ts';
import { cleanFilename } from '../../../src/http/middleware/upload.ts';

describe('http: file names', () => {
  it('keeps only the last path part, without control characters or leading dots', () => {
    expect(cleanFilename('../../etc/passwd')).to.equal('passwd');
    expect(cleanFilename('..\\..\\win.ini')).to.equal('win.ini');
    expect(cleanFilename('a\u0000b\u0007c.pdf')).to.equal('abc.pdf');
    expect(cleanFilename('...')).to.equal(null);
    expect(cleanFilename('')).to.equal(null);
    expect([...cleanFilename('ب'.repeat(400))!]).to.have.length(255);
  });

  it('echoes any name in Content-Disposition without breaking the header', () => {
    const cd = contentDisposition('surat "penting"; ضمان.pdf');
    expect(cd).to.match(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[^\s"]+$/);
    expect(cd).to.not.include('"penting"');
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).to.equal('surat "penting"; ضمان.pdf');
  });
});
