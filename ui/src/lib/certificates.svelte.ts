// A case's certificates, shared by the parts of the certificate panel (the
// list with each certificate's void and re-issue forms, the form to issue
// one, the exemption letter): what the core holds, what is being typed, and
// the core's answers. Every check is the core's; this only asks and keeps
// its answers. The Case screen makes one and reloads it when the case's
// facts or people are saved (the kind the clocks call for may change).
import { save } from "@tauri-apps/plugin-dialog";
import { api, asError, errorFor, fieldErrors } from "./api";
import { emptyDate, toParts } from "./format";
import type { CaseCertificates } from "../generated/CaseCertificates";
import type { CertificateIssued } from "../generated/CertificateIssued";
import type { CertificateKind } from "../generated/CertificateKind";
import type { CertificateRecord } from "../generated/CertificateRecord";
import type { DateParts } from "../generated/DateParts";
import type { FieldError } from "../generated/FieldError";
import type { Issue } from "../generated/Issue";

/** What is said of a PDF opened to print or preview. */
export const TEMPORARY = "The copy opened is temporary: it is removed when Mediation Desk locks or closes.";
/** The title of the "Save as…" dialog: the one way to keep a plain copy. */
export const SAVE_AS_TITLE = "Save a copy of the certificate (a plain PDF: your passphrase does not protect it)";

export class CaseCertificatesDesk {
  readonly reference: string;
  /** Called after anything that changes the case (its clocks, history). */
  readonly #onchange: () => void;

  data = $state<CaseCertificates | null>(null);
  // The issue form.
  kind = $state<CertificateKind>("declined");
  issuedOn = $state<DateParts>(emptyDate());
  issuedBy = $state("");
  resolved = $state<Issue[]>([]);
  // The certificate being voided or re-issued (its number), and their forms.
  voiding = $state("");
  voidReason = $state("");
  reissuing = $state("");
  reissueOn = $state<DateParts>(emptyDate());
  // The exemption letter's form.
  letterOn = $state<DateParts>(emptyDate());
  signedBy = $state("");
  // The core's answers.
  errors = $state<FieldError[]>([]);
  message = $state("");
  late = $state("");

  /** Whether a certificate is in force: then no other is issued. */
  readonly inForce = $derived(this.data?.certificates.some((c) => !c.voided_at) ?? false);

  constructor(reference: string, onchange: () => void = () => {}) {
    this.reference = reference;
    this.#onchange = onchange;
  }

  /** The message for one field among the core's problems, or "". */
  problem = (field: string) => errorFor(this.errors, field);

  /** Reads the case's certificates; the forms start on the kind the clocks call for, dated today. */
  load = async () => {
    try {
      const d = await api.caseCertificates(this.reference);
      this.data = d;
      if (d.suggested_kind) this.kind = d.suggested_kind;
      this.issuedOn = toParts(d.today);
      this.reissueOn = toParts(d.today);
      this.letterOn = toParts(d.today);
    } catch (e) {
      this.message = asError(e).message;
    }
  };

  #form() {
    return { kind: this.kind, issued_on: $state.snapshot(this.issuedOn), issued_by: this.issuedBy || null, resolved: $state.snapshot(this.resolved) };
  }
  #failed(e: unknown) {
    this.errors = fieldErrors(e, "certificate-form");
  }
  #done(text: string, result: CertificateIssued | null = null) {
    this.errors = [];
    this.message = text;
    this.late = result?.late?.message ?? "";
  }
  async #changed() {
    await this.load();
    this.#onchange();
  }

  preview = async () => {
    try {
      const p = await api.previewCertificate(this.reference, this.#form());
      this.#done(`Preview opened. Nothing has been issued. ${TEMPORARY}`, p);
    } catch (e) { this.#failed(e); }
  };
  issue = async () => {
    try {
      const r = await api.issueCertificate(this.reference, this.#form());
      this.#done(`Certificate ${r.number} issued. Open to print to print it; Save as… keeps a copy.`, r);
      await this.#changed();
    } catch (e) { this.#failed(e); }
  };
  writeLetter = async () => {
    try {
      await api.exemptionLetter(this.reference, $state.snapshot(this.letterOn), this.signedBy || null);
      this.#done(`Exemption letter written and opened to print. ${TEMPORARY}`);
      this.#onchange();
    } catch (e) { this.#failed(e); }
  };
  openPdf = async (c: CertificateRecord) => {
    try { await api.openCertificate(c.number); this.#done(`Opened ${c.number} to print. ${TEMPORARY}`); } catch (e) { this.#failed(e); }
  };
  saveAs = async (c: CertificateRecord) => {
    const path = await save({ title: SAVE_AS_TITLE, defaultPath: `${c.number}.pdf`, filters: [{ name: "PDF", extensions: ["pdf"] }] });
    if (!path) return;
    try { this.#done(`Saved ${c.number} as ${await api.saveCertificateAs(c.number, path)}. That copy is not protected by your passphrase.`); } catch (e) { this.#failed(e); }
  };

  startVoid = (c: CertificateRecord) => { this.voiding = c.number; this.reissuing = ""; };
  startReissue = (c: CertificateRecord) => { this.reissuing = c.number; this.voiding = ""; };
  confirmVoid = async (c: CertificateRecord) => {
    try {
      await api.voidCertificate(c.number, this.voidReason);
      this.voiding = ""; this.voidReason = "";
      this.#done(`Certificate ${c.number} voided. It stays in the register; its clocks no longer count.`);
      await this.#changed();
    } catch (e) { this.#failed(e); }
  };
  confirmReissue = async (c: CertificateRecord) => {
    try {
      const r = await api.reissueCertificate(c.number, $state.snapshot(this.reissueOn));
      this.reissuing = "";
      this.#done(`Certificate ${r.number} issued, replacing ${c.number}. Open to print to print it; Save as… keeps a copy.`, r);
      await this.#changed();
    } catch (e) { this.#failed(e); }
  };
}
