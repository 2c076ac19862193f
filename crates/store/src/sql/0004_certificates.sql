-- Migration 4: the certificate register. One row per certificate issued,
-- with the exact PDF bytes handed out and their SHA-256. A certificate is
-- never edited or deleted: the only change allowed is voiding it, once
-- (voided_at and void_reason set together). A correction voids the old
-- one and issues a new number that names it in `replaces`.
--
-- Numbers are `<prefix>-<year>-<seq>` with a five-digit sequence that
-- restarts each year (the year of the date of issue) and each prefix. The
-- next number is one more than the highest `seq` for the prefix and year,
-- read in the same (immediate) transaction that inserts the row: since
-- rows are never deleted, numbers have no gaps and no duplicates, and a
-- failed issue uses none.
CREATE TABLE certificates (
    id                     INTEGER PRIMARY KEY,
    number                 TEXT NOT NULL UNIQUE,
    prefix                 TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    seq                    INTEGER NOT NULL CHECK (seq >= 1),
    -- The case's reference (not a foreign key: the register outlives a
    -- deleted case, like the history).
    reference              TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('declined', 'withdrawn', 'deemed', 'after_mediation')),
    issued_on              TEXT NOT NULL,
    issued_by              TEXT NOT NULL,
    issued_by_registration TEXT NOT NULL,
    -- The issues recorded as resolved (after mediation), as a JSON list.
    resolved               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(resolved)),
    -- The engine's due date for this kind, and whether the date of issue
    -- was after it.
    due_on                 TEXT,
    late                   INTEGER NOT NULL CHECK (late IN (0, 1)),
    -- The appeal deadline printed on the certificate.
    appeal_deadline        TEXT NOT NULL,
    replaces               TEXT UNIQUE REFERENCES certificates (number),
    pdf                    BLOB NOT NULL,
    sha256                 TEXT NOT NULL CHECK (length(sha256) = 64),
    issued_at              TEXT NOT NULL,
    who                    TEXT NOT NULL,
    voided_at              TEXT,
    void_reason            TEXT,
    voided_by              TEXT,
    UNIQUE (prefix, year, seq),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
    CHECK ((voided_at IS NULL) = (voided_by IS NULL))
);
CREATE INDEX certificates_by_reference ON certificates (reference, id);

CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'an issued certificate is never deleted: void it instead');
END;

-- The only update allowed: setting voided_at, void_reason and voided_by on
-- a certificate that is not yet void, changing nothing else.
CREATE TRIGGER certificates_no_edit BEFORE UPDATE ON certificates
WHEN OLD.voided_at IS NOT NULL
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
BEGIN
    SELECT RAISE(ABORT, 'an issued certificate is never edited: it can only be voided, once, with a reason');
END;
