-- Migration 5: the appellant. A representative who rings (an advocate, a
-- SENDIASS adviser, a solicitor) acts for the parent or young person whose
-- right the appeal is (CFA 2014 s.51); that person is recorded as a party
-- of its own, `part = 'appellant'`, with their relationship to the child
-- and a contact. SQLite cannot change a CHECK, so the table is rebuilt
-- with the same rows (and ids); nothing else refers to it.
CREATE TABLE people_new (
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
INSERT INTO people_new (id, case_id, part, role, name, date_of_birth, position)
SELECT id, case_id, part, role, name, date_of_birth, position FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_by_case ON people (case_id);
-- One appellant a case.
CREATE UNIQUE INDEX people_one_appellant ON people (case_id) WHERE part = 'appellant';
