// The Settings screen against a mocked core: the staff list and the role
// to choose for a new member are in the vocabulary's words (issue 12).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import { ask } from "@tauri-apps/plugin-dialog";
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

  it("restores a backup from another database once its passphrase is given, saying so beside the buttons", async () => {
    vi.mocked(ask).mockResolvedValue(true);
    const path = "/data/backups/other-laptop.sqlite3";
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "settings") return { ...settings, backups: [path] };
      if (cmd === "lock_settings") return { lock_after_minutes: 10, choices: [1, 5, 10] };
      if (cmd === "restore_backup") {
        if (!args.secret) throw { message: "This backup was made from another database", field: "backup_secret", fields: [], locked: false };
        if (args.secret.text !== "their passphrase") throw { message: "Passphrase does not unlock this backup", field: "backup_secret", fields: [], locked: false };
        return `Restored from ${path}.`;
      }
      return null;
    });
    render(Settings, { context: startup() });
    expect((await screen.findByLabelText("Lock after") as HTMLSelectElement).value).toBe("10");
    await fireEvent.click(await screen.findByRole("button", { name: "Restore this one" }));
    const box = await screen.findByLabelText("The backup's passphrase");
    await fireEvent.input(box, { target: { value: "our passphrase" } });
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText("Passphrase does not unlock this backup")).toBeTruthy();
    await fireEvent.input(box, { target: { value: "their passphrase" } });
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(`Restored from ${path}.`)).toBeTruthy();
    expect(screen.queryByLabelText("The backup's passphrase")).toBeNull();
    expect(mocked).toHaveBeenLastCalledWith("settings", undefined);
  });
});
