-- Issue 14: a plan's outcomes and actions are versioned: each amendment is a new version with its
-- reason, each version circulated once with its date (Working Together 2018 ch.1; seed 003 §2).
-- Shared by child protection and child in need plans. Each dated action is a task until done.
CREATE TABLE plan_versions (
    id uuid PRIMARY KEY,
    plan_kind text NOT NULL CONSTRAINT plan_versions_plan_kind CHECK (plan_kind IN ('cp', 'cin')),
    plan_id uuid NOT NULL,
    person_id uuid NOT NULL REFERENCES persons(id),
    version integer NOT NULL CHECK (version >= 1),
    made_on date NOT NULL,
    content text NOT NULL,
    reason text NOT NULL,
    made_by uuid NOT NULL REFERENCES users(id),
    made_at timestamptz NOT NULL,
    circulated_on date,
    circulated_by uuid REFERENCES users(id),
    CHECK ((circulated_on IS NULL) = (circulated_by IS NULL))
);
-- One version n for a plan: two amendments at once cannot both become version n.
CREATE UNIQUE INDEX plan_versions_number ON plan_versions(plan_kind, plan_id, version);
CREATE INDEX plan_versions_person ON plan_versions(person_id);
CREATE TABLE plan_actions (
    id uuid PRIMARY KEY,
    version_id uuid NOT NULL REFERENCES plan_versions(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    n integer NOT NULL,
    clock_id uuid REFERENCES clocks(id),
    done_on date,
    done_by uuid REFERENCES users(id),
    CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE UNIQUE INDEX plan_actions_number ON plan_actions(version_id, n);
-- The clock for circulating a held conference's decision (the protocol's timescale), on the
-- chair's list until the circulation is recorded.
ALTER TABLE cp_conferences ADD COLUMN circulation_clock_id uuid REFERENCES clocks(id);
CREATE INDEX cp_conferences_chair ON cp_conferences(chair_id, status);
