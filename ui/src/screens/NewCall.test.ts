// The New call form against a mocked core: what it sends, and how it shows
// the core's answer (the error summary, the live clocks).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import NewCall from "./NewCall.svelte";
import { startup } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const timeline = {
  route: "certificate_needed", route_text: "A mediation certificate is needed before appealing", exemptions: [],
  clocks: [{ key: "appeal", label: "Appeal to the SEND Tribunal", due_date: "2026-05-05", due_by_time: "5pm", status: "upcoming", status_text: "Upcoming" }],
  problems: [], notices: [], today: "2026-03-16",
};

describe("New call", () => {
  beforeEach(() => mocked.mockReset());

  it("shows the clocks the core computed, as the mediator types", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "preview_call" ? timeline : null));
    render(NewCall, { context: startup() });
    expect(await screen.findByText(/by 5pm on Tue 5 May 2026/)).toBeTruthy();
    expect(screen.getByText("A mediation certificate is needed before appealing")).toBeTruthy();
  });

  it("sends what was typed, with today's date as the call date", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "preview_call" ? timeline : cmd === "log_call" ? "MD-2026-0001" : null));
    render(NewCall, { context: startup() });
    await fireEvent.input(screen.getByLabelText("Caller's name"), { target: { value: "Rhian Jones" } });
    await fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Siân O'Brien-Smith" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("log_call", expect.anything()));
    const form = (mocked.mock.calls.find((c) => c[0] === "log_call")![1] as any).form;
    expect(form.caller_name).toBe("Rhian Jones");
    expect(form.child_name).toBe("Siân O'Brien-Smith");
    expect(form.call_date).toEqual({ day: "16", month: "3", year: "2026" });
  });

  it("asks a representative whom they act for, and sends it", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "preview_call" ? timeline : cmd === "log_call" ? "MD-2026-0001" : null));
    render(NewCall, { context: startup() });
    const appellantName = "Name of the parent or young person they act for";
    // Only for a representative.
    expect(screen.queryByLabelText(appellantName)).toBeNull();
    await fireEvent.click(screen.getByLabelText(/^Representative/));
    await fireEvent.input(screen.getByLabelText("Caller's name"), { target: { value: "Roberto Advocatus" } });
    await fireEvent.input(await screen.findByLabelText(appellantName), { target: { value: "Pat Quern" } });
    await fireEvent.input(screen.getByLabelText(/^Relationship to the child/), { target: { value: "grandmother" } });
    await fireEvent.input(screen.getByLabelText(/^Phone or email/), { target: { value: "07700 900123" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("log_call", expect.anything()));
    const form = (mocked.mock.calls.find((c) => c[0] === "log_call")![1] as any).form;
    expect(form).toMatchObject({
      caller_role: "representative", caller_name: "Roberto Advocatus", appellant_name: "Pat Quern",
      appellant_role: "parent", appellant_relationship: "grandmother", appellant_contact: "07700 900123",
    });
  });

  it("links a young person the core refused to the caller's role, and shows whose right the appeal is", async () => {
    const message = "The caller cannot be the young person: the young person, born Mon 1 Jun 2015, is of compulsory school age";
    const notice = "Dafydd Jones is a young person, over compulsory school age since Sat 28 Jun 2025: the right to appeal is theirs";
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "log_call") throw { message: "There is a problem with this form", field: null, fields: [{ field: "caller_role", message }] };
      return { ...timeline, notices: [{ code: "young_person_appeals", message: notice }] };
    });
    render(NewCall, { context: startup() });
    expect(await screen.findByText(notice)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    const link = await screen.findByRole("link", { name: message });
    expect(link.getAttribute("href")).toBe("#caller_role");
    // The link's target is the first of the caller's radios.
    expect((document.getElementById("caller_role") as HTMLInputElement).type).toBe("radio");
    expect(screen.getAllByText(message).length).toBe(2);
  });

  it("shows every problem the core found in an error summary linked to the fields", async () => {
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "log_call") {
        throw { message: "There are problems with this form", field: null, fields: [
          { field: "caller_name", message: "Enter the caller's name" },
          { field: "letter_dated", message: "Date on the letter must be a real date" },
        ] };
      }
      return timeline;
    });
    render(NewCall, { context: startup() });
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("There is a problem");
    const link = screen.getByRole("link", { name: "Date on the letter must be a real date" });
    expect(link.getAttribute("href")).toBe("#letter_dated");
    // The message also sits beside its field.
    expect(screen.getAllByText("Enter the caller's name").length).toBe(2);
  });
});
