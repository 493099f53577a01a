-- 0005 points: where and when people are served, and their tickets (docs/planning.md).
-- Days are days since 1970-01-01; times are minutes from the day's midnight (a shift that
-- crosses midnight ends after 1440). unit_key is the unit version a point or kit belongs to.
CREATE TABLE points (
    id INTEGER PRIMARY KEY,
    unit_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fixed', 'mobile', 'home')),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    open_from INTEGER,
    open_to INTEGER,
    people_per_kit_hour INTEGER NOT NULL CHECK (people_per_kit_hour > 0),
    UNIQUE (unit_key, name)
);

CREATE TABLE kits (
    serial TEXT PRIMARY KEY
);

-- what happened to a kit, dated: a state (working, broken, in_transit) or where it went (a
-- point, or a unit that holds it); the latest event of each sort on or before a day tells
-- where the kit was and whether it worked that day (ties: the later id)
CREATE TABLE kit_events (
    id INTEGER PRIMARY KEY,
    serial TEXT NOT NULL REFERENCES kits (serial),
    day INTEGER NOT NULL,
    state TEXT CHECK (state IN ('working', 'broken', 'in_transit')),
    point_id INTEGER REFERENCES points (id),
    unit_key TEXT,
    note TEXT NOT NULL DEFAULT '',
    CHECK ((state IS NOT NULL) + (point_id IS NOT NULL OR unit_key IS NOT NULL) = 1)
);
CREATE INDEX kit_events_serial ON kit_events (serial, day, id);

-- a point's shifts, every day unless an override says otherwise
CREATE TABLE shift_templates (
    point_id INTEGER NOT NULL REFERENCES points (id),
    shift_no INTEGER NOT NULL CHECK (shift_no BETWEEN 1 AND 9),
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    PRIMARY KEY (point_id, shift_no)
);

-- one day's change: shift_no 0 closed = the whole day closed; a shift closed; a shift opened
-- with other times (extended) or an extra one
CREATE TABLE shift_overrides (
    point_id INTEGER NOT NULL REFERENCES points (id),
    day INTEGER NOT NULL,
    shift_no INTEGER NOT NULL CHECK (shift_no BETWEEN 0 AND 9),
    closed INTEGER NOT NULL,
    start_min INTEGER NOT NULL DEFAULT 0,
    end_min INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (point_id, day, shift_no)
);

-- one ticket per person: where and when they are expected. home_key is the unit version the
-- person is registered under (tickets are read back by it); plan_unit the unit planned.
CREATE TABLE tickets (
    personal_id INTEGER PRIMARY KEY,
    ticket TEXT NOT NULL UNIQUE,
    plan_unit TEXT NOT NULL,
    seq INTEGER NOT NULL,
    home_key TEXT NOT NULL,
    point_id INTEGER NOT NULL REFERENCES points (id),
    day INTEGER NOT NULL,
    shift_no INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL,
    ease INTEGER NOT NULL,
    residential_group TEXT NOT NULL,
    UNIQUE (plan_unit, seq)
);
CREATE INDEX tickets_home ON tickets (home_key);
CREATE INDEX tickets_slot ON tickets (point_id, day, shift_no);
