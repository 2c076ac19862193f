import type { Choice } from "../generated/Choice";
import type { DateParts } from "../generated/DateParts";

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

/** A moment the core stamped ("2026-03-16T10:04:05.123Z") as people read
 * it: "Mon 16 Mar 2026 10:04 UTC". Display only. */
export function stampText(stamp: string): string {
  const [date, time] = stamp.split("T");
  return time ? `${longDate(date)} ${time.slice(0, 5)} UTC` : longDate(date);
}

/** When a clock is due, as the core gives it: "by 5pm on Tue 5 May 2026" or "Tue 5 May 2026". */
export function dueText(clock: { due_by_time: string | null; due_date: string }): string {
  return `${clock.due_by_time ? `by ${clock.due_by_time} on ` : ""}${longDate(clock.due_date)}`;
}

/** A clock's name as the app shows it: its label and, for an agreed action,
 *  the action's description in the agreement's words after it
 *  ("Carry out the agreed action (action 2) “Speech therapy report”").
 *  The description is the mediator's own: shown in the app, never exported. */
export function clockName(label: string, description: string | null | undefined): string {
  return description ? `${label} “${description}”` : label;
}

/** "2026-04-07" as the three boxes of a date input; empty boxes for no date. */
export function toParts(iso: string | null | undefined): DateParts {
  if (!iso) return { day: "", month: "", year: "" };
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Empty date boxes. */
export const emptyDate = (): DateParts => toParts(null);

/** A value's label in one of the core's vocabulary lists, or the value itself. */
export function labelOf(list: Choice[], value: string | null | undefined): string {
  return list.find((c) => c.value === value)?.label ?? value ?? "";
}
