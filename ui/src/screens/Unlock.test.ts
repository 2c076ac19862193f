// The Unlock and Set-up screens against a mocked core: a wrong passphrase
// is said under its box and nothing else changes; the recovery code is
// shown once and the app carries on only when it has been kept; after the
// recovery code a new passphrase may be chosen.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import Unlock from "./Unlock.svelte";
import SetUp from "./SetUp.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const locked = { database: "locked" as const, open: false, problem: null, database_path: "/data/mediation-desk.sqlite3", earlier_database: null };
const wrong = {
  message: "Passphrase does not unlock this database; nothing was opened or changed. Try again, or use the recovery code",
  field: "passphrase", fields: [], locked: false,
};

describe("Unlock", () => {
  beforeEach(() => mocked.mockReset());

  it("says a wrong passphrase under its box, stays locked, and unlocks with the right one", async () => {
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "unlock" && args.secret.text !== "correct horse battery") throw wrong;
      return null;
    });
    const onunlocked = vi.fn();
    render(Unlock, { props: { lock: locked, onunlocked } });
    const box = screen.getByLabelText("Passphrase") as HTMLInputElement;
    expect(box.type).toBe("password");
    await fireEvent.input(box, { target: { value: "wrong one here" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByText(wrong.message)).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(onunlocked).not.toHaveBeenCalled();
    await fireEvent.input(box, { target: { value: "correct horse battery" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await vi.waitFor(() => expect(onunlocked).toHaveBeenCalledOnce());
    expect(mocked).toHaveBeenLastCalledWith("unlock", { secret: { kind: "passphrase", text: "correct horse battery" } });
    expect(box.value).toBe("");
  });

  it("unlocks with the recovery code, then offers a new passphrase", async () => {
    mocked.mockResolvedValue(null);
    const onunlocked = vi.fn();
    render(Unlock, { props: { lock: locked, onunlocked } });
    await fireEvent.click(screen.getByRole("button", { name: /use the recovery code/ }));
    await fireEvent.input(screen.getByLabelText("Recovery code"), { target: { value: "ABCDE-FGHJK-MNPQR-STVWX-YZ012" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { name: "Choose a new passphrase" })).toBeTruthy();
    expect(onunlocked).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText("New passphrase"), { target: { value: "a new long passphrase" } });
    await fireEvent.input(screen.getByLabelText("Type it again"), { target: { value: "a new long passphrase" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the new passphrase" }));
    await vi.waitFor(() => expect(onunlocked).toHaveBeenCalledOnce());
    expect(mocked).toHaveBeenCalledWith("change_passphrase", { current: null, passphrase: "a new long passphrase", confirm: "a new long passphrase" });
  });

  it("says why it is locked when the keychain's key or the database failed", () => {
    render(Unlock, { props: { lock: { ...locked, problem: "the database is in use by the mediation-desk command line" }, onunlocked: () => {} } });
    expect(screen.getByRole("alert").textContent).toContain("in use by the mediation-desk command line");
  });
});

describe("Set-up", () => {
  beforeEach(() => mocked.mockReset());

  it("shows the recovery code once and carries on only when it has been kept", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "set_up" ? { code: "ABCDE-FGHJK-MNPQR-STVWX-YZ012" } : null));
    const onunlocked = vi.fn();
    render(SetUp, { props: { lock: { ...locked, database: "new" }, onunlocked } });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "correct horse battery" } });
    await fireEvent.input(screen.getByLabelText("Type it again"), { target: { value: "correct horse battery" } });
    await fireEvent.click(screen.getByRole("button", { name: "Set up" }));
    expect((await screen.findByText("ABCDE-FGHJK-MNPQR-STVWX-YZ012")).id).toBe("recovery-code");
    const carryOn = screen.getByRole("button", { name: "Continue to Mediation Desk" }) as HTMLButtonElement;
    expect(carryOn.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("I have written it down or printed it"));
    expect(carryOn.disabled).toBe(false);
    await fireEvent.click(carryOn);
    expect(onunlocked).toHaveBeenCalledOnce();
  });

  it("says under the second box when the two passphrases differ", async () => {
    const differ = { message: "The two passphrases are not the same: type it again in both boxes", field: "confirm", fields: [], locked: false };
    mocked.mockImplementation(async (cmd) => {
      if (cmd === "set_up") throw differ;
      return null;
    });
    render(SetUp, { props: { lock: { ...locked, database: "plain" }, onunlocked: () => {} } });
    expect(screen.getByRole("heading", { name: "Protect your cases with a passphrase" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Encrypt my cases" }));
    expect(await screen.findByText(differ.message)).toBeTruthy();
    expect(screen.getByLabelText("Type it again").getAttribute("aria-invalid")).toBe("true");
  });
});
