// What anonymising a case removes and keeps, in the words the Retention
// screen's and the Case screen's confirmations use (the store's account
// of it: crates/store/src/retention.rs).
export const REMOVED =
  "the names of the child, the caller, the person they act for and any representative; dates of birth; contact details; notes; the free text of the facts and of a disagreement record; the values the history recorded; and the certificates' PDFs (destroyed).";
export const KEPT =
  "the reference, local authority, decision, route, outcome and dates, and each certificate's number, kind and dates in the register, so that reports and numbering stay whole. The disposal log records the case, when, who did it and why, with no names.";
