// A vocabulary as the core sends it, for component tests.
import type { Vocabulary } from "../generated/Vocabulary";
import { startupContext } from "../lib/startup";

export const vocabulary: Vocabulary = {
  readings: [],
  agreement_actions: [{ value: "non_appealable", label: "Something the family could not appeal (e.g. health or social care provision)", stages: ["Carry out the agreed action"] }],
  decisions: [
    { value: "refuse_to_assess", label: "Refusal to carry out an EHC needs assessment" },
    { value: "plan_contents", label: "The contents of the EHC plan" },
  ],
  issues: [{ value: "placement_i", label: "Section I: placement" }],
  routes: [{ value: "certificate_needed", label: "Certificate needed" }],
  letter_items: [{ value: "adviser_contact", label: "the mediation adviser's contact details" }],
  caller_roles: [
    { value: "parent", label: "Parent or carer (anyone with parental responsibility or care of the child)" },
    { value: "young_person", label: "Young person (over compulsory school age, under 25)" },
    { value: "representative", label: "Representative acting for them (an advocate, SENDIASS adviser, solicitor)" },
  ],
  caller_role_words: [
    { value: "parent", label: "parent" },
    { value: "young_person", label: "young person" },
    { value: "representative", label: "representative" },
  ],
  appellant_roles: [
    { value: "parent", label: "Parent or carer (anyone with parental responsibility or care of the child)" },
    { value: "young_person", label: "Young person (over compulsory school age, under 25)" },
  ],
  certificate_kinds: [
    { value: "declined", label: "Issued after mediation advice: mediation declined" },
    { value: "withdrawn", label: "Issued after mediation advice: mediation not pursued" },
    { value: "deemed", label: "Issued because mediation could not be arranged within 30 days" },
    { value: "after_mediation", label: "Issued after mediation" },
  ],
  responsible_bodies: [
    { value: "local_authority", label: "The local authority (e.g. social care)" },
    { value: "icb", label: "The integrated care board (e.g. health care)" },
  ],
  staff_roles: [{ value: "adviser", label: "Mediation adviser" }, { value: "mediator", label: "Mediator" }],
  staff_role_words: [{ value: "adviser", label: "mediation adviser" }, { value: "mediator", label: "mediator" }],
  meeting_statuses: [
    { value: "planned", label: "Planned" }, { value: "held", label: "Held" },
    { value: "postponed", label: "Postponed" }, { value: "cancelled", label: "Cancelled" },
  ],
  history_actions: [
    { value: "created", label: "created" }, { value: "note_added", label: "note added" },
    { value: "exemption_letter_written", label: "exemption letter written" },
  ],
  legacy_reference: "Old reference",
  disagreement: {
    kinds: [
      { value: "duties", label: "How the LA, a school, college, nursery or early years setting is carrying out its duties for a child with SEN" },
      { value: "provision", label: "The special educational provision a school, college or early years setting is making" },
    ],
    party_types: [{ value: "maintained_school", label: "Maintained school" }, { value: "icb", label: "Integrated care board (ICB)" }],
    ehc: [{ value: "ehc_plan", label: "Has an EHC plan" }, { value: "neither", label: "Neither: no EHC plan and no assessment" }],
    la_answers: [{ value: "engaged", label: "Engaged: the LA takes the request forward" }, { value: "declined", label: "Declined" }],
    party_answers: [{ value: "agreed", label: "Agreed to take part" }, { value: "refused", label: "Refused to take part" }],
    point_results: [{ value: "resolved", label: "Resolved" }, { value: "partly_resolved", label: "Partly resolved" }, { value: "not_resolved", label: "Not resolved" }],
    services: [
      { value: "mediation_advice", label: "Mediation advice before an appeal (an LA decision letter)" },
      { value: "disagreement_resolution", label: "Disagreement resolution (no decision letter needed)" },
    ],
    targets_note: "The service's own targets, not the law: disagreement resolution has no statutory timescale. They can be changed or turned off in Settings.",
    no_clock_note: "No statutory clock: disagreement resolution is voluntary",
  },
  fact_fields: [
    { path: "facts.decision.letter_dated", label: "Date on the letter", id: "fact-decision-letter_dated", new_call_id: "letter_dated", new_call_label: "Date on the letter" },
    { path: "facts.decision.sent_on", label: "Date the letter was sent", id: "fact-decision-sent_on", new_call_id: "sent_on", new_call_label: "Date the letter was sent" },
    { path: "facts.first_contact_on", label: "First contact with the adviser", id: "fact-first_contact_on", new_call_id: "call_date", new_call_label: "Date of this call" },
    { path: "facts.declined_on", label: "Family said they do not wish to mediate", id: "fact-declined_on", new_call_id: null, new_call_label: null },
    { path: "facts.decision.kind", label: "Decision", id: null, new_call_id: "decision_kind", new_call_label: "Decision" },
    { path: "facts.issues", label: "What the family disagrees with", id: null, new_call_id: "issues", new_call_label: "What the family disagrees with" },
    { path: "facts.meetings[].date", label: "Meeting {}", id: "meeting-{}", new_call_id: null, new_call_label: null },
    { path: "facts.meetings[].notice_sent_on", label: "Meeting {}: date notice was sent", id: "meeting-{}-notice", new_call_id: null, new_call_label: null },
  ],
};

/** The startup context (lib/startup.ts) the screens read, as App sets it,
 * with `words` as the core's vocabulary and `today` as its today. */
export function startup(words: Vocabulary = vocabulary, today = "2026-03-16"): Map<unknown, unknown> {
  return startupContext({ today, user: "Test Mediator", vocabulary: words });
}
