/**
 * Builds the web UI into dist/web: one minified ES module and one stylesheet with content-hashed
 * names (cached for a year), brotli and gzip copies for the server to send as they are, and
 * index.html, the shell the server answers every UI path with (never cached).
 *
 *   npm run build:web           (also part of npm run build, so npm start has it)
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_SRC = path.join(ROOT, 'src/web');
export const WEB_OUT = path.join(ROOT, 'dist/web');

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

export interface WebManifest {
  js: string;
  css: string;
  icon: string;
  /** What the first page load transfers: the script and the stylesheet. */
  sizes: AssetSize[];
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64url').slice(0, 10);

const compress = async (file: string): Promise<AssetSize> => {
  const bytes = await readFile(file);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipSync(bytes, { level: 9 });
  await writeFile(`${file}.br`, br);
  await writeFile(`${file}.gz`, gz);
  return { file: path.basename(file), bytes: bytes.length, gzip: gz.length, brotli: br.length };
};

const shell = (m: Omit<WebManifest, 'sizes'>) => `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Naskah</title>
<link rel="icon" type="image/svg+xml" href="/assets/${m.icon}">
<link rel="stylesheet" href="/assets/${m.css}">
<script type="module" src="/assets/${m.js}"></script>
</head>
<body>
<div id="app"><p class="boot">Memuat… / Loading…</p></div>
<noscript><p>Naskah memerlukan JavaScript. / Naskah needs JavaScript.</p></noscript>
</body>
</html>
`;

/**
 * Builds everything into `outDir` and returns what it wrote. The build goes into a folder beside
 * it and is swapped in whole, and left out when the same build is already there: e2e files run
 * in parallel each build while another one's server reads the folder, and emptying it under
 * that server made its pages answer 503 for a moment.
 */
export const buildWeb = async (outDir = WEB_OUT): Promise<WebManifest> => {
  const staging = `${outDir}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const manifest = await buildInto(staging);
    const html = await readFile(path.join(staging, 'index.html'), 'utf8');
    for (let attempt = 0; ; attempt++) {
      if ((await readFile(path.join(outDir, 'index.html'), 'utf8').catch(() => null)) === html) return manifest;
      const old = `${staging}.old`;
      await rename(outDir, old).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      try {
        await rename(staging, outDir);
        return manifest;
      } catch (e) {
        // Another build was swapped in between our two renames: look again.
        if (attempt >= 3 || !['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      } finally {
        await rm(old, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
};

const buildInto = async (outDir: string): Promise<WebManifest> => {
  const assets = path.join(outDir, 'assets');
  await mkdir(assets, { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(WEB_SRC, 'main.tsx') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    // Browsers of old office PCs still in use (and everything newer).
    target: ['es2020', 'chrome80', 'firefox78', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    tsconfig: path.join(WEB_SRC, 'tsconfig.json'),
  });
  const outputs = Object.keys(result.metafile.outputs).map((f) => path.resolve(ROOT, f));
  const js = outputs.find((f) => f.endsWith('.js'));
  const css = outputs.find((f) => f.endsWith('.css'));
  if (!js || !css) throw new Error(`esbuild wrote no script or no stylesheet: ${outputs.join(', ')}`);

  const iconBytes = await readFile(path.join(WEB_SRC, 'icon.svg'));
  const icon = `icon-${hashOf(iconBytes)}.svg`;
  await writeFile(path.join(assets, icon), iconBytes);

  const names = { js: path.basename(js), css: path.basename(css), icon };
  const sizes = [await compress(js), await compress(css)];
  await compress(path.join(assets, icon));
  const manifest: WebManifest = { ...names, sizes };
  await writeFile(path.join(outDir, 'index.html'), shell(names));
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const m = await buildWeb();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const s of m.sizes) console.log(`  ${s.file.padEnd(28)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}  brotli ${kb(s.brotli).padStart(8)}`);
  const total = m.sizes.reduce((n, s) => n + s.gzip, 0);
  console.log(
    `web UI built into ${path.relative(process.cwd(), WEB_OUT) || '.'} in ${Math.round(performance.now() - started)} ms; first load ${kb(total)} gzip`,
  );
}
