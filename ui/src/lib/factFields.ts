// The facts a person types, as the core's registry describes them (the
// vocabulary's `fact_fields`): a fact's JSON path, its label and its
// inputs. The screens translate a problem's path to its input here, and
// take the New call boxes' labels from it; no field's name or label is
// written out on this side.
import type { FactFieldWords } from "../generated/FactFieldWords";

/** The Case screen's input for a fact's JSON path (`facts.decision.sent_on`
 * is `fact-decision-sent_on`, `facts.meetings[1].date` is `meeting-1`), or
 * none where the fact has no input there. */
export function factInput(fields: FactFieldWords[], path: string): string | undefined {
  const at = [...path.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
  const id = fields.find((f) => f.path === path.replace(/\[\d+\]/g, "[]"))?.id;
  let next = 0;
  return id?.replace(/\{\}/g, () => at[next++] ?? "");
}

/** The label of a fact's box on New call, by the box's id (`call_date`). */
export function newCallLabel(fields: FactFieldWords[], id: string): string {
  return fields.find((f) => f.new_call_id === id)?.new_call_label ?? "";
}
