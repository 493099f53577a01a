-- 0012 advice: proposals to move a kit or an officer from one unit to another so more units
-- meet their quota's deadline (docs/advice.md), and the pairs of neighbouring provinces the
-- advice may borrow from. A proposal is made on a day for the unit advised (unit_key); a new
-- advice run for that unit marks its open proposals 'replaced'. Accepting one records the
-- transfer (kit events, officer assignments) and sets state, decided_by and decided_at.
-- numbers is the JSON of the figures behind the reason. Days count from 1970-01-01, times are
-- Unix seconds.
CREATE TABLE advice_proposals (
    id INTEGER PRIMARY KEY,
    unit_key TEXT NOT NULL,
    made_day INTEGER NOT NULL,
    made_at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('kit', 'officer', 'kit+officer')),
    from_key TEXT NOT NULL,
    to_key TEXT NOT NULL,
    serial TEXT NOT NULL DEFAULT '',
    username TEXT NOT NULL DEFAULT '',
    staff_id INTEGER NOT NULL DEFAULT 0,
    to_point INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    numbers TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'dismissed', 'replaced')),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX advice_proposals_unit ON advice_proposals (unit_key, state);

-- Neighbouring provinces by code, each pair once with a < b (cccd neighbours import).
CREATE TABLE province_neighbours (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
