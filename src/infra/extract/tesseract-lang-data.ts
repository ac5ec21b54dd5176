/**
 * Language data for tesseract.js from the @tesseract.js-data npm packages only (nothing is
 * downloaded). tesseract.js takes one `langPath` folder for all languages, so the gzipped
 * models of every language are copied into one folder under the scratch directory.
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `4.0.0` holds the legacy engine plus the LSTM model; `4.0.0_best_int` holds only the LSTM
 * model (tessdata_best in integer form, tesseract.js's own default).
 */
export type TessdataVariant = '4.0.0' | '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** The npm file for one language; `require.resolve` of the package points into its folder. */
const packagedModel = (lang: string, variant: TessdataVariant): string => {
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch {
    throw new Error(`OCR language "${lang}" is not installed (npm package @tesseract.js-data/${lang})`);
  }
  return path.join(path.dirname(pkgJson), variant, `${lang}.traineddata.gz`);
};

const sameSize = async (a: string, b: string): Promise<boolean> => {
  const [sa, sb] = await Promise.all([stat(a), stat(b).catch(() => null)]);
  return sb !== null && sa.size === sb.size;
};

/**
 * Makes `<scratchDir>/tessdata-<variant>/` hold `<lang>.traineddata.gz` for each language of
 * `languages` ('ind+eng') and returns the folder. Cheap when the files are already there.
 */
export const prepareLangFolder = async (scratchDir: string, languages: string, variant: TessdataVariant): Promise<string> => {
  const dir = path.join(scratchDir, `tessdata-${variant}`);
  await mkdir(dir, { recursive: true });
  for (const lang of languages.split('+').filter(Boolean)) {
    const from = packagedModel(lang, variant);
    const to = path.join(dir, `${lang}.traineddata.gz`);
    if (await sameSize(from, to)) continue;
    // Copy to a temp name first: another process may be starting its pool on the same folder.
    const tmp = `${to}.${process.pid}.tmp`;
    await copyFile(from, tmp);
    await rename(tmp, to);
  }
  return dir;
};
