// Which screen is showing, and the case that is open.
export type Screen = "today" | "cases" | "new-call" | "case" | "certificates" | "reports" | "import" | "settings";

export const nav = $state({ screen: "today" as Screen, reference: "" as string, searchFocus: 0 });

export function go(screen: Screen, reference = "") {
  nav.screen = screen;
  nav.reference = reference;
}

/** Figures the app measures about itself (start-up, search keystrokes). */
export const timing = { painted: false };
