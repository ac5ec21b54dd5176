/**
 * `attachment` with an ASCII fallback and the RFC 5987 UTF-8 name, so any stored name
 * (quotes, control characters, non-Latin scripts) is echoed safely and never breaks the header.
 */
export const contentDisposition = (name: string): string => {
  const ascii =
    name
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%;]/g, '_')
      .slice(0, 150) || 'document';
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
};
