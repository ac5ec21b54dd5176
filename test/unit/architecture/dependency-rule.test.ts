import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * ARCHITECTURE.md's dependency rule, checked on every import in src/:
 * http → app → domain + ports; pipeline → app + ports; infra → ports + domain; only main wires.
 */
const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  ports: ['ports', 'domain'],
  app: ['app', 'domain', 'ports', 'config'],
  pipeline: ['pipeline', 'app', 'domain', 'ports'],
  infra: ['infra', 'ports', 'domain', 'config'],
  http: ['http', 'app', 'domain', 'ports', 'config'],
  // Configuration validates values the domain defines (security levels, roles).
  config: ['config', 'domain'],
  // The browser UI talks to the server over HTTP only; it may share the domain's pure words.
  web: ['web', 'domain'],
};
// Vendor SDKs belong in infra only (http may use its own framework pieces).
const VENDOR_SDKS = [
  'sequelize',
  'sqlite3',
  'mysql2',
  'minio',
  'meilisearch',
  'tesseract.js',
  'pdfjs-dist',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'sharp',
  '@napi-rs/canvas',
  'yauzl',
  '@node-rs/argon2',
  'umzug',
  'nodemailer',
  'qrcode',
  'pkijs',
  'asn1js',
];

const walk = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true }))
    .flatMap((e) => (e.isDirectory() ? [] : [path.join(dir, e.name)]))
    .concat(...(await Promise.all((await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => walk(path.join(dir, e.name))))));

describe('architecture: the dependency rule', () => {
  it('every import in src/ points only where its layer may look', async () => {
    const src = path.resolve('src');
    const problems: string[] = [];
    for (const file of (await walk(src)).filter((f) => /\.tsx?$/.test(f))) {
      const rel = path.relative(src, file);
      const layer = rel.includes(path.sep) ? rel.split(path.sep)[0]! : 'main';
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2])!;
        if (layer === 'main') continue;
        if (spec.startsWith('.')) {
          const target = path.relative(src, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
          const targetLayer = target.endsWith('.ts') ? 'main' : target;
          if (!ALLOWED[layer]!.includes(targetLayer)) problems.push(`${rel} imports ${spec} (${layer} → ${targetLayer})`);
        } else if (layer !== 'infra' && VENDOR_SDKS.some((v) => spec === v || spec.startsWith(`${v}/`))) {
          problems.push(`${rel} imports the vendor SDK ${spec} outside infra/`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
