-- 0011 campaigns: quotas, campaigns and incidents (docs/progress.md). A quota is a target
-- count and a deadline day given to a unit version (by its key) by its parent's commander; a
-- new one for the same unit replaces it (current = 0 on the old row, kept as history). A
-- campaign is a named period (from_day..to_day inclusive) over a unit's subtree with its own
-- target. An incident is a difficulty a unit reports; the inspection team assigns, answers
-- and closes it. Times are Unix seconds, days count from 1970-01-01.
CREATE TABLE quotas (
    id INTEGER PRIMARY KEY,
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    target INTEGER NOT NULL CHECK (target >= 0),
    deadline INTEGER NOT NULL,
    set_by TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    current INTEGER NOT NULL CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX quotas_current ON quotas (unit_key) WHERE current = 1;
CREATE INDEX quotas_unit ON quotas (unit_key, id);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    from_day INTEGER NOT NULL,
    to_day INTEGER NOT NULL CHECK (to_day >= from_day),
    target INTEGER NOT NULL CHECK (target >= 0),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    kind TEXT NOT NULL CHECK (kind IN ('kit_broken', 'network_down', 'data_error', 'crowding',
                                       'other')),
    place TEXT NOT NULL,
    note TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'assigned', 'answered', 'closed')),
    assignee TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    closed_at INTEGER
);
CREATE INDEX incidents_state ON incidents (state, id);
