/** USD with cents, and a few more digits below a cent (rates per hour). */
export function formatMoney(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}
