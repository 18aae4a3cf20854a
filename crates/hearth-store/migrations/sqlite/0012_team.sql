-- Issue 13: a worker's full-time equivalent (hundredths: 100 is full time) for the team view's
-- caseload per FTE, and cover while a worker is away.
ALTER TABLE users ADD COLUMN fte_hundredths INTEGER NOT NULL DEFAULT 100
    CONSTRAINT users_fte CHECK (fte_hundredths BETWEEN 1 AND 100);
CREATE TABLE cover (
    id BLOB PRIMARY KEY,
    absent_worker BLOB NOT NULL REFERENCES users(id),
    covering_worker BLOB NOT NULL REFERENCES users(id),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL,
    CHECK (to_date >= from_date),
    CHECK (absent_worker <> covering_worker)
) STRICT;
CREATE INDEX cover_covering ON cover(covering_worker, from_date, to_date);
CREATE INDEX cover_absent ON cover(absent_worker, from_date, to_date);
