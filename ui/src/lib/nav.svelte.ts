// Which screen is showing, and the case that is open.
import { api } from "./api";

export type Screen = "today" | "cases" | "new-call" | "case" | "certificates" | "reports" | "import" | "retention" | "settings";

export const nav = $state({ screen: "today" as Screen, reference: "" as string, searchFocus: 0 });

export function go(screen: Screen, reference = "") {
  nav.screen = screen;
  nav.reference = reference;
}

/** Figures the app measures about itself (start-up, search keystrokes). */
export const timing = { painted: false, unlockPainted: false };

/** The Unlock screen or Today has painted for the first time: the core
 * prints how long after start (and, for Today, after Unlock was pressed),
 * and the figures are kept on the page (`data-unlock-painted-ms`,
 * `data-today-painted-ms`, `data-unlocked-to-today-ms` on <html>) for
 * scripts/measure-app to read. */
export function reportPainted(screen: "unlock" | "today") {
  if (screen === "today" ? timing.painted : timing.unlockPainted) return;
  if (screen === "today") timing.painted = true;
  else timing.unlockPainted = true;
  requestAnimationFrame(() => {
    api.painted(screen).then((p) => {
      const data = document.documentElement.dataset;
      if (screen === "unlock") data.unlockPaintedMs = String(p.since_start_ms);
      else {
        data.todayPaintedMs = String(p.since_start_ms);
        if (p.since_unlock_ms !== null) data.unlockedToTodayMs = String(p.since_unlock_ms);
      }
    }).catch(() => {});
  });
}
