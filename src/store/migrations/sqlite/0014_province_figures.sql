-- The daily application figures summed per province version, kept beside the figures of each
-- unit version in the same transaction (store_rollup.c), so the country's dashboard and report
-- read a row per province and day instead of one per commune and day (docs/progress.md, "The
-- one-pass read"). A unit version's province is the top of its parent chain in `units`.
CREATE TABLE application_figures_province (
    province_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    measure TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (province_key, day, measure, key)
);
INSERT INTO application_figures_province (province_key, day, measure, key, n)
SELECT COALESCE(p2.unit_key, p1.unit_key, u.unit_key), f.day, f.measure, f.key, SUM(f.n)
FROM application_figures f
JOIN units u ON u.unit_key = f.unit_key
LEFT JOIN units p1 ON p1.unit_key = u.parent_key
LEFT JOIN units p2 ON p2.unit_key = p1.parent_key
GROUP BY COALESCE(p2.unit_key, p1.unit_key, u.unit_key), f.day, f.measure, f.key;
