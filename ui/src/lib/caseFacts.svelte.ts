// One case on the Case screen: the case as the core last sent it, the facts
// form being edited, and the timeline and chart the core previews as the
// facts are typed. The header, the clocks, the chart and the facts editor
// read it; every date and clock in it is the core's (nothing is computed
// here). Notes and closing the case also go through it, as they send back
// the case.
import { api, asError, errorFor, fieldErrors } from "./api";
import { factInput } from "./factFields";
import { emptyDate } from "./format";
import type { AgreementActionKind } from "../generated/AgreementActionKind";
import type { CaseView } from "../generated/CaseView";
import type { Chart } from "../generated/Chart";
import type { FactsForm } from "../generated/FactsForm";
import type { FieldError } from "../generated/FieldError";
import type { Timeline } from "../generated/Timeline";
import type { Vocabulary } from "../generated/Vocabulary";

export class CaseFacts {
  readonly reference: string;
  readonly #vocabulary: Vocabulary;
  /** Called when the case's facts were saved (the certificates may follow). */
  readonly #onsaved: () => void;

  view = $state<CaseView | null>(null);
  /** The case's timeline: the saved one, or the preview of the facts being typed. */
  timeline = $state<Timeline | null>(null);
  chart = $state<Chart | null>(null);
  /** A problem reading the case. */
  error = $state("");

  // The facts form: boxes filled, checked and turned back into facts by the core.
  form = $state<FactsForm | null>(null);
  errors = $state<FieldError[]>([]);
  /** Why the core could not preview the facts as typed. */
  previewError = $state("");
  saved = $state("");

  readonly appeal = $derived(this.timeline?.clocks.find((c) => c.key === "appeal"));
  readonly next = $derived(this.timeline?.clocks.find((c) => c.key === this.timeline?.next_clock));

  #ticket = 0;

  constructor(reference: string, vocabulary: Vocabulary, onsaved: () => void = () => {}) {
    this.reference = reference;
    this.#vocabulary = vocabulary;
    this.#onsaved = onsaved;
  }

  /** The message for one input among the core's problems with the facts
   * (named by the input, or by the fact's path: `facts.decision.sent_on`
   * is `fact-decision-sent_on`), or "". */
  problem = (id: string) =>
    errorFor(this.errors, id) || (this.errors.find((e) => factInput(this.#vocabulary.fact_fields, e.field) === id)?.message ?? "");

  /** The stages of an agreed action of this kind, in the vocabulary's words. */
  stageNames = (kind: AgreementActionKind): string[] =>
    this.#vocabulary.agreement_actions.find((a) => a.value === kind)?.stages ?? ["Done"];

  /** Shows the case as the core sent it, and reads its facts form again. */
  show = (v: CaseView) => {
    this.view = v;
    this.timeline = v.timeline;
    this.chart = v.chart;
    api.factsForm(v.reference).then((f) => (this.form = f)).catch((e) => (this.error = asError(e).message));
  };
  reload = () => api.caseView(this.reference).then(this.show).catch((e) => (this.error = asError(e).message));
  /** A person opens the case (recorded as looked at, beside its history). */
  open = () => api.openCase(this.reference).then(this.show).catch((e) => (this.error = asError(e).message));

  /** The facts changed: the core previews the timeline (only the latest answer shows). */
  changed = () => {
    this.saved = "";
    const mine = ++this.#ticket;
    api.previewFacts(this.reference, $state.snapshot(this.form!) as FactsForm)
      .then((p) => { if (mine === this.#ticket) { this.timeline = p.timeline; this.chart = p.chart; this.previewError = ""; } })
      .catch((e) => { if (mine === this.#ticket) this.previewError = asError(e).message; });
  };
  save = async () => {
    try {
      this.show(await api.saveFacts(this.reference, $state.snapshot(this.form!) as FactsForm));
      this.#onsaved();
      this.saved = "Saved.";
      this.previewError = "";
      this.errors = [];
    } catch (e) {
      this.errors = fieldErrors(e, "facts");
      this.previewError = "";
    }
  };

  addMeeting = () => {
    this.form!.meetings.push({ date: emptyDate(), status: "planned", notice_sent_on: emptyDate() });
  };
  addAgreement = () => {
    this.form!.agreement = { dated: emptyDate(), la_was_party: true, actions: [] };
  };
  addAction = () => {
    const kind: AgreementActionKind = "amend_needs_or_provision";
    this.form!.agreement!.actions.push({ kind, description: "", agreed_due: emptyDate(), done: this.stageNames(kind).map(emptyDate), responsible_body: null });
    this.changed();
  };
  /** An action's kind changed: its stages are those of the new kind, not yet done. */
  actionKindChanged = (i: number) => {
    const action = this.form!.agreement!.actions[i];
    action.done = this.stageNames(action.kind).map(emptyDate);
    this.changed();
  };

  // Notes and closing: the core sends back the case.
  note = $state("");
  closingReason = $state("");
  closeError = $state("");
  addNote = async () => {
    try { this.show(await api.addNote(this.reference, this.note)); this.note = ""; } catch (e) { this.error = asError(e).message; }
  };
  close = async () => {
    try { this.show(await api.closeCase(this.reference, this.closingReason)); this.closingReason = ""; this.closeError = ""; }
    catch (e) { this.closeError = asError(e).message; }
  };
}
