-- 0004 citizens check: the same table, with its card_type check written as comparisons, and
-- partial card indexes.
-- SQLite evaluates a CHECK's IN list of three or more constants through an ephemeral table
-- that every INSERT builds and throws away again (a B-tree and a pager opened and closed a
-- row: about 2.5 microseconds, a third of a registry import's writing); three equalities say
-- the same and cost nothing. SQLite cannot change a CHECK in place: the table is rebuilt,
-- its rows copied in their order (the rowid is kept) and its indexes made again.
CREATE TABLE citizens_0004 (
    id INTEGER PRIMARY KEY,
    personal_id INTEGER NOT NULL,
    province TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    eligible_from INTEGER NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    ethnicity TEXT NOT NULL,
    religion TEXT NOT NULL,
    nationality TEXT NOT NULL,
    place_of_origin TEXT NOT NULL,
    permanent_unit TEXT NOT NULL REFERENCES units (unit_key),
    permanent_address TEXT NOT NULL,
    household_id TEXT NOT NULL,
    relation_to_head TEXT NOT NULL,
    residential_group TEXT NOT NULL,
    temporary_unit TEXT REFERENCES units (unit_key),
    temporary_address TEXT NOT NULL,
    deceased INTEGER NOT NULL,
    immobile INTEGER NOT NULL,
    old_id_number TEXT NOT NULL,
    card_type TEXT NOT NULL CHECK (card_type = '' OR card_type = 'chip' OR card_type = 'barcode'),
    card_number TEXT NOT NULL,
    card_issued INTEGER,
    card_expiry INTEGER,
    father_name TEXT NOT NULL,
    mother_name TEXT NOT NULL,
    spouse_name TEXT NOT NULL,
    content_hash INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO citizens_0004 SELECT * FROM citizens;
DROP TABLE citizens;
ALTER TABLE citizens_0004 RENAME TO citizens;
-- Indexes are few on purpose: each one costs every insert of a ten-million-row import. (A
-- first import into an empty table drops them and builds them again at its end.)
CREATE UNIQUE INDEX citizens_personal_id ON citizens (personal_id);
CREATE INDEX citizens_unit_name ON citizens (permanent_unit, name_key);
CREATE INDEX citizens_eligible_from ON citizens (eligible_from);
-- The card indexes leave out the people without a card (and cards without an expiry): the
-- coverage query that uses them asks for a range, never for NULL, and says so (IS NOT NULL) so
-- that the planner takes them; a first import sorts a third fewer entries for them.
CREATE INDEX citizens_card_issued ON citizens (card_issued) WHERE card_issued IS NOT NULL;
CREATE INDEX citizens_card_expiry ON citizens (card_expiry) WHERE card_expiry IS NOT NULL;
