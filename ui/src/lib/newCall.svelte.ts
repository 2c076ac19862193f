// A call being logged on New call: the form as typed, the clocks the core
// previews for it as it is typed, and the core's answer when it is saved.
// The form and the preview beside it (CallPreview) read it; the dates and
// clocks are the core's.
import { api, asError, errorFor } from "./api";
import { blankDisagreement } from "./disagreement";
import { emptyDate, toParts } from "./format";
import type { FieldError } from "../generated/FieldError";
import type { NewCallForm } from "../generated/NewCallForm";
import type { Timeline } from "../generated/Timeline";

/** A new call, dated `today` (the core's today). */
export function blankCall(today: string): NewCallForm {
  return {
    service: "mediation_advice",
    caller_role: "parent",
    caller_name: "",
    appellant_name: "",
    appellant_role: "parent",
    appellant_relationship: "",
    appellant_contact: "",
    child_name: "",
    child_date_of_birth: emptyDate(),
    local_authority: "",
    decision_kind: null,
    issues: [],
    letter_dated: emptyDate(),
    sent_on: emptyDate(),
    call_date: toParts(today),
    letter_missing: [],
    note: "",
    disagreement: blankDisagreement(today),
  };
}

export class CallDraft {
  form = $state<NewCallForm>() as NewCallForm;
  /** The clocks the core previews for the call as typed. */
  preview = $state<Timeline | null>(null);
  /** The local authorities already known, offered as the LA is typed. */
  localAuthorities = $state<string[]>([]);
  errors = $state<FieldError[]>([]);
  saving = $state(false);
  saveError = $state("");
  /** Disagreement resolution asks for its request instead of a decision letter. */
  readonly resolution = $derived(this.form.service === "disagreement_resolution");

  #ticket = 0;

  constructor(today: string) {
    this.form = blankCall(today);
  }

  /** The message for one field among the core's problems, or "". */
  problem = (field: string) => errorFor(this.errors, field);

  loadLocalAuthorities = () => {
    api.localAuthorities().then((l) => (this.localAuthorities = l)).catch(() => {});
  };

  /** Asks the core for the call's clocks (only the latest answer shows). */
  refresh = () => {
    const mine = ++this.#ticket;
    api.previewCall($state.snapshot(this.form) as NewCallForm).then((t) => { if (mine === this.#ticket) this.preview = t; }).catch(() => {});
  };

  /** Logs the call; its reference, or null with the core's problems kept. */
  save = async (): Promise<string | null> => {
    this.saving = true;
    this.saveError = "";
    try {
      const reference = await api.logCall($state.snapshot(this.form) as NewCallForm);
      this.errors = [];
      return reference;
    } catch (e) {
      const err = asError(e);
      if (err.fields.length) this.errors = err.fields;
      else { this.errors = err.field ? [{ field: err.field, message: err.message }] : []; this.saveError = err.field ? "" : err.message; }
      return null;
    } finally {
      this.saving = false;
    }
  };
}
