// Empty rows of the disagreement resolution form, as the core reads them
// (`DisagreementForm`): the screens add them; the core checks and fills.
import type { DisagreementForm } from "../generated/DisagreementForm";
import type { DrActionForm } from "../generated/DrActionForm";
import type { DrMeetingForm } from "../generated/DrMeetingForm";
import type { DrPartyForm } from "../generated/DrPartyForm";
import type { DrPointForm } from "../generated/DrPointForm";
import { emptyDate, toParts } from "./format";

export const blankParty = (): DrPartyForm => ({ name: "", party_type: null, answer: null, on: emptyDate() });
export const blankMeeting = (): DrMeetingForm => ({ date: emptyDate(), place: "", attended: "", supporters: "", reports_shared: "" });
export const blankPoint = (): DrPointForm => ({ point: "", result: null, remains: "" });
export const blankAction = (): DrActionForm => ({ who: "", what: "", by: emptyDate() });

/** A new request on New call: requested today, one empty party. */
export function blankDisagreement(today: string): DisagreementForm {
  return {
    kind: null, requested_on: toParts(today), about: "", ehc: null, parties: [blankParty()],
    first_contact_on: emptyDate(), la_answer: null, la_on: emptyDate(), family_answer: null, family_on: emptyDate(),
    meetings: [], points: [], actions: [], concluded_on: emptyDate(), linked: "",
  };
}
