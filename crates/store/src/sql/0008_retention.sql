-- Migration 8: kept only as long as it should be, and who looked.
-- A case anonymised (at the end of its retention, or on a person's
-- request) keeps its counts and its certificates' register rows; its
-- disposal is logged with no personal data. Opening a case is recorded.

ALTER TABLE cases ADD COLUMN disposed_on TEXT;

-- What was disposed of, when, by whom and why: no names, no free text
-- from the case (the reason is the service's, e.g. "retention period
-- ended" or a request's own reference).
CREATE TABLE disposals (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL,
    disposed_at  TEXT NOT NULL,
    who          TEXT NOT NULL,
    why          TEXT NOT NULL CHECK (why IN ('retention', 'request')),
    reason       TEXT NOT NULL,
    certificates INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX disposals_by_reference ON disposals (reference);

-- Who opened a case, and when.
CREATE TABLE case_access (
    id        INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL
);
CREATE INDEX case_access_by_reference ON case_access (reference, id);

-- An issued certificate is still never edited, with one exception: when
-- its case is anonymised, its PDF is destroyed (emptied) and the issues
-- resolved removed; its number, kind, dates and hash stay in the register.
DROP TRIGGER certificates_no_edit;
CREATE TRIGGER certificates_no_edit BEFORE UPDATE ON certificates
WHEN NOT (
    -- Destroying the PDF of an anonymised case, and nothing else.
    length(NEW.pdf) = 0 AND length(OLD.pdf) > 0 AND NEW.resolved = '[]'
    AND NEW.id IS OLD.id AND NEW.number IS OLD.number AND NEW.prefix IS OLD.prefix
    AND NEW.year IS OLD.year AND NEW.seq IS OLD.seq AND NEW.reference IS OLD.reference
    AND NEW.kind IS OLD.kind AND NEW.issued_on IS OLD.issued_on AND NEW.issued_by IS OLD.issued_by
    AND NEW.issued_by_registration IS OLD.issued_by_registration AND NEW.due_on IS OLD.due_on
    AND NEW.late IS OLD.late AND NEW.appeal_deadline IS OLD.appeal_deadline
    AND NEW.replaces IS OLD.replaces AND NEW.sha256 IS OLD.sha256 AND NEW.issued_at IS OLD.issued_at
    AND NEW.who IS OLD.who AND NEW.voided_at IS OLD.voided_at AND NEW.void_reason IS OLD.void_reason
    AND NEW.voided_by IS OLD.voided_by
    AND EXISTS (SELECT 1 FROM cases c WHERE c.reference = OLD.reference AND c.disposed_on IS NOT NULL)
) AND (
       OLD.voided_at IS NOT NULL
    OR NEW.voided_at IS NULL OR NEW.void_reason IS NULL OR NEW.voided_by IS NULL
    OR trim(NEW.void_reason) = ''
    OR NEW.id IS NOT OLD.id
    OR NEW.number IS NOT OLD.number
    OR NEW.prefix IS NOT OLD.prefix
    OR NEW.year IS NOT OLD.year
    OR NEW.seq IS NOT OLD.seq
    OR NEW.reference IS NOT OLD.reference
    OR NEW.kind IS NOT OLD.kind
    OR NEW.issued_on IS NOT OLD.issued_on
    OR NEW.issued_by IS NOT OLD.issued_by
    OR NEW.issued_by_registration IS NOT OLD.issued_by_registration
    OR NEW.resolved IS NOT OLD.resolved
    OR NEW.due_on IS NOT OLD.due_on
    OR NEW.late IS NOT OLD.late
    OR NEW.appeal_deadline IS NOT OLD.appeal_deadline
    OR NEW.replaces IS NOT OLD.replaces
    OR NEW.pdf IS NOT OLD.pdf
    OR NEW.sha256 IS NOT OLD.sha256
    OR NEW.issued_at IS NOT OLD.issued_at
    OR NEW.who IS NOT OLD.who
)
BEGIN
    SELECT RAISE(ABORT, 'an issued certificate is never edited: it can only be voided, once, with a reason');
END;

-- The history stays append-only, with one exception: when its case is
-- anonymised, the values each entry recorded (names, dates of birth,
-- notes) are removed; who did what, and when, stays.
DROP TRIGGER history_no_update;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
WHEN NOT (
    NEW.changes = '[]' AND NEW.id IS OLD.id AND NEW.reference IS OLD.reference AND NEW.at IS OLD.at
    AND NEW.who IS OLD.who AND NEW.action IS OLD.action
    AND EXISTS (SELECT 1 FROM cases c WHERE c.reference = OLD.reference AND c.disposed_on IS NOT NULL)
)
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: its rows cannot be changed');
END;
