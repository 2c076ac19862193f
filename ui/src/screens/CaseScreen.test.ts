// The Case screen against a mocked core: the header's appeal deadline and
// the core's sentence under it, the meeting's notice date box and who is
// responsible for an item the family could not appeal (issue 10); the
// words for who rang, the history and meeting statuses are the core's
// vocabulary's (issue 12). Opening the case is recorded, and who opened
// it is listed beside the history; a closed case is erased on request
// after a confirmation; a person of the case gets a subject access export
// after being told what it holds (issue 13).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";
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
    if (cmd === "case_view" || cmd === "open_case" || cmd === "save_facts") return { ...view(t), ...extra };
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
    expect(history).toEqual(["Tue 10 Feb 2026 10:00 UTC · Ann a note was added", "Wed 11 Feb 2026 10:00 UTC · Ann the exemption letter was written"]);
    const status = (await screen.findByLabelText("Status")) as HTMLSelectElement;
    expect(Array.from(status.options).map((o) => [o.value, o.text])).toEqual([["planned", "Planned (not yet held)"], ["held", "Held on the day"]]);
  });

  it("records the opening, and lists who opened the case beside its history, newest first", async () => {
    core(timeline([appealClock], null));
    const opened = [{ at: "2026-03-16T09:30:00.000Z", who: "Test Mediator" }, { at: "2026-03-02T14:05:00.000Z", who: "Bea Manager" }];
    const plain = mocked.getMockImplementation()!;
    mocked.mockImplementation(async (cmd, args) => (cmd === "case_access" ? opened : plain(cmd, args)));
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    const tab = await screen.findByRole("tab", { name: "Who opened it" });
    expect(mocked).toHaveBeenCalledWith("open_case", { reference: "MD-2026-0001" });
    expect(mocked).not.toHaveBeenCalledWith("case_view", expect.anything());
    expect(screen.getByRole("tab", { name: "History" }).getAttribute("aria-selected")).toBe("true");
    await fireEvent.click(tab);
    expect(tab.getAttribute("aria-selected")).toBe("true");
    const rows = Array.from(document.querySelectorAll("#access-log li")).map((li) => li.textContent!.trim());
    expect(rows).toEqual(["Mon 16 Mar 2026 09:30 UTC · Test Mediator", "Mon 2 Mar 2026 14:05 UTC · Bea Manager"]);
    expect(document.getElementById("panel-history")!.hidden).toBe(true);
  });

  it("erases a closed case on request only once confirmed, with a reason that is not a name", async () => {
    const closed = { status: "closed", closed_on: "2026-03-01", closing_reason: "Family moved away", caller: { name: "Gwenllïan Quartermaine", role: "parent", date_of_birth: null } };
    core(timeline([], null), closed);
    const plain = mocked.getMockImplementation()!;
    let erased = false;
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "erase_case") {
        if (!args.reason.trim()) throw { message: "The reason is required", field: "reason", fields: [], locked: false };
        erased = true;
        return { reference: "MD-2026-0001", disposed_at: "2026-03-16T10:00:00.000Z", who: "Test Mediator", why: "request", reason: args.reason, certificates: 1 };
      }
      if (erased && cmd === "case_view") {
        return { ...view(timeline([], null)), ...closed, child: { name: "(erased)" }, caller: { name: "(erased)", role: "parent", date_of_birth: null },
          history: [{ at: "2026-03-16T10:00:00.000Z", who: "Test Mediator", action: "anonymised", changes: [] }] };
      }
      return plain(cmd, args);
    });
    const { container } = render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    const reason = (await screen.findByLabelText("The request's reference")) as HTMLInputElement;
    expect(document.getElementById("erase-reason-hint")!.textContent).toContain("Not the person's name");
    await fireEvent.click(screen.getByRole("button", { name: "Erase this case…" }));
    expect(await screen.findByText("Type the request's reference (not the person's name)")).toBeTruthy();
    expect(container.querySelector("#erase-dialog")!.hasAttribute("open")).toBe(false);
    await fireEvent.input(reason, { target: { value: "DSAR-2026-014" } });
    await fireEvent.click(screen.getByRole("button", { name: "Erase this case…" }));
    const dialog = container.querySelector("#erase-dialog")!;
    expect(dialog.hasAttribute("open")).toBe(true);
    expect(dialog.textContent).toContain("Erase MD-2026-0001 on request?");
    expect(dialog.textContent).toContain("Removed: the names of the child");
    expect(dialog.textContent).toContain("Kept: the reference");
    expect(mocked).not.toHaveBeenCalledWith("erase_case", expect.anything());
    await fireEvent.click(screen.getByRole("button", { name: "Erase the case" }));
    expect(mocked).toHaveBeenCalledWith("erase_case", { reference: "MD-2026-0001", reason: "DSAR-2026-014" });
    expect(await screen.findByText("MD-2026-0001 was anonymised on request and its certificate's PDF was destroyed. The disposal log records it.")).toBeTruthy();
    expect((await screen.findByText(/^Anonymised Mon 16 Mar 2026 10:00 UTC by Test Mediator/)).id).toBe("anonymised-notice");
    expect(screen.getByRole("heading", { name: "MD-2026-0001 · (erased)" })).toBeTruthy();
    // Nothing left to erase, and no name to type back in.
    expect(screen.queryByRole("button", { name: "Erase this case…" })).toBeNull();
    expect(screen.queryByLabelText("Add a note")).toBeNull();
  });

  it("offers no erasing while the case is open", async () => {
    core(timeline([appealClock], null));
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    expect(await screen.findByText("A case can be erased on a person's request once it is closed.")).toBeTruthy();
    expect(screen.queryByText("Erase on request…")).toBeNull();
  });

  it("gives a person of the case a subject access export once told what it holds", async () => {
    core(timeline([appealClock], null), { caller: { name: "Gwenllïan Quartermaine", role: "parent", date_of_birth: null } });
    const plain = mocked.getMockImplementation()!;
    const warning = "This file is not encrypted: it holds the named person's personal data.";
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "subject_access_check") return { name: args.name, cases: [{ reference: "MD-2026-0001", part: "caller" }], warning };
      if (cmd === "save_subject_access") return args.path;
      return plain(cmd, args);
    });
    vi.mocked(save).mockResolvedValue("/home/me/request.zip");
    render(CaseScreen, { props: { reference: "MD-2026-0001" }, context: startup() });
    const caller = (await screen.findByRole("radio", { name: "Gwenllïan Quartermaine (caller)" })) as HTMLInputElement;
    expect(caller.checked).toBe(true);
    expect((screen.getByRole("radio", { name: "Dafydd Jones (child)" }) as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(screen.getByRole("button", { name: "Subject access export…" }));
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Choose where to save…" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("save_subject_access", { name: "Gwenllïan Quartermaine", path: "/home/me/request.zip" }));
  });
});
