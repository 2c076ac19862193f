// A disagreement resolution case on the Case screen, against a mocked core:
// where it stands, its events, the service's targets said not to be the
// law, the form's answers sent to the core, the core's problems against
// their fields, and the record of outcome printed.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import DisagreementPanel from "./DisagreementPanel.svelte";
import TodayTargets from "./TodayTargets.svelte";
import { startup } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const empty = { day: "", month: "", year: "" };
const record = {
  kind: "provision", requested_on: "2026-03-02", about: "Speech and language support in class",
  other_parties: [{ name: "Hillside Primary School", type: "maintained_school", response: null }],
  ehc: "ehc_plan", first_contact_on: null, la_response: null, family_response: null, meetings: [], points: [], actions: [],
  concluded_on: null, linked_cases: [],
};
const view = {
  reference: "MD-2026-0001", disagreement: record,
  timeline: { today: "2026-03-16", clocks: [] },
  disagreement_status: {
    stage: "Requested: waiting for the answers of the LA and the parties", ended: false, went_ahead: false,
    events: [{ date: "2026-03-02", kind: "requested", text: "Disagreement resolution requested: Speech and language support in class" }],
    problems: [],
    targets: [{ key: "first_contact", label: "First contact with the parties (2 working days)", due_date: "2026-03-04", status: "overdue",
      status_text: "Past the service's target", working: ["Due: Wed 4 Mar 2026"], standard: "The service's own target, not a statutory limit" }],
    targets_note: "The service's own targets, not the law",
    no_clock_note: "No statutory clock: disagreement resolution is voluntary",
  },
};
const form = {
  kind: "provision", requested_on: { day: "2", month: "3", year: "2026" }, about: "Speech and language support in class", ehc: "ehc_plan",
  parties: [{ name: "Hillside Primary School", party_type: "maintained_school", answer: null, on: empty }],
  first_contact_on: empty, la_answer: null, la_on: empty, family_answer: null, family_on: empty,
  meetings: [], points: [], actions: [], concluded_on: empty, linked: "",
};

describe("Disagreement resolution on the Case screen", () => {
  beforeEach(() => mocked.mockReset());

  it("shows where it stands, its events and the service's targets, never a statutory clock", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "disagreement_form" ? form : null));
    render(DisagreementPanel, { props: { view: view as any, onsaved: () => {} }, context: startup() });
    expect(screen.getByText("Requested: waiting for the answers of the LA and the parties")).toBeTruthy();
    expect(screen.getByText(/No statutory clock/)).toBeTruthy();
    expect(screen.getByText(/Disagreement resolution requested: Speech and language support in class/)).toBeTruthy();
    expect(screen.getByText("Past the service's target")).toBeTruthy();
    expect(screen.getByText("The service's own target, not a statutory limit")).toBeTruthy();
    expect(screen.getByText("The service's own targets, not the law")).toBeTruthy();
    expect(screen.queryByText("Overdue")).toBeNull();
  });

  it("links to the mediation case of the same child", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "disagreement_form" ? form : null));
    const linked = { ...view, disagreement: { ...record, linked_cases: ["MD-2026-0002"] } };
    const { nav } = await import("../lib/nav.svelte");
    render(DisagreementPanel, { props: { view: linked as any, onsaved: () => {} }, context: startup() });
    await fireEvent.click(screen.getByRole("button", { name: "MD-2026-0002" }));
    expect([nav.screen, nav.reference]).toEqual(["case", "MD-2026-0002"]);
  });

  it("sends the answers and a meeting with a supporter, and shows the core's problems against their fields", async () => {
    let saved: any = null;
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "disagreement_form") return form;
      if (cmd === "save_disagreement") {
        saved = args.form;
        throw { message: "There is a problem with this form", field: null, fields: [{ field: "dr-la-on", message: "Enter the date of the LA's answer" }] };
      }
      return null;
    });
    render(DisagreementPanel, { props: { view: view as any, onsaved: () => {} }, context: startup() });
    await screen.findByText("Record what happens");
    await fireEvent.click(screen.getByLabelText("Engaged: the LA takes the request forward"));
    await fireEvent.click(screen.getByRole("button", { name: "Add a meeting" }));
    await fireEvent.input(screen.getByLabelText(/Who supported the family/), { target: { value: "Mrs Patel, SENCo" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toBeTruthy());
    expect(saved.la_answer).toBe("engaged");
    expect(saved.meetings[0].supporters).toBe("Mrs Patel, SENCo");
    const link = await screen.findByRole("link", { name: "Enter the date of the LA's answer" });
    expect(link.getAttribute("href")).toBe("#dr-la-on");
  });

  it("prints the record of outcome dated today and says the copy opened is temporary", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "disagreement_form" ? form : cmd === "record_of_outcome" ? "/data/records/MD-2026-0001-record-of-outcome.pdf" : null));
    render(DisagreementPanel, { props: { view: view as any, onsaved: () => {} }, context: startup() });
    await fireEvent.click(screen.getByRole("button", { name: "Print the record of outcome" }));
    expect(await screen.findByText(/Record of outcome written and opened to print. The copy opened is temporary/)).toBeTruthy();
    const sent = mocked.mock.calls.find((c) => c[0] === "record_of_outcome")![1] as any;
    expect(sent).toEqual({ reference: "MD-2026-0001", dated: { day: "16", month: "3", year: "2026" } });
  });
});

