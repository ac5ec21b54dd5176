import { AppError } from '../../src/domain/errors.ts';
import type { SearchIndex } from '../../src/ports/search-index.ts';

/**
 * The real search index behind a switch: while `down`, every call fails the way an unreachable
 * engine does (AppError unavailable, backend search). The embedded index cannot be unplugged,
 * so this is how tests take search away and give it back.
 */
export const flakySearch = (real: SearchIndex): SearchIndex & { down: boolean } => {
  const gate =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      if (wrapper.down) throw new AppError('unavailable', 'search engine unreachable (test)', { backend: 'search' });
      return f(...a);
    };
  const wrapper: SearchIndex & { down: boolean } = {
    down: false,
    init: gate(() => real.init()),
    upsert: gate((d) => real.upsert(d)),
    remove: gate((ids) => real.remove(ids)),
    search: gate((q) => real.search(q)),
    ids: () => real.ids(),
    clear: gate(() => real.clear()),
    reset: gate(() => real.reset()),
    ping: gate(() => real.ping()),
    close: () => real.close(),
  };
  return wrapper;
};
