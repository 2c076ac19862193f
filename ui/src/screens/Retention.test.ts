// The Retention screen against a mocked core: the policy saved as the
// core checks it; the cases due listed without names and anonymised only
// after a confirmation that says what goes and what stays; the disposal
// log; and a subject access export that says what the file holds before
// the place to save it is asked for.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";
import Retention from "./Retention.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));
const mocked = vi.mocked(invoke);

const due = [
  { reference: "MD-2018-0003", local_authority: "Oldham Council", closed_on: "2018-03-29", dispose_from: "2024-03-29" },
  { reference: "MD-2019-0011", local_authority: "Leeds City Council", closed_on: "2019-07-01", dispose_from: "2025-07-01" },
];
const disposal = (reference: string) => ({
  reference, disposed_at: "2026-03-16T10:04:05.123Z", who: "Test Mediator", why: "retention", reason: "Retention period ended", certificates: 1,
});
const view = (extra: Record<string, unknown> = {}) => ({
  policy: { years_after_closing: 6, until_25th_birthday: true }, min_years: 1, max_years: 100, due, log: [], ...extra,
});

/** Each body row's cells, as text. */
const cells = (table: HTMLElement) =>
  Array.from(table.querySelectorAll("tbody tr")).map((r) => Array.from((r as HTMLTableRowElement).cells).map((c) => c.textContent!.trim()));

describe("Retention", () => {
  beforeEach(() => { mocked.mockReset(); vi.mocked(save).mockReset(); });

  it("lists the cases due with no names, and anonymises them only once confirmed", async () => {
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "retention") return view();
      if (cmd === "dispose_due") return { done: due.map((d) => disposal(d.reference)), problem: null, view: view({ due: [], log: due.map((d) => disposal(d.reference)) }) };
      return null;
    });
    const { container } = render(Retention);
    const table = await screen.findByRole("table", { name: "Due for disposal" });
    expect(cells(table)).toEqual([
      ["MD-2018-0003", "Oldham Council", "Thu 29 Mar 2018", "Fri 29 Mar 2024"],
      ["MD-2019-0011", "Leeds City Council", "Mon 1 Jul 2019", "Tue 1 Jul 2025"],
    ]);
    expect((screen.getByLabelText("Years after closing") as HTMLInputElement).value).toBe("6");
    expect((screen.getByLabelText("Or until the child's 25th birthday, if that is later") as HTMLInputElement).checked).toBe(true);

    await fireEvent.click(screen.getByRole("button", { name: "Anonymise these 2 cases…" }));
    const dialog = container.querySelector("#anonymise-dialog")!;
    expect(dialog.hasAttribute("open")).toBe(true);
    const said = dialog.textContent!;
    expect(said).toContain("This cannot be undone.");
    expect(said).toContain("MD-2018-0003, MD-2019-0011");
    expect(said).toContain("Removed: the names of the child");
    expect(said).toContain("Kept: the reference, local authority, decision");
    // Cancel changes nothing.
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(dialog.hasAttribute("open")).toBe(false);
    expect(mocked).not.toHaveBeenCalledWith("dispose_due", expect.anything());

    await fireEvent.click(screen.getByRole("button", { name: "Anonymise these 2 cases…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Anonymise 2 cases" }));
    expect(mocked).toHaveBeenCalledWith("dispose_due", { references: ["MD-2018-0003", "MD-2019-0011"] });
    expect((await screen.findByText("2 cases were anonymised. The disposal log below records each.")).id).toBe("disposal-done");
    expect(screen.getByText("No closed case is due for disposal today.")).toBeTruthy();
    const log = screen.getByRole("table", { name: "Disposal log" });
    expect(cells(log)[0]).toEqual(["Mon 16 Mar 2026 10:04 UTC", "MD-2018-0003", "Test Mediator", "Retention ended", "Retention period ended", "1"]);
    expect(dialog.hasAttribute("open")).toBe(false);
  });

  it("saves the policy, with the core's refusal under the years", async () => {
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "retention") return view();
      if (cmd === "save_retention_policy") {
        if (args.policy.years_after_closing > 100) throw { message: "Years after closing is 101; choose from 1 to 100 years", field: "years_after_closing", fields: [], locked: false };
        return view({ policy: args.policy, due: [] });
      }
      return null;
    });
    render(Retention);
    const years = (await screen.findByLabelText("Years after closing")) as HTMLInputElement;
    await fireEvent.input(years, { target: { value: "six" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the policy" }));
    expect(await screen.findByText("Type a whole number of years, from 1 to 100")).toBeTruthy();
    expect(years.getAttribute("aria-invalid")).toBe("true");
    await fireEvent.input(years, { target: { value: "101" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the policy" }));
    expect(await screen.findByText("Years after closing is 101; choose from 1 to 100 years")).toBeTruthy();
    await fireEvent.input(years, { target: { value: "10" } });
    await fireEvent.click(screen.getByLabelText("Or until the child's 25th birthday, if that is later"));
    await fireEvent.click(screen.getByRole("button", { name: "Save the policy" }));
    expect(await screen.findByText("Policy saved. The cases due below follow it.")).toBeTruthy();
    expect(mocked).toHaveBeenCalledWith("save_retention_policy", { policy: { years_after_closing: 10, until_25th_birthday: false } });
    expect(screen.queryByRole("table", { name: "Due for disposal" })).toBeNull();
    expect(years.getAttribute("aria-invalid")).toBe("false");
  });

  it("says what a subject access export holds before asking where to save it", async () => {
    const warning = "This file is not encrypted: it holds the named person's personal data.";
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "retention") return view({ due: [] });
      if (cmd === "subject_access_check") {
        if (args.name !== "Gwenllïan Quartermaine") throw { message: "The person's name \"Gwen\" is in no case", field: "name", fields: [], locked: false };
        return { name: args.name, cases: [{ reference: "MD-2026-0001", part: "caller" }], warning };
      }
      if (cmd === "save_subject_access") return "/home/me/request.zip";
      return null;
    });
    vi.mocked(save).mockResolvedValue("/home/me/request.zip");
    const { container } = render(Retention);
    const name = await screen.findByLabelText("The person's name, as the case records it");
    await fireEvent.input(name, { target: { value: "Gwen" } });
    await fireEvent.click(screen.getByRole("button", { name: "Subject access export…" }));
    expect(await screen.findByText("The person's name \"Gwen\" is in no case")).toBeTruthy();
    await fireEvent.input(name, { target: { value: "Gwenllïan Quartermaine" } });
    await fireEvent.click(screen.getByRole("button", { name: "Subject access export…" }));
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(container.querySelector("#subject-access-dialog")!.textContent).toContain("MD-2026-0001 (caller)");
    expect(save).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Choose where to save…" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("save_subject_access", { name: "Gwenllïan Quartermaine", path: "/home/me/request.zip" }));
    expect(await screen.findByText("Saved to /home/me/request.zip. Send it to them securely, and do not keep a copy.")).toBeTruthy();
  });
});
