import type { AppDeps } from '../../src/app/deps.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import type { Adapters } from '../../src/infra/adapters.ts';

/** The application as a command sees it: the server's adapters and use-case deps, no HTTP, no job runner. */
export interface CommandApp {
  deps: AppDeps;
  adapters: Adapters;
  config: Config;
  /** Which database this is, without credentials: a command pointed at the wrong one must say so. */
  database: string;
  close(): Promise<void>;
}

/**
 * Opens the adapters the environment configures, exactly as the server reads it (opening the
 * database applies pending migrations). Never starts the HTTP server or warms OCR workers.
 * Throws ConfigError listing every configuration problem.
 */
export const openCommandApp = async (env: Record<string, string | undefined>): Promise<CommandApp> => {
  const config = loadConfig(env);
  // Loaded here, not at the top: help and usage errors answer without loading PDF, OCR and image libraries.
  const { openAdapters } = await import('../../src/infra/adapters.ts');
  const adapters = await openAdapters(config);
  const { appDeps } = await import('../../src/main.ts');
  const deps: AppDeps = appDeps(config, adapters, { now: () => new Date() });
  return {
    deps,
    adapters,
    config,
    database:
      config.database.dialect === 'sqlite'
        ? config.database.url.replace(/^sqlite:/, 'SQLite at ')
        : `MySQL at ${new URL(config.database.url).host}${new URL(config.database.url).pathname}`,
    async close() {
      await adapters.ocr.close();
      await adapters.extractor.close();
      await adapters.signing.close();
      await adapters.paper.close();
      await adapters.search.close();
      await adapters.db.close();
    },
  };
};

/** Runs `fn` with the application open and always closes it. */
export const withCommandApp = async <T>(env: Record<string, string | undefined>, fn: (app: CommandApp) => Promise<T>): Promise<T> => {
  const app = await openCommandApp(env);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
};
