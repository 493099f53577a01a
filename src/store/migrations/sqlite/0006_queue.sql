-- 0006 queue: the day's queue at each point of service (docs/queue.md). One row per check-in:
-- number is what the screen calls (1, 2, ... within the point's day); ticket and window_start
-- are the ticket's when checked in by ticket (NULL for a walk-in); times are Unix seconds;
-- called_by and finished_by the account (or "cli:USER") that called and closed the entry.
CREATE TABLE queue_entries (
    id INTEGER PRIMARY KEY,
    point_id INTEGER NOT NULL REFERENCES points (id),
    day INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    personal_id INTEGER NOT NULL,
    ticket TEXT,
    window_start INTEGER,
    checked_in_at INTEGER NOT NULL,
    called_at INTEGER,
    finished_at INTEGER,
    checked_in_by TEXT NOT NULL,
    called_by TEXT,
    finished_by TEXT,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'served', 'no_show')),
    UNIQUE (point_id, day, number)
);
-- a person waits (or is at the desk) in one point's queue at most once a day
CREATE UNIQUE INDEX queue_entries_active ON queue_entries (point_id, day, personal_id)
    WHERE state IN ('waiting', 'called');
CREATE INDEX queue_entries_person ON queue_entries (personal_id);
