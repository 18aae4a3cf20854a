-- Issue 13: a worker's full-time equivalent (hundredths: 100 is full time) for the team view's
-- caseload per FTE, and cover while a worker is away.
ALTER TABLE users ADD COLUMN fte_hundredths bigint NOT NULL DEFAULT 100
    CONSTRAINT users_fte CHECK (fte_hundredths BETWEEN 1 AND 100);
CREATE TABLE cover (
    id uuid PRIMARY KEY,
    absent_worker uuid NOT NULL REFERENCES users(id),
    covering_worker uuid NOT NULL REFERENCES users(id),
    from_date date NOT NULL,
    to_date date NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL,
    CHECK (to_date >= from_date),
    CHECK (absent_worker <> covering_worker)
);
CREATE INDEX cover_covering ON cover(covering_worker, from_date, to_date);
CREATE INDEX cover_absent ON cover(absent_worker, from_date, to_date);
