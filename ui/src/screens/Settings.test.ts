// The Settings screen against a mocked core: the staff list and the role
// to choose for a new member are in the vocabulary's words (issue 12).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import Settings from "./Settings.svelte";
import { startup, vocabulary } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ ask: vi.fn(), open: vi.fn(), save: vi.fn() }));
const mocked = vi.mocked(invoke);

const settings = {
  service: { service_name: "Salford Mediation", address: "", phone: "", email: "", certificate_prefix: "SM" },
  choices: {}, staff: [{ name: "Łukasz Nowak", role: "adviser", registration: "CMC-123456" }],
  database_path: "/data/mediation-desk.sqlite3", imported_holiday_years: [], backups: [],
};

describe("Settings", () => {
  beforeEach(() => mocked.mockReset());

  it("names each member of staff's role, and the roles to choose, in the vocabulary's words", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "settings" ? settings : null));
    const words = {
      ...vocabulary,
      staff_roles: [{ value: "adviser", label: "Adviser (mediation)" }, { value: "mediator", label: "Mediator (registered)" }],
      staff_role_words: [{ value: "adviser", label: "the mediation adviser" }],
    };
    render(Settings, { context: startup(words) });
    expect(await screen.findByText("Łukasz Nowak, the mediation adviser, CMC-123456")).toBeTruthy();
    const role = screen.getByLabelText("Role") as HTMLSelectElement;
    expect(Array.from(role.options).map((o) => [o.value, o.text])).toEqual([["adviser", "Adviser (mediation)"], ["mediator", "Mediator (registered)"]]);
  });
});
