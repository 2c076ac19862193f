-- Migration 2: search as you type over references, names, the LA and
-- notes. One row per case (rowid = cases.id), kept up to date by the store
-- in the same transaction as every change. "Sian" finds "Siân".
CREATE VIRTUAL TABLE case_search USING fts5 (
    reference,
    names,
    organisations,
    notes,
    tokenize = "unicode61 remove_diacritics 2",
    -- Prefix indexes: the first letters typed match many words.
    prefix = '1 2'
);

INSERT INTO case_search (rowid, reference, names, organisations, notes)
SELECT c.id,
       c.reference,
       coalesce((SELECT group_concat(p.name, ' ') FROM people p WHERE p.case_id = c.id), ''),
       coalesce((SELECT group_concat(o.name, ' ') FROM organisations o
                 WHERE o.id = c.la_id OR o.id = c.icb_id), ''),
       coalesce((SELECT group_concat(n.text, ' ') FROM notes n WHERE n.case_id = c.id), '')
FROM cases c;
