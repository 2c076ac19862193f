import { describe, expect, it } from "vitest";
import { factInput, newCallLabel } from "./factFields";
import { vocabulary } from "../test/vocabulary";

describe("the facts' fields from the core's registry", () => {
  it("maps a problem's JSON path to the Case screen's input", () => {
    expect(factInput(vocabulary.fact_fields, "facts.decision.sent_on")).toBe("fact-decision-sent_on");
    expect(factInput(vocabulary.fact_fields, "facts.meetings[2].notice_sent_on")).toBe("meeting-2-notice");
    expect(factInput(vocabulary.fact_fields, "facts.decision.kind")).toBeUndefined();
    expect(factInput(vocabulary.fact_fields, "child.date_of_birth")).toBeUndefined();
  });
  it("labels New call's boxes", () => {
    expect(newCallLabel(vocabulary.fact_fields, "call_date")).toBe("Date of this call");
  });
});
