-- 0001 units: the administrative units as versions (code + period in force), the dated
-- events between them, and the source documents they were built from (replayed in order to
-- rebuild the model in memory). Days are counted from 1970-01-01.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE unit_sources (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('list', 'reform')),
    effective INTEGER,
    digest TEXT NOT NULL,
    document TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE units (
    unit_key TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    name_key TEXT NOT NULL,
    bare_key TEXT NOT NULL,
    valid_from INTEGER,
    valid_to INTEGER,
    parent_key TEXT REFERENCES units (unit_key) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX units_code ON units (code, level);
CREATE INDEX units_bare_key ON units (bare_key);
CREATE INDEX units_parent ON units (parent_key);

CREATE TABLE unit_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    date INTEGER NOT NULL
);

CREATE TABLE unit_event_links (
    event_id INTEGER NOT NULL REFERENCES unit_events (id),
    role TEXT NOT NULL CHECK (role IN ('from', 'to')),
    unit_key TEXT NOT NULL REFERENCES units (unit_key),
    PRIMARY KEY (event_id, role, unit_key)
);
CREATE INDEX unit_event_links_unit ON unit_event_links (unit_key);
