-- The child and family assessment: the record and its sections (each saved and versioned on its
-- own), visits, views in people's own words (append-only), agency requests, manager checkpoints,
-- and the work its outcome opens (a child in need plan to agree, a strategy discussion to hold).
CREATE TABLE assessments (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    referral_id BLOB REFERENCES referrals(id),
    origin TEXT NOT NULL,
    origin_note TEXT NOT NULL,
    referral_date TEXT NOT NULL,
    start_date TEXT NOT NULL,
    expected_delivery TEXT,
    worker_id BLOB REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('in-progress', 'awaiting-authorisation', 'authorised')),
    first_stage_on TEXT,
    first_stage_note TEXT,
    factors TEXT NOT NULL,
    outcomes TEXT NOT NULL,
    in_need INTEGER,
    completed_on TEXT,
    submitted_by BLOB REFERENCES users(id),
    submitted_at TEXT,
    late_reason TEXT,
    returned_note TEXT,
    gate TEXT,
    authorised_on TEXT,
    authorised_by BLOB REFERENCES users(id),
    authorised_at TEXT,
    acted_on_at TEXT,
    created_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    CHECK (start_date >= referral_date),
    CHECK (authorised_on IS NULL OR authorised_on >= start_date)
) STRICT;
-- One assessment in progress per episode of need (census rule 8896).
CREATE UNIQUE INDEX assessments_one_open ON assessments(episode_id) WHERE status <> 'authorised';
CREATE INDEX assessments_person ON assessments(person_id, start_date);
CREATE INDEX assessments_worker ON assessments(worker_id, status);

CREATE TABLE assessment_sections (
    assessment_id BLOB NOT NULL REFERENCES assessments(id),
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_by BLOB NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, section)
) STRICT;

CREATE TABLE assessment_visits (
    id BLOB PRIMARY KEY,
    assessment_id BLOB NOT NULL REFERENCES assessments(id),
    visit_date TEXT NOT NULL,
    child_seen INTEGER NOT NULL,
    seen_alone INTEGER NOT NULL,
    home_seen INTEGER NOT NULL,
    bedroom_seen INTEGER NOT NULL,
    all_children_considered INTEGER NOT NULL,
    who_was_seen TEXT NOT NULL,
    notes TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL,
    manager_reason TEXT,
    manager_reason_by BLOB REFERENCES users(id),
    manager_reason_at TEXT,
    CHECK (child_seen = 1 OR seen_alone = 0)
) STRICT;
CREATE INDEX assessment_visits_assessment ON assessment_visits(assessment_id, visit_date);

CREATE TABLE assessment_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id BLOB NOT NULL REFERENCES assessments(id),
    speaker TEXT NOT NULL,
    speaker_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    words TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_views_assessment ON assessment_views(assessment_id, id);
-- Views are appended, never changed or removed.
CREATE TRIGGER assessment_views_no_update BEFORE UPDATE ON assessment_views
BEGIN SELECT RAISE(ABORT, 'assessment views are append-only'); END;
CREATE TRIGGER assessment_views_no_delete BEFORE DELETE ON assessment_views
BEGIN SELECT RAISE(ABORT, 'assessment views are append-only'); END;

CREATE TABLE assessment_agency_requests (
    id BLOB PRIMARY KEY,
    assessment_id BLOB NOT NULL REFERENCES assessments(id),
    agency TEXT NOT NULL,
    agency_type TEXT NOT NULL,
    asked TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    requested_by BLOB NOT NULL REFERENCES users(id),
    requested_at TEXT NOT NULL,
    response_on TEXT,
    response TEXT,
    response_by BLOB REFERENCES users(id),
    response_at TEXT,
    CHECK (response_on IS NULL OR response_on >= requested_on)
) STRICT;
CREATE INDEX assessment_agency_requests_assessment ON assessment_agency_requests(assessment_id);

CREATE TABLE assessment_checkpoints (
    assessment_id BLOB NOT NULL REFERENCES assessments(id),
    n INTEGER NOT NULL,
    clock_id BLOB NOT NULL REFERENCES clocks(id),
    question TEXT NOT NULL,
    answer TEXT,
    answered_on TEXT,
    answered_by BLOB REFERENCES users(id),
    answered_at TEXT,
    PRIMARY KEY (assessment_id, n)
) STRICT;

-- Work an assessment's outcome opens; later issues fill in the plan and the discussion.
CREATE TABLE cin_plans (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    assessment_id BLOB REFERENCES assessments(id),
    status TEXT NOT NULL CHECK (status IN ('to-be-agreed', 'open', 'ended')),
    clock_id BLOB REFERENCES clocks(id),
    created_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX cin_plans_one_open ON cin_plans(person_id) WHERE status <> 'ended';

CREATE TABLE strategy_discussions (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    assessment_id BLOB REFERENCES assessments(id),
    status TEXT NOT NULL CHECK (status IN ('to-be-held', 'held')),
    reason TEXT NOT NULL,
    requested_by BLOB NOT NULL REFERENCES users(id),
    requested_at TEXT NOT NULL
) STRICT;
CREATE INDEX strategy_discussions_person ON strategy_discussions(person_id);
