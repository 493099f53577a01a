-- 0008 temporary: the people living in a commune under a temporary residence, found by it.
-- A plan of the commune they live in takes them (referred in by the commune they are registered
-- in; docs/planning.md), reading them by temporary_unit. Most people have none: the index leaves
-- them out, and the query says IS NOT NULL so that the planner takes it. (A first import into an
-- empty table drops and rebuilds the citizens' indexes, this one with them: store_bulk.c reads
-- their definitions from the schema.) Mobility `unknown` (docs/registry-csv.md) needs no change:
-- the `immobile` column holds 0 normal, 1 immobile, 2 unknown.
CREATE INDEX citizens_temporary ON citizens (temporary_unit) WHERE temporary_unit IS NOT NULL;
