/**
 * The weighted MOD11 check shared by organisation numbers, fødselsnummer and account numbers:
 * `c = 11 − (Σ dᵢ·wᵢ mod 11)`, 11 → 0, 10 → no valid check digit (`undefined`).
 */
export function mod11Check(digits: string, weights: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum;
}
