-- 0009 applications: the application for a card (hồ sơ) and its life from the desk to the
-- citizen's hand (docs/enrollment.md). One row per application; request_id is the desk's
-- idempotency key (a retry with the same id finds the same row); a person has at most one
-- application open (partial unique index). Times are Unix seconds, days count from 1970-01-01.
-- The personal ID is kept as a number, as in citizens; province is the partition key.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    personal_id INTEGER NOT NULL,
    province TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('first_issue', 'exchange', 'reissue')),
    type_reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected',
        'in_production', 'produced', 'dispatched', 'received', 'delivered', 'returned')),
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    point_id INTEGER REFERENCES points (id),
    queue_entry INTEGER REFERENCES queue_entries (id),
    officer TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    rejection_reason TEXT NOT NULL DEFAULT '',
    revoked_card TEXT NOT NULL DEFAULT '',
    card_number TEXT NOT NULL DEFAULT '',
    -- the unit version whose coverage counters count it "in progress" (from submission to
    -- delivery, rejection or return), NULL when not counted
    progress_unit TEXT REFERENCES units (unit_key)
);
CREATE UNIQUE INDEX applications_open ON applications (personal_id)
    WHERE state NOT IN ('rejected', 'delivered', 'returned');
CREATE INDEX applications_person ON applications (personal_id, id);
CREATE INDEX applications_unit_state ON applications (unit_key, state, id);

-- every change of state, the opening (from_state NULL) included
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX application_events_app ON application_events (application_id, id);

-- the portrait (finger 0) and the ten fingers (1..10) as the desk captured them, already
-- checked and sealed (encrypted) by the caller: the store keeps opaque bytes. A finger that
-- could not be captured has no bytes and an exception (reason code) that a supervisor confirms.
CREATE TABLE biometrics (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    kind TEXT NOT NULL CHECK (kind IN ('portrait', 'finger')),
    finger INTEGER NOT NULL CHECK (finger BETWEEN 0 AND 10),
    attempt INTEGER NOT NULL CHECK (attempt > 0),
    sealed BLOB,
    quality INTEGER,
    exception TEXT NOT NULL DEFAULT '',
    exception_by TEXT NOT NULL DEFAULT '',
    confirmed_by TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    UNIQUE (application_id, kind, finger, attempt)
);

-- changes to the registry record the citizen asks for: proposed, then approved (applied to
-- citizens in the same transaction) or rejected
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    reason TEXT NOT NULL,
    evidence TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'rejected')),
    proposed_by TEXT NOT NULL,
    proposed_at INTEGER NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at INTEGER
);
CREATE INDEX corrections_app ON corrections (application_id, id);

-- each unit's daily figures, moved in the transaction of the change they count: measure
-- 'received' (key: the type), 'received_point' (point kind), 'received_shift', 'received_by'
-- (officer), 'approved', 'rejected', 'produced', 'delivered', 'returned' (key '')
CREATE TABLE application_figures (
    unit_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    measure TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit_key, day, measure, key)
);
