-- The schema after migration 9 (tests/store_migrations.rs); written by
-- SCHEMA_SNAPSHOT_WRITE=1 cargo test --workspace --test store_migrations

-- index case_access_by_reference on case_access
CREATE INDEX case_access_by_reference ON case_access (reference, id);

-- index case_clocks_by_due on case_clocks
CREATE INDEX case_clocks_by_due ON case_clocks (due_date);

-- index case_other_parties_by_party on case_other_parties
CREATE INDEX case_other_parties_by_party ON case_other_parties (party_id);

-- index cases_by_decision on cases
CREATE INDEX cases_by_decision ON cases (decision_kind);

-- index cases_by_la on cases
CREATE INDEX cases_by_la ON cases (la_id);

-- index cases_by_status on cases
CREATE INDEX cases_by_status ON cases (status, opened_on);

-- index cases_id_order on cases
CREATE INDEX cases_id_order ON cases (id, list_order);

-- index cases_list_order on cases
CREATE INDEX cases_list_order ON cases (list_order);

-- index cases_open_disagreements on cases
CREATE INDEX cases_open_disagreements ON cases (status) WHERE disagreement IS NOT NULL;

-- index certificates_by_reference on certificates
CREATE INDEX certificates_by_reference ON certificates (reference, id);

-- index disposals_by_reference on disposals
CREATE INDEX disposals_by_reference ON disposals (reference);

-- index history_by_reference on history
CREATE INDEX history_by_reference ON history (reference, id);

-- index notes_by_case on notes
CREATE INDEX notes_by_case ON notes (case_id);

-- index people_by_case on people
CREATE INDEX people_by_case ON people (case_id);

-- index people_one_appellant on people
CREATE UNIQUE INDEX people_one_appellant ON people (case_id) WHERE part = 'appellant';

-- index sqlite_autoindex_cases_1 on cases
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_certificates_1 on certificates
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_certificates_2 on certificates
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_certificates_3 on certificates
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_organisations_1 on organisations
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_other_parties_1 on other_parties
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_references_used_1 on references_used
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite, no SQL)

-- index sqlite_autoindex_staff_1 on staff
-- (made by SQLite, no SQL)

-- table case_access on case_access
CREATE TABLE case_access (
    id        INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL
);

-- table case_clocks on case_clocks
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
    child       TEXT NOT NULL, action_description TEXT,
    PRIMARY KEY (case_id, clock_key)
) WITHOUT ROWID;

-- table case_other_parties on case_other_parties
CREATE TABLE case_other_parties (
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    party_id    INTEGER NOT NULL REFERENCES other_parties (id),
    answer      TEXT CHECK (answer IN ('agreed', 'refused')),
    answered_on TEXT,
    PRIMARY KEY (case_id, position),
    CHECK ((answer IS NULL) = (answered_on IS NULL))
) WITHOUT ROWID;

-- table case_search on case_search
CREATE VIRTUAL TABLE case_search USING fts5 (
    reference,
    names,
    organisations,
    notes,
    tokenize = "unicode61 remove_diacritics 2",
    -- Prefix indexes: the first letters typed match many words.
    prefix = '1 2'
);

-- table case_search_config on case_search_config
CREATE TABLE 'case_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table case_search_content on case_search_content
CREATE TABLE 'case_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);

-- table case_search_data on case_search_data
CREATE TABLE 'case_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table case_search_docsize on case_search_docsize
CREATE TABLE 'case_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table case_search_idx on case_search_idx
CREATE TABLE 'case_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table cases on cases
CREATE TABLE cases (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE REFERENCES references_used (reference),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closing_reason TEXT,
    closed_on      TEXT,
    la_id          INTEGER NOT NULL REFERENCES organisations (id),
    icb_id         INTEGER REFERENCES organisations (id),
    decision_kind  TEXT,
    letter_dated   TEXT,
    opened_on      TEXT NOT NULL,
    route          TEXT NOT NULL,
    -- The engine's input, `CaseFacts`, as JSON.
    facts          TEXT NOT NULL CHECK (json_valid(facts)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL, next_due TEXT, list_order TEXT, legacy_reference TEXT, disagreement TEXT CHECK (disagreement IS NULL OR json_valid(disagreement)), disposed_on TEXT,
    CHECK ((status = 'closed') = (closing_reason IS NOT NULL))
);

-- table certificates on certificates
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

-- table disposals on disposals
CREATE TABLE disposals (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL,
    disposed_at  TEXT NOT NULL,
    who          TEXT NOT NULL,
    why          TEXT NOT NULL CHECK (why IN ('retention', 'request')),
    reason       TEXT NOT NULL,
    certificates INTEGER NOT NULL DEFAULT 0
);

-- table history on history
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
);

-- table notes on notes
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    written_at TEXT NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL
);

-- table organisations on organisations
CREATE TABLE organisations (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('local_authority', 'icb')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);

-- table other_parties on other_parties
CREATE TABLE other_parties (
    id   INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('local_authority', 'icb', 'maintained_school', 'maintained_nursery', 'academy',
                                       'early_years_provider', 'post_16_institution', 'independent_school')),
    name TEXT NOT NULL,
    UNIQUE (type, name)
);

-- table people on people
CREATE TABLE "people" (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    part          TEXT NOT NULL CHECK (part IN ('caller', 'child', 'representative', 'appellant')),
    role          TEXT NOT NULL CHECK (role IN ('parent', 'young_person', 'representative', 'child')),
    name          TEXT NOT NULL,
    date_of_birth TEXT,
    position      INTEGER NOT NULL DEFAULT 0,
    -- The appellant's relationship to the child ("grandmother") and a
    -- phone number or email address.
    relationship  TEXT,
    contact       TEXT,
    -- The appellant is the parent or the young person.
    CHECK (part <> 'appellant' OR role IN ('parent', 'young_person'))
);

-- table references_used on references_used
CREATE TABLE references_used (
    reference TEXT PRIMARY KEY,
    issued_at TEXT NOT NULL
);

-- table settings on settings
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- table staff on staff
CREATE TABLE staff (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('adviser', 'mediator')),
    registration TEXT
);

-- trigger certificates_no_delete on certificates
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'an issued certificate is never deleted: void it instead');
END;

-- trigger certificates_no_edit on certificates
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

-- trigger history_no_delete on history
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: its rows cannot be deleted');
END;

-- trigger history_no_update on history
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
WHEN NOT (
    NEW.changes = '[]' AND NEW.id IS OLD.id AND NEW.reference IS OLD.reference AND NEW.at IS OLD.at
    AND NEW.who IS OLD.who AND NEW.action IS OLD.action
    AND EXISTS (SELECT 1 FROM cases c WHERE c.reference = OLD.reference AND c.disposed_on IS NOT NULL)
)
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: its rows cannot be changed');
END;

-- trigger references_never_deleted on references_used
CREATE TRIGGER references_never_deleted BEFORE DELETE ON references_used
BEGIN
    SELECT RAISE(ABORT, 'a reference once issued is never released');
END;
