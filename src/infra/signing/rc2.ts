/**
 * RC2 (RFC 2268) CBC decryption, for reading `-legacy` PKCS#12 files: their certificates are
 * encrypted with pbeWithSHAAnd40BitRC2-CBC, and OpenSSL 3 (hence Node) keeps RC2 in its legacy
 * provider, which Node does not load. Decryption only: Naskah never writes RC2.
 */
const PITABLE = Uint8Array.from(
  Buffer.from(
    'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
      'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
      '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
      '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
      '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
      'c5f3db47e5a59c770aa62068fe7fc1ad',
    'hex',
  ),
);

/** The 64 16-bit subkeys for `key` with `effectiveBits` of strength. */
export const rc2Expand = (key: Uint8Array, effectiveBits: number): Uint16Array => {
  const T = key.length;
  if (T < 1 || T > 128) throw new Error('RC2 key must be 1..128 bytes');
  const L = new Uint8Array(128);
  L.set(key);
  for (let i = T; i < 128; i++) L[i] = PITABLE[(L[i - 1]! + L[i - T]!) & 0xff]!;
  const T8 = (effectiveBits + 7) >> 3;
  const TM = 0xff >> (8 * T8 - effectiveBits);
  L[128 - T8] = PITABLE[L[128 - T8]! & TM]!;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[L[i + 1]! ^ L[i + T8]!]!;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = L[2 * i]! | (L[2 * i + 1]! << 8);
  return K;
};

const S = [1, 2, 3, 5];

/** Decrypts one 8-byte block in place. */
export const rc2DecryptBlock = (K: Uint16Array, block: Uint8Array, offset = 0): void => {
  const R = [0, 1, 2, 3].map((i) => block[offset + 2 * i]! | (block[offset + 2 * i + 1]! << 8));
  let j = 63;
  const mixBack = () => {
    for (let i = 3; i >= 0; i--) {
      const s = S[i]!;
      let r = R[i]!;
      r = ((r >>> s) | (r << (16 - s))) & 0xffff;
      const a = R[(i + 3) & 3]!;
      const b = R[(i + 2) & 3]!;
      const c = R[(i + 1) & 3]!;
      R[i] = (r - K[j--]! - (a & b) - (~a & c)) & 0xffff;
    }
  };
  const mashBack = () => {
    for (let i = 3; i >= 0; i--) R[i] = (R[i]! - K[R[(i + 3) & 3]! & 63]!) & 0xffff;
  };
  for (let n = 0; n < 5; n++) mixBack();
  mashBack();
  for (let n = 0; n < 6; n++) mixBack();
  mashBack();
  for (let n = 0; n < 5; n++) mixBack();
  for (let i = 0; i < 4; i++) {
    block[offset + 2 * i] = R[i]! & 0xff;
    block[offset + 2 * i + 1] = R[i]! >> 8;
  }
};

/** RC2-CBC decryption with PKCS#5 padding removed; throws on bad padding (a wrong key, usually). */
export const rc2CbcDecrypt = (key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array => {
  if (data.length === 0 || data.length % 8 !== 0) throw new Error('RC2: data is not a whole number of blocks');
  const K = rc2Expand(key, effectiveBits);
  const out = new Uint8Array(data);
  let prev = Uint8Array.from(iv);
  for (let off = 0; off < out.length; off += 8) {
    const cipher = out.slice(off, off + 8);
    rc2DecryptBlock(K, out, off);
    for (let i = 0; i < 8; i++) out[off + i]! ^= prev[i]!;
    prev = cipher;
  }
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 8 || out.subarray(out.length - pad).some((b) => b !== pad)) throw new Error('RC2: bad padding');
  return out.subarray(0, out.length - pad);
};
