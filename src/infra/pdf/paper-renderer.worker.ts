/** A paper thread (threaded.paper-renderer.ts): lays out one paper at a time. */
import { serveThread } from '../threads/serve-thread.ts';
import { createPdfLibPaperRenderer } from './pdf-lib.paper-renderer.ts';
import type { PaperOps } from './threaded.paper-renderer.ts';

const renderer = createPdfLibPaperRenderer();

serveThread({ render: (content) => renderer.render(content) } satisfies PaperOps);
