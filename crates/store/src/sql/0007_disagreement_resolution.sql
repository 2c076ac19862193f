-- Migration 7: disagreement resolution, a case type of its own
-- (Children and Families Act 2014 s.57). A disagreement resolution case
-- has no decision letter: the Rust step of this migration lets
-- cases.letter_dated be empty (a mediation case still needs it: the store
-- checks that on every save).

-- The other parties: organisations of a type, named once and reused
-- across cases, like the local authorities.
CREATE TABLE other_parties (
    id   INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('local_authority', 'icb', 'maintained_school', 'maintained_nursery', 'academy',
                                       'early_years_provider', 'post_16_institution', 'independent_school')),
    name TEXT NOT NULL,
    UNIQUE (type, name)
);

-- Each case's other parties, in order, each with its answer to the
-- request (agreed to take part, or refused) and when.
CREATE TABLE case_other_parties (
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    party_id    INTEGER NOT NULL REFERENCES other_parties (id),
    answer      TEXT CHECK (answer IN ('agreed', 'refused')),
    answered_on TEXT,
    PRIMARY KEY (case_id, position),
    CHECK ((answer IS NULL) = (answered_on IS NULL))
) WITHOUT ROWID;
CREATE INDEX case_other_parties_by_party ON case_other_parties (party_id);

-- The rest of a disagreement resolution case (its kind, the request, the
-- EHC answer, the events and the outcome) as JSON, without the other
-- parties; NULL for every other case.
ALTER TABLE cases ADD COLUMN disagreement TEXT CHECK (disagreement IS NULL OR json_valid(disagreement));

-- The open disagreement resolution cases, for the service's targets on Today.
CREATE INDEX cases_open_disagreements ON cases (status) WHERE disagreement IS NOT NULL;
