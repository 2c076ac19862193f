// A vocabulary as the core sends it, for component tests.
import type { Vocabulary } from "../generated/Vocabulary";

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
  legacy_reference: "Old reference",
};
