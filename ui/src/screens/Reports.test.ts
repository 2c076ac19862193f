// The Reports screen against a mocked core: it starts on the period the
// core gives, shows the core's figures and charts, and the core's problem
// with the period in an error summary. An export that holds personal data
// says so, in the core's words, before the place to save it is asked for.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";
import Reports from "./Reports.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(async () => null) }));
const mocked = vi.mocked(invoke);

const form = { from: { day: "1", month: "4", year: "2025" }, to: { day: "16", month: "3", year: "2026" }, local_authority: null };
const report = {
  from: "2025-04-01", to: "2026-03-16", local_authority: "All local authorities", cases_opened: 42, cases_closed: 17,
  by_local_authority: [], by_decision: [], by_issue: [], routes: [], outcomes: [],
  certificates_issued: 12, certificates_on_time: 9, certificates_late: 3, certificates_on_time_percent: 75,
  mediations_held: 5, mediations_within_30_days: 4, mediations_within_30_days_percent: 80,
  median_days_call_to_certificate: 6.5, la_postponements: 2,
  disagreement: {
    requests: 7, by_kind: [], by_party_type: [], went_ahead: 5, declined: 1, declined_by: [], outcomes: [],
    median_days_request_to_meeting: 18, followed_by_mediation: 2, followed_by_appeal: 1,
  },
  charts: [{ title: "Cases opened by local authority", bars: [{ label: "Leeds City Council", value: 30 }, { label: "Oldham Council", value: 12 }] }],
};

describe("Reports", () => {
  beforeEach(() => mocked.mockReset());

  it("shows the core's figures and draws its charts for the period it starts on", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "report_form" ? form : cmd === "report" ? report : cmd === "local_authorities" ? ["Leeds City Council"] : null));
    const { container } = render(Reports);
    expect(await screen.findByText("All local authorities, Tue 1 Apr 2025 to Mon 16 Mar 2026")).toBeTruthy();
    expect(screen.getByText("75%")).toBeTruthy();
    expect(screen.getByText("6.5 days")).toBeTruthy();
    // Disagreement resolution, beside mediation.
    const dr = container.querySelector("#report-disagreement")!.textContent!;
    expect(dr).toContain("Requests7");
    expect(dr).toContain("Went ahead (every party agreed)5");
    expect(dr).toContain("18 days");
    expect(dr).toContain("2 (1 by an appeal)");
    expect(container.querySelectorAll("figure.bar-chart rect").length).toBe(2);
    expect(container.querySelector("figure.bar-chart desc")!.textContent).toContain("Leeds City Council 30");
    const sent = mocked.mock.calls.find((c) => c[0] === "report")![1] as any;
    expect(sent.form).toEqual(form);
  });

  it("shows the core's problem with the period, linked to the field", async () => {
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "report_form") return form;
      if (cmd === "local_authorities") return [];
      if (cmd === "report") throw { message: "End of the period must be on or after the start", field: "to", fields: [{ field: "to", message: "End of the period must be on or after the start" }] };
      return null;
    });
    render(Reports);
    const link = await screen.findByRole("link", { name: "End of the period must be on or after the start" });
    expect(link.getAttribute("href")).toBe("#to");
    await fireEvent.click(screen.getByRole("button", { name: "Show report" }));
    await waitFor(() => expect(mocked.mock.calls.filter((c) => c[0] === "report").length).toBe(2));
  });

  it("says what personal data an export holds before asking where to save it, and nothing for the pseudonymised log", async () => {
    const notice = "This case log is not encrypted: it holds children's and parents' names.";
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "report_form") return form;
      if (cmd === "report") return report;
      if (cmd === "local_authorities") return [];
      if (cmd === "export_notice") return args.format === "csv" ? notice : null;
      if (cmd === "export_cases") return args.path;
      return null;
    });
    vi.mocked(save).mockResolvedValue("/home/me/case-log.csv");
    const { container } = render(Reports);
    await screen.findByText("All local authorities, Tue 1 Apr 2025 to Mon 16 Mar 2026");
    await fireEvent.click(screen.getByRole("button", { name: "Case log (CSV)…" }));
    expect(await screen.findByText(notice)).toBeTruthy();
    expect(container.querySelector("#export-dialog")!.hasAttribute("open")).toBe(true);
    expect(save).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Choose where to save…" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("export_cases", expect.objectContaining({ format: "csv", path: "/home/me/case-log.csv" })));
    expect(vi.mocked(save).mock.calls[0][0]!.title).toBe("Case log (CSV): not encrypted");
    expect(await screen.findByText("Exported to /home/me/case-log.csv")).toBeTruthy();
    // No personal data: straight to the place to save it.
    vi.mocked(save).mockClear();
    await fireEvent.click(screen.getByRole("button", { name: "Case log without names, for commissioners (CSV)…" }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(container.querySelector("#export-dialog")!.hasAttribute("open")).toBe(false);
  });
});
