import { expect } from 'chai';
import sharp from 'sharp';
import { externalEmailRecipients } from '../../../src/domain/letter-emails.ts';
import { contactLine, LOGO_MAX_BYTES, readLogo, sifatOf } from '../../../src/domain/letterhead.ts';
import type { Party } from '../../../src/domain/parties.ts';

const image = async (width: number, height: number, format: 'png' | 'jpeg' | 'webp') =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      [format]()
      .toBuffer(),
  );

describe('the letterhead and e-mailed letters (domain rules)', () => {
  it('reads a logo’s type and size from its bytes, and says why one is refused', async () => {
    expect(readLogo(await image(120, 80, 'png'))).to.deep.include({ type: 'image/png', width: 120, height: 80 });
    expect(readLogo(await image(64, 200, 'jpeg'))).to.deep.include({ type: 'image/jpeg', width: 64, height: 200 });
    expect(readLogo(await image(120, 80, 'webp'))).to.match(/PNG or JPEG/);
    expect(readLogo(new Uint8Array())).to.match(/empty/);
    expect(readLogo(await image(31, 80, 'png'))).to.match(/32–4000 pixels/);
    expect(readLogo(await image(4001, 40, 'jpeg'))).to.match(/4001 × 40/);
    expect(readLogo(new Uint8Array(LOGO_MAX_BYTES + 1).fill(0x89))).to.match(/larger than 512 KB/);
    // A JPEG cut before its frame header, a PNG without its IHDR.
    expect(readLogo((await image(100, 100, 'jpeg')).slice(0, 20))).to.match(/damaged/);
    const png = await image(100, 100, 'png');
    png.set([0, 0, 0, 0], 12);
    expect(readLogo(png)).to.match(/damaged/);
  });

  it('writes the contact line of the parts there are, and Sifat by security level', () => {
    expect(contactLine({ telephone: '(0274) 868405', email: 'bkd@sleman.go.id', website: null })).to.equal('Telepon (0274) 868405, Pos-el bkd@sleman.go.id');
    expect(contactLine({ telephone: null, email: null, website: 'bkd.go.id' })).to.equal('Laman bkd.go.id');
    expect(contactLine({ telephone: null, email: null, website: null })).to.equal(null);
    expect(['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'].map((l) => sifatOf(l as 'biasa'))).to.deep.equal([
      'Biasa',
      'Terbatas',
      'Rahasia',
      'Sangat Rahasia',
    ]);
  });

  it('e-mails each contact or typed-in party with an address once, addressees first; never units or people', () => {
    const to: Party[] = [
      { kind: 'unit', unitCode: 'SETDA', name: 'Sekretariat Daerah' },
      { kind: 'contact', contactId: 'c1', name: 'Dinas Pendidikan', address: null, email: 'disdik@sleman.go.id' },
      { kind: 'external', name: 'Camat Depok', address: 'Depok', email: null },
    ];
    const cc: Party[] = [
      { kind: 'user', userId: 'u1', unitCode: 'BKD', name: 'Sri' },
      { kind: 'external', name: 'Dinas Pendidikan (tembusan)', address: null, email: ' DISDIK@sleman.go.id ' },
      { kind: 'external', name: 'Inspektorat', address: null, email: 'itda@sleman.go.id' },
    ];
    expect(externalEmailRecipients(to, cc)).to.deep.equal([
      { name: 'Dinas Pendidikan', address: 'disdik@sleman.go.id', kind: 'addressee' },
      { name: 'Inspektorat', address: 'itda@sleman.go.id', kind: 'copy' },
    ]);
  });
});
