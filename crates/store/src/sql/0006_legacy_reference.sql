-- Migration 6: a case's reference in the system it was imported from
-- (`OLD-001`), kept beside the reference this app gave it. Searchable:
-- the search index's reference column holds both (see store::search).
ALTER TABLE cases ADD COLUMN legacy_reference TEXT;
