-- 0010 production: the card centre's batches (docs/production.md). A batch takes approved
-- applications of a unit's subtree; each becomes a card row with its number, marked produced
-- once its files are written (exactly once: a batch interrupted midway resumes from the cards
-- not yet produced). A card's issue date and expiry are those of the day it is produced (NULL
-- before; expiry NULL after: no expiry). Produced cards leave in one manifest per receiving
-- unit, which that unit confirms. Times are Unix seconds, days count from 1970-01-01.
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    unit_code TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'dispatched')),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE manifests (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    cards INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    received_at INTEGER,
    received_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX manifests_batch ON manifests (batch_id, unit_key);
CREATE INDEX manifests_unit ON manifests (unit_key, id);

CREATE TABLE batch_cards (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    card_number TEXT NOT NULL,
    issued INTEGER,
    expiry INTEGER,
    produced_at INTEGER,
    sod_sha256 TEXT NOT NULL DEFAULT '',
    manifest_id INTEGER REFERENCES manifests (id)
);
CREATE INDEX batch_cards_batch ON batch_cards (batch_id, application_id);
