import { expect } from 'chai';
import { contentDisposition } from '../../../src/http/content-disposition.ts';
import { withoutControls } from '../../../src/domain/file-names.ts';
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

  it('drops bidi controls, C1 controls and separators, and keeps joiners some scripts need', () => {
    expect(cleanFilename('rapor\u202Efdp.exe\u202C.pdf')).to.equal('raporfdp.exe.pdf');
    expect(cleanFilename('a\u2066b\u2069\u200E\u200F\u061C\u0085\u009F\u2028c.pdf')).to.equal('abc.pdf');
    expect(cleanFilename('क्\u200Dष.pdf')).to.equal('क्\u200Dष.pdf');
    expect(withoutControls('arsip/2019/\u202Esurat.pdf')).to.equal('arsip/2019/surat.pdf');
  });

  it('echoes any name in Content-Disposition without breaking the header', () => {
    const cd = contentDisposition('surat "penting"; ضمان.pdf');
    expect(cd).to.match(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[^\s"]+$/);
    expect(cd).to.not.include('"penting"');
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).to.equal('surat "penting"; ضمان.pdf');
  });
});
