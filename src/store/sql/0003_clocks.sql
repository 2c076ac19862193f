-- Migration 3: the pending clocks of every open case, materialised when
-- the case is saved (and recomputed when the settings or the engine change),
-- and each case's next due date for sorting the case list. Whether a
-- pending clock is overdue, due today or upcoming is decided on reading.
CREATE TABLE case_clocks (
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    clock_key   TEXT NOT NULL,
    label       TEXT NOT NULL,
    party_label TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    due_by_time TEXT,
    PRIMARY KEY (case_id, clock_key)
) WITHOUT ROWID;
CREATE INDEX case_clocks_by_due ON case_clocks (due_date);

ALTER TABLE cases ADD COLUMN next_due TEXT;
CREATE INDEX cases_by_next_due ON cases (status, next_due);
-- Covering the case list's sort, so sorting search results never reads
-- the (large) case rows.
CREATE INDEX cases_order ON cases (id, status, next_due, reference);
