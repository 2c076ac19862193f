// Showing dates the product's way ("Tue 7 Apr 2026") from the core's
// YYYY-MM-DD strings. Display only: no date is computed here.
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function longDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-04-07" as the three boxes of a date input. */
export function toParts(iso: string | null | undefined) {
  if (!iso) return { day: "", month: "", year: "" };
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The three boxes back to "YYYY-MM-DD", or null while incomplete. The core checks it is a real date. */
export function fromParts(p: { day: string; month: string; year: string }): string | null {
  const d = p.day.trim(), m = p.month.trim(), y = p.year.trim();
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}
