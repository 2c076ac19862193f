// New call for disagreement resolution, against a mocked core: the service
// is asked first; choosing disagreement resolution swaps the decision
// letter for the request (the kind, the other parties, the EHC answer),
// and what is typed goes to the core as the request.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import NewCall from "./NewCall.svelte";
import { startup } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const timeline = {
  route: "disagreement_resolution", route_text: "Disagreement resolution: voluntary, with no certificate and no statutory clock",
  exemptions: [], clocks: [], problems: [], notices: [], today: "2026-03-16",
};
const known = [{ name: "Hillside Primary School", type: "maintained_school" }];

describe("New call, disagreement resolution", () => {
  beforeEach(() => mocked.mockReset());

  it("asks first which service, and for disagreement resolution asks for the request instead of a decision letter", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "preview_call" ? timeline : cmd === "other_parties" ? known : cmd === "log_call" ? "MD-2026-0001" : []));
    const { container } = render(NewCall, { context: startup() });
    // The service comes before anything else on the form.
    const first = container.querySelector("form fieldset legend")!;
    expect(first.textContent).toBe("Which service is the call about?");
    expect(screen.getByText("Date on the letter")).toBeTruthy();
    await fireEvent.click(screen.getByLabelText("Disagreement resolution (no decision letter needed)"));
    expect(screen.queryByText("Date on the letter")).toBeNull();
    expect(screen.queryByLabelText("Decision")).toBeNull();
    await fireEvent.click(screen.getByLabelText(/The special educational provision a school/));
    await fireEvent.input(screen.getByLabelText("What it is about, briefly"), { target: { value: "Speech and language support in class" } });
    // A known organisation: picking its name fills its type.
    await waitFor(() => expect(container.querySelector("#known-parties option")).toBeTruthy());
    const name = screen.getByLabelText("Other party 1: name");
    await fireEvent.input(name, { target: { value: "Hillside Primary School" } });
    await fireEvent.change(name);
    expect((screen.getByLabelText("What kind of organisation") as HTMLSelectElement).value).toBe("maintained_school");
    await fireEvent.click(screen.getByLabelText("Has an EHC plan"));
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("log_call", expect.anything()));
    const form = (mocked.mock.calls.find((c) => c[0] === "log_call")![1] as any).form;
    expect(form.service).toBe("disagreement_resolution");
    expect(form.disagreement.kind).toBe("provision");
    expect(form.disagreement.about).toBe("Speech and language support in class");
    expect(form.disagreement.parties[0]).toMatchObject({ name: "Hillside Primary School", party_type: "maintained_school" });
    expect(form.disagreement.ehc).toBe("ehc_plan");
    expect(form.disagreement.requested_on).toEqual({ day: "16", month: "3", year: "2026" });
  });

  it("shows the core's problem with the request beside its field", async () => {
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "log_call") {
        throw { message: "There is a problem with this form", field: null, fields: [
          { field: "dr-ehc", message: "A disagreement about health or social care provision is for an EHC needs assessment" },
        ] };
      }
      return cmd === "preview_call" ? timeline : [];
    });
    render(NewCall, { context: startup() });
    await fireEvent.click(screen.getByLabelText("Disagreement resolution (no decision letter needed)"));
    await fireEvent.click(screen.getByRole("button", { name: "Save the call" }));
    const link = await screen.findByRole("link", { name: /for an EHC needs assessment/ });
    expect(link.getAttribute("href")).toBe("#dr-ehc");
    expect(screen.getAllByText(/for an EHC needs assessment/).length).toBe(2);
  });
});
