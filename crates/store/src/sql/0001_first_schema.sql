-- Migration 1: the first schema.

-- Settings: one row per key, the value as JSON.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Local authorities and ICBs, named once and reused across cases.
CREATE TABLE organisations (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('local_authority', 'icb')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);

-- The service's own people.
CREATE TABLE staff (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('adviser', 'mediator')),
    registration TEXT
);

-- Every reference ever given out: a reference is never reused, even after
-- its case is deleted.
CREATE TABLE references_used (
    reference TEXT PRIMARY KEY,
    issued_at TEXT NOT NULL
);

CREATE TABLE cases (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE REFERENCES references_used (reference),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closing_reason TEXT,
    closed_on      TEXT,
    la_id          INTEGER NOT NULL REFERENCES organisations (id),
    icb_id         INTEGER REFERENCES organisations (id),
    decision_kind  TEXT,
    letter_dated   TEXT NOT NULL,
    opened_on      TEXT NOT NULL,
    route          TEXT NOT NULL,
    -- The engine's input, `CaseFacts`, as JSON.
    facts          TEXT NOT NULL CHECK (json_valid(facts)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((status = 'closed') = (closing_reason IS NOT NULL))
);
CREATE INDEX cases_by_status ON cases (status, opened_on);
CREATE INDEX cases_by_la ON cases (la_id);
CREATE INDEX cases_by_decision ON cases (decision_kind);

-- The parties: the caller (parent, young person or representative), the
-- child or young person, and any representatives.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    part          TEXT NOT NULL CHECK (part IN ('caller', 'child', 'representative')),
    role          TEXT NOT NULL CHECK (role IN ('parent', 'young_person', 'representative', 'child')),
    name          TEXT NOT NULL,
    date_of_birth TEXT,
    position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_by_case ON people (case_id);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    written_at TEXT NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX notes_by_case ON notes (case_id);

-- Append-only: who changed what, when. Keyed by reference (not a foreign
-- key) so the record outlives a deleted case.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
);
CREATE INDEX history_by_reference ON history (reference, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: its rows cannot be changed');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only: its rows cannot be deleted');
END;

CREATE TRIGGER references_never_deleted BEFORE DELETE ON references_used
BEGIN
    SELECT RAISE(ABORT, 'a reference once issued is never released');
END;
