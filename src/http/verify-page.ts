import { createHash } from 'node:crypto';

/**
 * The page a person sees after scanning a letter's QR code on a phone: Indonesian first, English
 * beside it, the verdict in plain words, then the facts to compare with the paper. Every value is
 * escaped; no script, no external resource; one inline style allowed by its hash.
 */

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f5f7}
main{max-width:40rem;margin:0 auto;padding:1rem}
.brand{font-size:.85rem;color:#57606a;margin:.5rem 0 1rem}
.verdict{border-radius:.75rem;padding:1rem 1.25rem;margin-bottom:1rem;color:#fff}
.ok{background:#1a7f37}.bad{background:#b42318}
.verdict h1{font-size:1.4rem;line-height:1.25;margin:0 0 .25rem}
.verdict p{margin:0}
.en{display:block;font-weight:400;opacity:.9;font-size:.9em}
dl{background:#fff;border-radius:.75rem;padding:.5rem 1.25rem;margin:0 0 1rem}
dt{font-size:.8rem;color:#57606a;margin-top:.75rem}
dd{margin:0 0 .5rem;font-weight:600;overflow-wrap:anywhere}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:400;font-size:.85rem}
.note{font-size:.9rem;color:#424a53}
`;

/** The Content-Security-Policy of the page: nothing but its own inline style. */
export const VERIFY_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' })[c]!);

const both = (id: string, en: string) => `${escapeHtml(id)} <span class="en" lang="en">${escapeHtml(en)}</span>`;

/** Where a person holding the PDF file checks its signature itself (the web UI's "Periksa surat", no login). */
const pdfCheck = `<p class="note"><a href="/check">${both('Punya berkas PDF-nya? Periksa tanda tangan berkas itu', 'Have the PDF file? Check its signature')}</a></p>`;

const page = (body: string): string => `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Verifikasi surat — Letter verification</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">${both('Naskah · Pemeriksaan tanda tangan elektronik', 'Electronic signature check')}</p>
${body}
${pdfCheck}
</main>
</body>
</html>
`;

export interface VerifiedLetter {
  valid: boolean;
  /** The issuing office's name (the root unit's). */
  office: string;
  letterNumber: string;
  subject: string | null;
  signer: { name: string; title: string };
  /** Already formatted for people, e.g. "5 Maret 2025 10.14 WIB". */
  signedAtText: string;
  sha256: string;
  timestamped: boolean;
  reason?: string;
  certificateRevokedAtText?: string;
  /** Its place in the public log, the inclusion proof checked against the latest signed checkpoint. */
  log?: { index: number; size?: number; verified?: boolean; pending?: boolean; cosignedBy?: string[] } | { recorded: false };
}

/** The public-log line of the page; positions as the log numbers them (from 0), so they match the proofs. */
const logFact = (log: VerifiedLetter['log']): string => {
  if (!log) return '';
  let text: string;
  if (!('index' in log)) text = both('Belum tercatat di log publik.', 'Not yet recorded in the public log.');
  else if (log.pending || log.size === undefined)
    text = both(
      `Tercatat di log publik pada posisi ${log.index}; kepala log yang ditandatangani menyusul sebentar lagi.`,
      `Recorded in the public log at position ${log.index}; its signed head follows in a moment.`,
    );
  else if (log.verified)
    text = both(
      `Tercatat di log publik pada posisi ${log.index} (bukti inklusi cocok dengan kepala log bertanda tangan, ukuran ${log.size}${log.cosignedBy?.length ? `, disaksikan oleh ${log.cosignedBy.length} kantor lain` : ''}).`,
      `Recorded in the public log at position ${log.index}; its inclusion proof matches the signed head of size ${log.size}.`,
    );
  else
    text = both(
      `PERINGATAN: posisi ${log.index} di log publik tidak cocok dengan kepala log yang ditandatangani.`,
      `WARNING: position ${log.index} in the public log does not match the signed head.`,
    );
  return `<dt>${both('Log publik', 'Public log')}</dt><dd>${text}</dd>
`;
};

/** The page for a code the register knows. */
export const verifiedPage = (v: VerifiedLetter): string => {
  const verdict = v.valid
    ? `<section class="verdict ok"><h1>✓ ${both('Surat ini asli dan sah', 'This letter is genuine')}</h1><p>${both(
        'Ditandatangani secara elektronik dan tercatat di kantor yang menerbitkannya.',
        'It was signed electronically and is on record at the office that issued it.',
      )}</p></section>`
    : `<section class="verdict bad"><h1>✗ ${both('Surat ini TIDAK sah', 'This letter is NOT valid')}</h1><p>${both('Jangan mengandalkan surat ini.', `Do not rely on this letter${v.reason ? `: ${v.reason}` : ''}.`)}</p></section>`;
  const subject = v.subject === null ? `<em>${both('dirahasiakan', 'withheld (classified letter)')}</em>` : escapeHtml(v.subject);
  const facts = `<dl>
<dt>${both('Diterbitkan oleh', 'Issued by')}</dt><dd>${escapeHtml(v.office)}</dd>
<dt>${both('Nomor surat', 'Letter number')}</dt><dd>${escapeHtml(v.letterNumber)}</dd>
<dt>${both('Perihal', 'Subject')}</dt><dd>${subject}</dd>
<dt>${both('Penandatangan', 'Signed by')}</dt><dd>${escapeHtml(v.signer.name)}<br>${escapeHtml(v.signer.title)}</dd>
<dt>${both('Waktu penandatanganan', 'Signed at')}</dt><dd>${escapeHtml(v.signedAtText)}${v.timestamped ? ` <span class="en" lang="en">${both('(dengan cap waktu tepercaya)', 'trusted timestamp')}</span>` : ''}</dd>
<dt>SHA-256 ${both('berkas PDF', 'of the PDF file')}</dt><dd class="hash">${escapeHtml(v.sha256)}</dd>
${logFact(v.log)}${v.certificateRevokedAtText ? `<dt>${both('Catatan', 'Note')}</dt><dd>${both(`Sertifikat penandatangan dicabut pada ${v.certificateRevokedAtText}, setelah surat ini ditandatangani.`, 'The signer’s certificate was revoked after this letter was signed.')}</dd>` : ''}
</dl>`;
  const note = `<p class="note">${both(
    'Pastikan nomor, perihal dan penandatangan sama dengan surat yang Anda pegang. Untuk berkas PDF, nilai SHA-256 berkas itu harus sama persis dengan nilai di atas; perubahan sekecil apa pun membuatnya berbeda.',
    'Check that the number, subject and signer match the letter in your hands. For a PDF file, its SHA-256 must equal the value above exactly; any change at all makes it differ.',
  )}</p>`;
  return page(`${verdict}\n${facts}\n${note}`);
};

/** The page for a code nobody issued. */
export const unknownCodePage = (): string =>
  page(
    `<section class="verdict bad"><h1>✗ ${both('Kode verifikasi tidak dikenal', 'Unknown verification code')}</h1><p>${both(
      'Tidak ada surat yang ditandatangani dengan kode ini. Surat yang memuat kode ini mungkin palsu; tanyakan kepada kantor pengirimnya.',
      'No letter was signed with this code. A letter carrying it may be forged; ask the office that sent it.',
    )}</p></section>`,
  );
