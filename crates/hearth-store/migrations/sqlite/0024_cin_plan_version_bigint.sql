-- A child in need plan's version is read as a 64-bit number, like every other versioned record's.
-- SQLite's INTEGER already is one: nothing changes here (the file keeps both trees in step).
SELECT 1;
