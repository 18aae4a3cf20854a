-- Issue 14: a plan's outcomes and actions are versioned: each amendment is a new version with its
-- reason, each version circulated once with its date (Working Together 2018 ch.1; seed 003 §2).
-- Shared by child protection and child in need plans. Each dated action is a task until done.
CREATE TABLE plan_versions (
    id BLOB PRIMARY KEY,
    plan_kind TEXT NOT NULL CONSTRAINT plan_versions_plan_kind CHECK (plan_kind IN ('cp', 'cin')),
    plan_id BLOB NOT NULL,
    person_id BLOB NOT NULL REFERENCES persons(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    made_on TEXT NOT NULL,
    content TEXT NOT NULL,
    reason TEXT NOT NULL,
    made_by BLOB NOT NULL REFERENCES users(id),
    made_at TEXT NOT NULL,
    circulated_on TEXT,
    circulated_by BLOB REFERENCES users(id),
    CHECK ((circulated_on IS NULL) = (circulated_by IS NULL))
) STRICT;
-- One version n for a plan: two amendments at once cannot both become version n.
CREATE UNIQUE INDEX plan_versions_number ON plan_versions(plan_kind, plan_id, version);
CREATE INDEX plan_versions_person ON plan_versions(person_id);
CREATE TABLE plan_actions (
    id BLOB PRIMARY KEY,
    version_id BLOB NOT NULL REFERENCES plan_versions(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    n INTEGER NOT NULL,
    clock_id BLOB REFERENCES clocks(id),
    done_on TEXT,
    done_by BLOB REFERENCES users(id),
    CHECK ((done_on IS NULL) = (done_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX plan_actions_number ON plan_actions(version_id, n);
-- The clock for circulating a held conference's decision (the protocol's timescale), on the
-- chair's list until the circulation is recorded.
ALTER TABLE cp_conferences ADD COLUMN circulation_clock_id BLOB REFERENCES clocks(id);
CREATE INDEX cp_conferences_chair ON cp_conferences(chair_id, status);
