-- A child in need plan's version is read as a 64-bit number, like every other versioned record's
-- (0021 made it a 32-bit integer, which the stale-write check could not read back).
ALTER TABLE cin_plans ALTER COLUMN version TYPE bigint;
