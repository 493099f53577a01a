-- 0007 staff: officers assigned to points of service, with dates (docs/planning.md). An
-- assignment runs from from_day to to_day inclusive (NULL: open-ended); days since 1970-01-01.
-- An officer lent by another province is assigned the same way: the row says where they
-- worked and when, whatever unit their account is held at.
CREATE TABLE point_staff (
    id INTEGER PRIMARY KEY,
    point_id INTEGER NOT NULL REFERENCES points (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    from_day INTEGER NOT NULL,
    to_day INTEGER,
    note TEXT NOT NULL DEFAULT '',
    CHECK (to_day IS NULL OR to_day >= from_day)
);
CREATE INDEX point_staff_point ON point_staff (point_id, from_day);
CREATE INDEX point_staff_account ON point_staff (account_id, from_day);
