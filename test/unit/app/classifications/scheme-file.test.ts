import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSchemeCsv, readSchemeJson } from '../../../../src/app/classifications/scheme-file.ts';
import { parentClassification, schemeEntryProblems } from '../../../../src/domain/classification.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('scheme files (CSV and JSON)', () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, keeping each record's first line", () => {
    const csv =
      'code,name,activeYears,inactiveYears,finalDisposition,description\r\n800,"Kepegawaian, umum",2,3,destroy,"kata ""kutip"""\n\n800.1,Formasi,,,,"baris satu\nbaris dua"\n900,Keuangan,1,2,permanent,\n';
    const { lines, problem } = readSchemeCsv(csv);
    expect(problem).to.equal(undefined);
    expect(lines.map((l) => l.line)).to.deep.equal([2, 4, 6]);
    expect(lines[0]!.entry).to.deep.include({
      code: '800',
      name: 'Kepegawaian, umum',
      activeYears: 2,
      inactiveYears: 3,
      finalDisposition: 'destroy',
      description: 'kata "kutip"',
    });
    expect(lines[1]!.entry).to.deep.include({ code: '800.1', activeYears: null, finalDisposition: null, description: 'baris satu\nbaris dua' });
  });

  it('names what is wrong with the header, a short line and a bad value', () => {
    expect(readSchemeCsv('code,name\n800,x\n').problem).to.match(/missing activeYears, inactiveYears, finalDisposition/);
    expect(readSchemeCsv('').problem).to.match(/empty/);
    const { lines } = readSchemeCsv('code,name,activeYears,inactiveYears,finalDisposition\n800,x,2\n800.1,y,two,3,destroy\n');
    expect(lines[0]!.problem).to.match(/3 fields where the header has 5/);
    expect(
      schemeEntryProblems(lines[1]!.entry!)
        .map((p) => p.message)
        .join(' '),
    ).to.match(/activeYears/);
    expect(schemeEntryProblems(lines[1]!.entry!).map((p) => p.code)).to.include('scheme_years');
    expect(
      schemeEntryProblems({ code: '800..1', name: 'x', description: null, activeYears: 1, inactiveYears: null, finalDisposition: null })
        .map((p) => p.message)
        .join(' '),
    )
      .to.match(/single dots/)
      .and.match(/together/);
  });

  it('reads a JSON array of codes, and refuses anything else', () => {
    expect(
      readSchemeJson([{ code: '800', name: 'Kepegawaian', activeYears: 2, inactiveYears: 3, finalDisposition: 'destroy' }]).lines[0]!.entry,
    ).to.deep.include({ code: '800', activeYears: 2 });
    expect(readSchemeJson({ code: '800' }).problem).to.match(/array/);
    expect(readSchemeJson([1]).lines[0]!.problem).to.equal('not an object');
  });

  it('ships a national scheme file that imports clean: every line valid, every parent present', async () => {
    const { lines, problem } = readSchemeCsv(await readFile(path.join(ROOT, 'config/classification/pola-klasifikasi-nasional.csv'), 'utf8'));
    expect(problem).to.equal(undefined);
    expect(lines.length).to.be.greaterThan(50);
    const codes = new Set(lines.map((l) => l.entry!.code));
    for (const l of lines) {
      expect(schemeEntryProblems(l.entry!), `line ${l.line}`).to.deep.equal([]);
      const parent = parentClassification(l.entry!.code);
      if (parent) expect(codes.has(parent), `parent of ${l.entry!.code}`).to.equal(true);
    }
    for (const main of ['000', '100', '200', '300', '400', '500', '600', '700', '800', '900']) expect(codes.has(main), main).to.equal(true);
  });
});
