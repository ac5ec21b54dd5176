import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const APP = path.resolve('src/app');
const KEEPER = path.join('documents', 'keep-staged.ts');

/**
 * A staged file is flushed to disk in the background while it is checked; the use cases keep one
 * only through keepStaged, which waits for that flush. A direct putFile could acknowledge bytes
 * the disk failed to write.
 */
describe('architecture: staged files are kept only through keepStaged', () => {
  it('no use case but keepStaged calls the blob store’s putFile', async () => {
    const offenders: string[] = [];
    for (const file of await readdir(APP, { recursive: true })) {
      if (!file.endsWith('.ts') || file === KEEPER) continue;
      if (/\.putFile\(/.test(await readFile(path.join(APP, file), 'utf8'))) offenders.push(file);
    }
    expect(offenders).to.deep.equal([]);
  });
});
