// The Who form against a mocked core: filled from the case as the core
// gives it, the appellant a representative acts for among its fields, what
// it sends, and the core's problems linked to their fields.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import CaseDetails from "./CaseDetails.svelte";
import { startup } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const saved = {
  child_name: "Alex Quern", child_date_of_birth: { day: "1", month: "6", year: "2015" },
  caller_name: "Roberto Advocatus", caller_role: "representative",
  appellant_name: "Pat Quern", appellant_role: "parent", appellant_relationship: "", appellant_contact: "",
  local_authority: "Manchester City Council",
};
const appellantName = "Name of the parent or young person they act for";

describe("The Who form", () => {
  beforeEach(() => mocked.mockReset());

  it("shows whom the caller acts for and sends a correction", async () => {
    const onsaved = vi.fn();
    mocked.mockImplementation(async (cmd) => (cmd === "case_details" ? saved : cmd === "save_details" ? { reference: "MD-2026-0001" } : null));
    render(CaseDetails, { props: { reference: "MD-2026-0001", onsaved }, context: startup() });
    const name = (await screen.findByLabelText(appellantName)) as HTMLInputElement;
    expect(name.value).toBe("Pat Quern");
    expect((screen.getByLabelText("They are the") as HTMLSelectElement).value).toBe("parent");
    await fireEvent.input(screen.getByLabelText(/^Relationship to the child/), { target: { value: "grandmother" } });
    await fireEvent.input(screen.getByLabelText(/^Phone or email/), { target: { value: "pat@example.org" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save details" }));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const form = (mocked.mock.calls.find((c) => c[0] === "save_details")![1] as any).form;
    expect(form).toMatchObject({ appellant_name: "Pat Quern", appellant_relationship: "grandmother", appellant_contact: "pat@example.org" });
    expect(await screen.findByText("Details saved.")).toBeTruthy();
  });

  it("links the core's refusal of a young person to the appellant's role", async () => {
    const message = "The appellant cannot be the young person: the young person, born Mon 1 Jun 2015, is of compulsory school age";
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "case_details") return saved;
      if (cmd !== "save_details") return null;
      throw { message: "There is a problem with this form", field: null, fields: [{ field: "appellant_role", message }] };
    });
    render(CaseDetails, { props: { reference: "MD-2026-0001", onsaved: () => {} }, context: startup() });
    await fireEvent.change(await screen.findByLabelText("They are the"), { target: { value: "young_person" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save details" }));
    const link = await screen.findByRole("link", { name: message });
    expect(link.getAttribute("href")).toBe("#appellant_role");
    expect(screen.getByLabelText("They are the").getAttribute("aria-invalid")).toBe("true");
    const form = (mocked.mock.calls.find((c) => c[0] === "save_details")![1] as any).form;
    expect(form.appellant_role).toBe("young_person");
  });
});
