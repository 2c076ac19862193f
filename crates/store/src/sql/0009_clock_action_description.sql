-- Migration 9: an agreed action's description beside its materialised
-- clock, for the Today view. The clock's label no longer carries it (the
-- label is fixed wording, safe for the calendar and the pseudonymised
-- log); the description is the mediator's own free text, shown only in
-- the app. Null for every other clock. Filled when the clocks are next
-- computed (the migration clears the rules' mark, so opening recomputes).
ALTER TABLE case_clocks ADD COLUMN action_description TEXT;
