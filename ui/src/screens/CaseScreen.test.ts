// The Case screen against a mocked core: the header's appeal deadline and
// the core's sentence under it, the meeting's notice date box and who is
// responsible for an item the family could not appeal (issue 10); the
// words for who rang, the history and meeting statuses are the core's
// vocabulary's (issue 12).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import CaseScreen from "./CaseScreen.svelte";
import { startup, vocabulary } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));
const mocked = vi.mocked(invoke);

const empty = { day: "", month: "", year: "" };
const appealClock = {
  key: "appeal", label: "Appeal to the SEND Tribunal", party_label: "Parent or young person", citation: "r.20(1)(c)",
  due_date: "2026-04-01", due_by_time: "5pm", status: "upcoming", status_text: "Upcoming", flags: [], working: [], good_practice: false,
};
const timeline = (clocks: unknown[], appeal_note: string | null) => ({
  route: "certificate_needed", route_text: "A mediation certificate is needed before appealing", exemptions: [],
  clocks, problems: [], notices: [], today: "2026-02-10", next_clock: null, appeal_note,
});
const view = (t: unknown) => ({
  reference: "MD-2026-0001", status: "open", closing_reason: null, opened_on: "2026-02-10",
  child: { name: "Dafydd Jones" }, caller: null, local_authority: "Manchester City Council",
  facts: { issues: [] }, notes: [], history: [], timeline: t, chart: null,
});
const factsForm = {
  dates: [],
  meetings: [{ date: { day: "13", month: "2", year: "2026" }, status: "planned", notice_sent_on: empty }],
  agreement: {
    dated: { day: "2", month: "2", year: "2026" }, la_was_party: true,
    actions: [{ kind: "non_appealable", description: "Speech therapy", agreed_due: empty, done: [empty], responsible_body: null }],
  },
};

function core(t: unknown, extra: Record<string, unknown> = {}) {
  mocked.mockImplementation(async (cmd) => {
    if (cmd === "case_view" || cmd === "save_facts") return { ...view(t), ...extra };
    if (cmd === "facts_form") return structuredClone(factsForm);
    if (cmd === "preview_facts") return { timeline: t, chart: null };
    if (cmd === "case_certificates") return { certificates: [], suggested_kind: null, staff: [], today: "2026-02-10" };
    return null;
  });
}

describe("The Case screen", () => {
  beforeEach(() => mocked.mockReset());

  it("shows under the appeal deadline what the core says would move it", async () => {
    const note = "A mediation certificate issued on or after Mon 2 Mar 2026 would move this deadline to 1 month from its date of issue";
    core(timeline([appealClock], note));
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    expect((await screen.findByText(note)).id).toBe("appeal-note");
    expect(document.getElementById("appeal-deadline")!.textContent).toBe("by 5pm on Wed 1 Apr 2026");
  });

  it("shows no appeal deadline where the core says none lies", async () => {
    const note = "No appeal deadline: no appeal lies to the Tribunal on health or social care alone (Children and Families Act 2014 s.51)";
    core(timeline([], note));
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    expect((await screen.findByText(note)).id).toBe("appeal-note");
    expect(document.getElementById("appeal-deadline")).toBeNull();
    expect(screen.queryByText("Not yet known")).toBeNull();
  });

  it("records when notice of a meeting was sent and who is responsible for an item", async () => {
    core(timeline([appealClock], null));
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    const notice = await screen.findByText("Meeting 1: date notice was sent");
    const fieldset = notice.closest("fieldset")!;
    const box = (part: string) => fieldset.querySelector(`#meeting-0-notice-${part}`) as HTMLInputElement;
    await fireEvent.input(box("day"), { target: { value: "5" } });
    await fireEvent.input(box("month"), { target: { value: "2" } });
    await fireEvent.input(box("year"), { target: { value: "2026" } });
    const responsible = screen.getByLabelText("Who is responsible for it") as HTMLSelectElement;
    expect(Array.from(responsible.options).map((o) => o.text)).toContain("The integrated care board (e.g. health care)");
    responsible.selectedIndex = Array.from(responsible.options).findIndex((o) => o.value === "icb");
    await fireEvent.change(responsible);
    await fireEvent.click(screen.getByRole("button", { name: "Save facts" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("save_facts", expect.anything()));
    const sent = (mocked.mock.calls.find((c) => c[0] === "save_facts")![1] as any).form;
    expect(sent.meetings[0].notice_sent_on).toEqual({ day: "5", month: "2", year: "2026" });
    expect(sent.agreement.actions[0].responsible_body).toBe("icb");
  });

  it("shows an agreed action's description beside its clock's label (issue 13: the label never carries it)", async () => {
    const action = {
      ...appealClock, key: "agreement_action_1_act", label: "Carry out the agreed action (action 1)",
      action_description: "Speech therapy", party_label: "Commissioning body (LA or ICB)", due_by_time: null, due_date: "2026-02-16",
    };
    core({ ...timeline([action, appealClock], null), next_clock: "agreement_action_1_act" });
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    const clock = (await screen.findByText("Carry out the agreed action (action 1)")).closest("li.clock")!;
    expect(clock.getAttribute("data-key")).toBe("agreement_action_1_act");
    expect(clock.querySelector("strong")!.textContent).toBe("Carry out the agreed action (action 1)");
    expect(clock.querySelector(".action-description")!.textContent).toBe("“Speech therapy”");
    expect(document.getElementById("next-clock")!.textContent).toBe("Carry out the agreed action (action 1) “Speech therapy”: Mon 16 Feb 2026");
    // A clock with no description shows none.
    expect(document.querySelector("li.clock[data-key=appeal] .action-description")).toBeNull();
  });

  it("names who rang, each history entry and the meeting statuses in the vocabulary's words", async () => {
    // Words no screen could make from the values' names itself.
    const words = {
      ...vocabulary,
      caller_role_words: [{ value: "young_person", label: "the young person themself" }],
      history_actions: [
        { value: "note_added", label: "a note was added" },
        { value: "exemption_letter_written", label: "the exemption letter was written" },
      ],
      meeting_statuses: [{ value: "planned", label: "Planned (not yet held)" }, { value: "held", label: "Held on the day" }],
    };
    core(timeline([appealClock], null), {
      caller: { name: "Rhian Jones", role: "young_person", date_of_birth: null },
      history: [
        { at: "2026-02-10T10:00", who: "Ann", action: "note_added", changes: [] },
        { at: "2026-02-11T10:00", who: "Ann", action: "exemption_letter_written", changes: [] },
      ],
    });
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup(words) });
    expect(await screen.findByText(/Rhian Jones \(the young person themself\)/)).toBeTruthy();
    const history = Array.from(document.querySelectorAll("ol.history li")).map((li) => li.textContent!.trim());
    expect(history).toEqual(["2026-02-10T10:00 · Ann a note was added", "2026-02-11T10:00 · Ann the exemption letter was written"]);
    const status = (await screen.findByLabelText("Status")) as HTMLSelectElement;
    expect(Array.from(status.options).map((o) => [o.value, o.text])).toEqual([["planned", "Planned (not yet held)"], ["held", "Held on the day"]]);
  });
});
