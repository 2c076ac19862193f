-- Migration 3: the pending clocks of every open case, materialised when
-- the case is saved (and recomputed when the settings or the engine change;
-- removed when the case closes),
-- and each case's next due date for sorting the case list. Whether a
-- pending clock is overdue, due today or upcoming is decided on reading.
CREATE TABLE case_clocks (
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    clock_key   TEXT NOT NULL,
    label       TEXT NOT NULL,
    party_label TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    due_by_time TEXT,
    -- Copied from the case so the Today view reads this table alone.
    reference   TEXT NOT NULL,
    caller      TEXT,
    child       TEXT NOT NULL,
    PRIMARY KEY (case_id, clock_key)
) WITHOUT ROWID;
CREATE INDEX case_clocks_by_due ON case_clocks (due_date);

ALTER TABLE cases ADD COLUMN next_due TEXT;

-- The case list's order as one indexed key: open cases by next due date
-- ('0|2026-04-10|MD-2026-0042'), then open cases with nothing due
-- ('1||MD-...'), then closed cases ('2|MD-...'). Kept by the store.
ALTER TABLE cases ADD COLUMN list_order TEXT;
UPDATE cases SET list_order = CASE WHEN status = 'closed' THEN '2|' || reference
                                   ELSE '1||' || reference END;
CREATE INDEX cases_list_order ON cases (list_order);
-- Covering the sort of search results, so it never reads the (large)
-- case rows.
CREATE INDEX cases_id_order ON cases (id, list_order);
