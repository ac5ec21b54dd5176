/** Calls `fn` with each integer of "-3,-17,…" without allocating a string per number. */
export const forEachInt = (csv: string, fn: (n: number) => void): void => {
  let value = 0;
  let sign = 1;
  let digits = 0;
  for (let i = 0; i <= csv.length; i++) {
    const c = i < csv.length ? csv.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 45) {
      sign = -1;
    } else {
      if (digits > 0) fn(sign * value);
      value = 0;
      sign = 1;
      digits = 0;
    }
  }
};
