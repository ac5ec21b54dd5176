/** Just enough MIME to read what the SMTP sink received: each part's headers and decoded body. */
export interface MimePart {
  headers: string;
  body: Buffer;
}

const decode = (headers: string, body: string): Buffer => {
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers))
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    );
  return Buffer.from(body, 'utf8');
};

/** The leaf parts of a multipart message (the message itself when it is not multipart). */
export const mimeParts = (raw: string): MimePart[] => {
  const split = (text: string): MimePart[] => {
    const at = text.search(/\r?\n\r?\n/);
    const headers = text.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
    const body = text.slice(at).replace(/^\r?\n\r?\n/, '');
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!/content-type:\s*multipart\//i.test(headers) || !boundary) return [{ headers, body: decode(headers, body) }];
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => split(p.replace(/^\r?\n/, '')));
  };
  return split(raw);
};
