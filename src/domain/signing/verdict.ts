/** How one file's signature findings add up: the verdict never says valid for a changed file. */

export interface SignatureFindings {
  intact: boolean;
  coversWholeDocument: boolean;
  trusted: boolean;
  problems: readonly string[];
}

export const verdict = (signatures: readonly SignatureFindings[]): { modifiedAfterSigning: boolean; valid: boolean } => {
  const modifiedAfterSigning = signatures.some((s) => !s.intact || !s.coversWholeDocument);
  const valid =
    signatures.length > 0 && !modifiedAfterSigning && signatures.every((s) => s.intact && s.coversWholeDocument && s.trusted && s.problems.length === 0);
  return { modifiedAfterSigning, valid };
};
