/**
 * The office's classification scheme (kode klasifikasi arsip): subject codes such as 800
 * Kepegawaian, refined by dots (800.1, 800.1.2), each with its retention (JRA): years active,
 * years inactive, then destroyed, kept permanently, or assessed again.
 */
export const FINAL_DISPOSITIONS = ['destroy', 'permanent', 'review'] as const;
export type FinalDisposition = (typeof FINAL_DISPOSITIONS)[number];

export interface Classification {
  code: string;
  name: string;
  description: string | null;
  activeYears: number | null;
  inactiveYears: number | null;
  finalDisposition: FinalDisposition | null;
  /** Retired codes stay (documents carry them) but are no longer offered. */
  active: boolean;
  updatedAt: Date;
}

/** The code one level up (`800.1.2` → `800.1`), or null at the top. */
export const parentClassification = (code: string): string | null => {
  const dot = code.lastIndexOf('.');
  return dot > 0 ? code.slice(0, dot) : null;
};

/**
 * Orders codes the way the scheme is read: segment by segment, numbers by value
 * (`800.2` before `800.10`), a parent before its children.
 */
export const compareClassificationCodes = (a: string, b: string): number => {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
};
