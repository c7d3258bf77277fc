/** `value` to `places` decimals, as a virtual meter defines them; other `places` leave it be. */
export function roundTo(value: number, places: number | undefined | null): number {
  const usable =
    places !== undefined &&
    places !== null &&
    Number.isInteger(places) &&
    places >= 0 &&
    places <= 100;
  return usable && Number.isFinite(value) ? Number(value.toFixed(places)) : value;
}
