/**
 * An office's data dir opened in this process, through the same adapters the server uses
 * (migrations applied): to seed it before a server starts, or to look into it after one stopped.
 */
import { loadConfig } from '../../src/config/config.ts';
import { openAdapters } from '../../src/infra/adapters.ts';
import { appDeps } from '../../src/main.ts';

export const openOffice = async (dataDir: string, env: Record<string, string> = {}) => {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const adapters = await openAdapters(config);
  await adapters.blobs.init();
  await adapters.search.init();
  return {
    config,
    deps: appDeps(config, adapters, { now: () => new Date() }),
    async close() {
      await adapters.extractor.close();
      await adapters.signing.close();
      await adapters.paper.close();
      await adapters.ocr.close();
      await adapters.search.close();
      await adapters.db.close();
    },
  };
};
