import { expect } from 'chai';
import express from 'express';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { webRoutes } from '../../../src/http/routes/web.routes.ts';

/** The shell tells the UI the office's name and time zone before anyone logs in (issue 18: times in WIB/WITA/WIT). */
describe('web shell', () => {
  it('carries the office name and time zone as meta tags, escaped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-shell-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Naskah</title></head><body></body></html>');
    const app = express().use(webRoutes({ dir, office: async () => ({ name: 'Pemkab "Contoh" <Timur>', timeZone: 'Asia/Makassar' }) }));
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const html = await (await fetch(`http://127.0.0.1:${port}/dispositions`, { headers: { accept: 'text/html' } })).text();
      expect(html).to.include('<meta name="naskah-time-zone" content="Asia/Makassar">');
      expect(html).to.include('<meta name="naskah-office" content="Pemkab &#34;Contoh&#34; &#60;Timur&#62;">');
      expect(html.indexOf('naskah-office')).to.be.lessThan(html.indexOf('</head>'));
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
