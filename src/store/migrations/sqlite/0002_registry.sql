-- 0002 registry: the citizens of the population registry and the coverage counters kept in
-- the same transaction as every change to them. A citizen keeps the unit version it was
-- registered under (permanent_unit); queries resolve it to the unit in force on their date.
-- Rows that grow with the population carry their province code, so PostgreSQL can partition
-- and later shard them by province without a schema rewrite. Days count from 1970-01-01.
-- The personal ID is kept as a number (its 12 digits fit a 64-bit integer; leading zeros are
-- restored on reading). Rows are appended in arrival order (the rowid) and found by a small
-- integer index on the ID: an import writes the table sequentially instead of scattering
-- wide rows over random pages.
CREATE TABLE citizens (
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
    card_type TEXT NOT NULL CHECK (card_type IN ('', 'chip', 'barcode')),
    card_number TEXT NOT NULL,
    card_issued INTEGER,
    card_expiry INTEGER,
    father_name TEXT NOT NULL,
    mother_name TEXT NOT NULL,
    spouse_name TEXT NOT NULL,
    content_hash INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
-- Indexes are few on purpose: each one costs every insert of a ten-million-row import. (A
-- first import into an empty table drops them and builds them again at its end.)
CREATE UNIQUE INDEX citizens_personal_id ON citizens (personal_id);
CREATE INDEX citizens_unit_name ON citizens (permanent_unit, name_key);
CREATE INDEX citizens_eligible_from ON citizens (eligible_from);
CREATE INDEX citizens_card_issued ON citizens (card_issued);
CREATE INDEX citizens_card_expiry ON citizens (card_expiry);

-- per registered unit version: the people alive, eligible (14 and over), holding a valid chip
-- card and with an application in progress, on coverage_meta.reference_day
CREATE TABLE coverage_counters (
    unit_key TEXT PRIMARY KEY REFERENCES units (unit_key),
    residents INTEGER NOT NULL,
    eligible INTEGER NOT NULL,
    valid_card INTEGER NOT NULL,
    in_progress INTEGER NOT NULL
);

CREATE TABLE coverage_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    reference_day INTEGER NOT NULL
);
