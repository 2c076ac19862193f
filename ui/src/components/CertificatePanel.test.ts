// The certificate section of a case against a mocked core: the form starts
// on the kind the clocks call for and today's date, sends what was chosen,
// shows the lateness the core reported, and voiding needs a reason; staff
// roles are named in the vocabulary's words (issue 12).
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import CertificatePanel from "./CertificatePanel.svelte";
import { save } from "@tauri-apps/plugin-dialog";
import { CaseCertificatesDesk } from "../lib/certificates.svelte";
import { startup, vocabulary } from "../test/vocabulary";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(async () => "/home/rhian/GM-2026-00001.pdf") }));
const mocked = vi.mocked(invoke);

const issued = {
  number: "GM-2026-00001", reference: "MD-2026-0001", child: "Dafydd Jones", local_authority: "Manchester City Council",
  kind: "declined", issued_on: "2026-03-16", issued_by: "Łukasz Nowak", due_on: "2026-03-10", late: true,
  appeal_deadline: "2026-05-05", replaces: null, replaced_by: null, voided_at: null, void_reason: null, voided_by: null,
  sha256: "ab", issued_at: "2026-03-16T10:00:00Z", who: "Test Mediator",
};
const staff = [{ name: "Łukasz Nowak", role: "adviser", registration: "CMC-123456" }];

function core(certificates: unknown[], answers: Record<string, unknown> = {}) {
  mocked.mockImplementation(async (cmd, args) => {
    if (cmd === "case_certificates") return { certificates, suggested_kind: certificates.length ? null : "deemed", staff, today: "2026-03-16" };
    if (cmd in answers) {
      const a = answers[cmd];
      if (a instanceof Error) throw { message: a.message, field: "void_reason", fields: [{ field: "void_reason", message: a.message }] };
      return typeof a === "function" ? a(args) : a;
    }
    return null;
  });
}

describe("Certificates on a case", () => {
  beforeEach(() => mocked.mockReset());

  it("starts on the kind the clocks call for and today, and sends the form", async () => {
    core([], { issue_certificate: { number: "GM-2026-00001", late: null, file: "/data/certificates/GM-2026-00001.pdf" } });
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup() });
    expect(await screen.findByText(/The clocks call for: Issued because mediation could not be arranged/)).toBeTruthy();
    expect((screen.getByLabelText("Kind of certificate") as HTMLSelectElement).value).toBe("deemed");
    expect((screen.getByLabelText("Day") as HTMLInputElement).value).toBe("16");
    await fireEvent.click(screen.getByRole("button", { name: "Issue certificate" }));
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("issue_certificate", expect.anything()));
    const args = mocked.mock.calls.find((c) => c[0] === "issue_certificate")![1] as any;
    expect(args).toEqual({ reference: "MD-2026-0001", form: { kind: "deemed", issued_on: { day: "16", month: "3", year: "2026" }, issued_by: null, resolved: [] } });
    expect(await screen.findByText(/Certificate GM-2026-00001 issued/)).toBeTruthy();
  });

  it("shows the core's lateness warning when a certificate is issued late", async () => {
    core([], { issue_certificate: { number: "GM-2026-00001", file: "/x.pdf",
      late: { due_on: "2026-03-10", issued_on: "2026-03-16", message: "issued late: the certificate was due by Tue 10 Mar 2026 (3 working days), and is dated Mon 16 Mar 2026; the lateness is recorded" } } });
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup() });
    await fireEvent.click(await screen.findByRole("button", { name: "Issue certificate" }));
    const warning = await screen.findByText(/was due by Tue 10 Mar 2026/);
    expect(warning.closest("[role=alert]")).toBeTruthy();
  });

  it("lists an issued certificate with its dates, and hides the form while it is in force", async () => {
    core([issued]);
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup() });
    expect(await screen.findByText("GM-2026-00001")).toBeTruthy();
    expect(screen.getByText(/Issued Mon 16 Mar 2026 by Łukasz Nowak/)).toBeTruthy();
    expect(screen.getByText(/Appeal by Tue 5 May 2026/)).toBeTruthy();
    expect(screen.getByText("Issued late")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Issue certificate" })).toBeNull();
  });

  it("asks for a reason before voiding and shows the core's message in the error summary", async () => {
    core([issued], { void_certificate: new Error("Enter why the certificate is being voided") });
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup() });
    await fireEvent.click(await screen.findByRole("button", { name: "Void…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Void GM-2026-00001" }));
    const link = await screen.findByRole("link", { name: "Enter why the certificate is being voided" });
    expect(link.getAttribute("href")).toBe("#void_reason");
  });

  it("saves a copy where the user chose, saying the dialog and the message that it is a plain copy", async () => {
    core([issued], { save_certificate_as: (a: any) => a.path });
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup() });
    await fireEvent.click(await screen.findByRole("button", { name: "Save as…" }));
    expect(await screen.findByText("Saved GM-2026-00001 as /home/rhian/GM-2026-00001.pdf. That copy is not protected by your passphrase.")).toBeTruthy();
    expect(vi.mocked(save).mock.calls[0][0]?.title).toMatch(/plain PDF: your passphrase does not protect it/);
    expect(mocked).toHaveBeenCalledWith("save_certificate_as", { number: "GM-2026-00001", path: "/home/rhian/GM-2026-00001.pdf" });
  });

  it("names each member of staff's role in the vocabulary's words", async () => {
    core([]);
    const words = {
      ...vocabulary,
      staff_role_words: [{ value: "adviser", label: "adviser (CMC registered)" }, { value: "mediator", label: "the mediator" }],
    };
    render(CertificatePanel, { props: { desk: new CaseCertificatesDesk("MD-2026-0001"), issues: [] }, context: startup(words) });
    const by = (await screen.findByLabelText("Issued by")) as HTMLSelectElement;
    expect(Array.from(by.options).map((o) => o.text)).toEqual([
      "The only adviser (CMC registered) on the staff list",
      "Łukasz Nowak (adviser (CMC registered))",
    ]);
  });
});
