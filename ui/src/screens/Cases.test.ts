// The case list by keyboard, against a mocked core: Enter in the search box
// opens the top case, the arrows move from the search box into the list
// and along it, and back up to the search box.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import Cases from "./Cases.svelte";
import { nav } from "../lib/nav.svelte";
import { startup } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);
// jsdom draws nothing, so has no ResizeObserver (the list's height binding uses one).
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

const row = (reference: string, child: string, next_due: string) => ({
  reference, status: "open", route: "certificate_needed", child, caller: null,
  local_authority: "Bury Council", decision_kind: "refuse_to_assess", opened_on: "2026-03-02", next_due,
});
const rows = [
  row("MD-2026-00017", "Siân O'Brien-Smith", "2026-03-19"),
  row("MD-2026-00003", "Oliver Evans", "2026-04-02"),
  row("MD-2026-00009", "Łukasz Nguyễn", "2026-05-05"),
];

const focusedReference = () => (document.activeElement as HTMLElement | null)?.dataset.reference;

describe("Cases by keyboard", () => {
  beforeEach(() => {
    mocked.mockReset();
    mocked.mockImplementation(async (cmd) => (cmd === "list_cases" ? rows : cmd === "local_authorities" ? [] : null));
    nav.screen = "cases";
    nav.reference = "";
  });

  it("moves from the search box down the list and back with the arrows", async () => {
    render(Cases, { context: startup() });
    await screen.findByText("MD-2026-00017");
    const search = screen.getByRole("searchbox");
    await fireEvent.keyDown(search, { key: "ArrowDown" });
    await waitFor(() => expect(focusedReference()).toBe("MD-2026-00017"));
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    await waitFor(() => expect(focusedReference()).toBe("MD-2026-00003"));
    await fireEvent.keyDown(document.activeElement!, { key: "End" });
    await waitFor(() => expect(focusedReference()).toBe("MD-2026-00009"));
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    await waitFor(() => expect(focusedReference()).toBe("MD-2026-00009"));
    await fireEvent.keyDown(document.activeElement!, { key: "Home" });
    await waitFor(() => expect(focusedReference()).toBe("MD-2026-00017"));
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    await waitFor(() => expect(document.activeElement).toBe(search));
    expect(nav.screen).toBe("cases");
  });

  it("opens the top case when Enter is pressed in the search box", async () => {
    render(Cases, { context: startup() });
    await screen.findByText("MD-2026-00017");
    await fireEvent.keyDown(screen.getByRole("searchbox"), { key: "Enter" });
    expect(nav.screen).toBe("case");
    expect(nav.reference).toBe("MD-2026-00017");
  });

  it("shows the next due date under a heading, with the full text of a cut-off cell on hover", async () => {
    render(Cases, { context: startup() });
    const button = (await screen.findByText("MD-2026-00003")).closest("button")!;
    expect(button.textContent).toContain("Thu 2 Apr 2026");
    expect(button.querySelector("[title='Refusal to carry out an EHC needs assessment']")).toBeTruthy();
    expect(document.querySelector(".case-list-head")!.textContent).toContain("Next due");
  });
});
