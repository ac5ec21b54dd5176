/**
 * ArchiveWriter on yazl: entries are streamed into the ZIP with data descriptors (sizes and
 * CRC-32 after the data), ZIP64 where an entry or the archive passes 4 GB. yazl reads one
 * entry's stream after the other; each add resolves once its source has been read to the end,
 * so the caller opens the next source only then (one open at a time, flat memory). When the
 * reader of the output goes away (a client closed the download), the source being read is
 * destroyed and every add from then on fails.
 */
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { ArchiveWriter, ArchiveWriting } from '../../ports/archive-writer.ts';

export const createYazlArchiveWriter = (): ArchiveWriter => ({
  create(): ArchiveWriting {
    const zip = new yazl.ZipFile();
    const output = new PassThrough();
    zip.outputStream.pipe(output);
    const mtime = new Date();
    let finished = false;
    let gone: Error | null = null;
    let current: Readable | null = null;
    output.once('close', () => {
      if (finished) return;
      gone = new Error("the archive's reader went away");
      current?.destroy(gone);
    });
    output.once('end', () => (finished = true));
    return {
      output,
      async addStream(name, source, size) {
        if (gone) {
          source.destroy();
          throw gone;
        }
        current = source;
        const consumed = new Promise<void>((resolve, reject) => {
          source.once('end', resolve);
          source.once('error', reject);
          source.once('close', () => (gone ? reject(gone) : undefined));
        });
        zip.addReadStream(source, name, { compress: false, size, mtime });
        try {
          await consumed;
        } finally {
          current = null;
        }
      },
      async addBuffer(name, bytes) {
        if (gone) throw gone;
        zip.addBuffer(bytes, name, { compress: true, mtime });
      },
      end: () => zip.end(),
      abort: (err) => {
        gone ??= err;
        current?.destroy(err);
        output.destroy(err);
      },
    };
  },
});