describe("The service's targets on Today", () => {
  beforeEach(() => mocked.mockReset());

  it("lists them apart, said to be the service's and not the law", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "today_targets" ? [{
      due_date: "2026-03-04", status: "overdue", status_text: "Past the service's target", group: "overdue", reference: "MD-2026-0001",
      target_key: "first_contact", target: "First contact with the parties (2 working days)", child: "Dafydd Jones",
      standard: "The service's own target, not a statutory limit",
    }] : null));
    render(TodayTargets, { note: "The service's own targets, not the law", days: 30 });
    expect(await screen.findByText("Past the service's target")).toBeTruthy();
    expect(screen.getByText(/Disagreement resolution: the service's targets/)).toBeTruthy();
    expect(screen.getByText("The service's own targets, not the law")).toBeTruthy();
    expect(mocked).toHaveBeenCalledWith("today_targets", { days: 30 });
  });

  it("shows nothing when none is due or they are turned off", async () => {
    mocked.mockImplementation(async () => []);
    const { container } = render(TodayTargets, { note: "x", days: 30 });
    await waitFor(() => expect(mocked).toHaveBeenCalled());
    expect(container.querySelector("#service-targets")).toBeNull();
  });
});

describe("The service's targets in Settings", () => {
  beforeEach(() => mocked.mockReset());

  it("shows the core's numbers, sends what is typed, and names a bad box", async () => {
    const { default: TargetsSettings } = await import("./TargetsSettings.svelte");
    let sent: any = null;
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "service_targets") return { enabled: true, first_contact_working_days: "2", meeting_weeks: "6" };
      if (cmd === "save_service_targets") {
        sent = args.targets;
        throw { message: "There is a problem with this form", field: null, fields: [{ field: "meeting_weeks", message: "Enter a whole number of weeks from 1 to 52" }] };
      }
      return null;
    });
    render(TargetsSettings, { note: "The service's own targets, not the law" });
    const weeks = (await screen.findByLabelText("A meeting within this many weeks of the request")) as HTMLInputElement;
    expect(weeks.value).toBe("6");
    await fireEvent.input(weeks, { target: { value: "60" } });
    await fireEvent.click(screen.getByLabelText("Track these targets (on Today and each case)"));
    await fireEvent.click(screen.getByRole("button", { name: "Save targets" }));
    await waitFor(() => expect(sent).toEqual({ enabled: false, first_contact_working_days: "2", meeting_weeks: "60" }));
    expect((await screen.findByRole("link", { name: "Enter a whole number of weeks from 1 to 52" })).getAttribute("href")).toBe("#meeting_weeks");
  });
});
