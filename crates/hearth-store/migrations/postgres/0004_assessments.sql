-- The child and family assessment: the record and its sections (each saved and versioned on its
-- own), visits, views in people's own words (append-only), agency requests, manager checkpoints,
-- and the work its outcome opens (a child in need plan to agree, a strategy discussion to hold).
CREATE TABLE assessments (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    referral_id uuid REFERENCES referrals(id),
    origin text NOT NULL,
    origin_note text NOT NULL,
    referral_date date NOT NULL,
    start_date date NOT NULL,
    expected_delivery date,
    worker_id uuid REFERENCES users(id),
    status text NOT NULL CHECK (status IN ('in-progress', 'awaiting-authorisation', 'authorised')),
    first_stage_on date,
    first_stage_note text,
    factors text NOT NULL,
    outcomes text NOT NULL,
    in_need boolean,
    completed_on date,
    submitted_by uuid REFERENCES users(id),
    submitted_at timestamptz,
    late_reason text,
    returned_note text,
    gate text,
    authorised_on date,
    authorised_by uuid REFERENCES users(id),
    authorised_at timestamptz,
    acted_on_at timestamptz,
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    version bigint NOT NULL,
    CHECK (start_date >= referral_date),
    CHECK (authorised_on IS NULL OR authorised_on >= start_date)
);
-- One assessment in progress per episode of need (census rule 8896).
CREATE UNIQUE INDEX assessments_one_open ON assessments(episode_id) WHERE status <> 'authorised';
CREATE INDEX assessments_person ON assessments(person_id, start_date);
CREATE INDEX assessments_worker ON assessments(worker_id, status);

CREATE TABLE assessment_sections (
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    section text NOT NULL,
    body text NOT NULL,
    version bigint NOT NULL,
    updated_by uuid NOT NULL REFERENCES users(id),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (assessment_id, section)
);

CREATE TABLE assessment_visits (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    visit_date date NOT NULL,
    child_seen boolean NOT NULL,
    seen_alone boolean NOT NULL,
    home_seen boolean NOT NULL,
    bedroom_seen boolean NOT NULL,
    all_children_considered boolean NOT NULL,
    who_was_seen text NOT NULL,
    notes text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL,
    manager_reason text,
    manager_reason_by uuid REFERENCES users(id),
    manager_reason_at timestamptz,
    CHECK (child_seen OR NOT seen_alone)
);
CREATE INDEX assessment_visits_assessment ON assessment_visits(assessment_id, visit_date);

CREATE TABLE assessment_views (
    id bigserial PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    speaker text NOT NULL,
    speaker_name text NOT NULL,
    kind text NOT NULL,
    words text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX assessment_views_assessment ON assessment_views(assessment_id, id);
-- Views are appended, never changed or removed.
CREATE FUNCTION assessment_views_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'assessment views are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER assessment_views_no_change BEFORE UPDATE OR DELETE ON assessment_views
FOR EACH ROW EXECUTE FUNCTION assessment_views_append_only();

CREATE TABLE assessment_agency_requests (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    agency text NOT NULL,
    agency_type text NOT NULL,
    asked text NOT NULL,
    requested_on date NOT NULL,
    requested_by uuid NOT NULL REFERENCES users(id),
    requested_at timestamptz NOT NULL,
    response_on date,
    response text,
    response_by uuid REFERENCES users(id),
    response_at timestamptz,
    CHECK (response_on IS NULL OR response_on >= requested_on)
);
CREATE INDEX assessment_agency_requests_assessment ON assessment_agency_requests(assessment_id);

CREATE TABLE assessment_checkpoints (
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    n bigint NOT NULL,
    clock_id uuid NOT NULL REFERENCES clocks(id),
    question text NOT NULL,
    answer text,
    answered_on date,
    answered_by uuid REFERENCES users(id),
    answered_at timestamptz,
    PRIMARY KEY (assessment_id, n)
);

-- Work an assessment's outcome opens; later issues fill in the plan and the discussion.
CREATE TABLE cin_plans (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    assessment_id uuid REFERENCES assessments(id),
    status text NOT NULL CHECK (status IN ('to-be-agreed', 'open', 'ended')),
    clock_id uuid REFERENCES clocks(id),
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX cin_plans_one_open ON cin_plans(person_id) WHERE status <> 'ended';

CREATE TABLE strategy_discussions (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    assessment_id uuid REFERENCES assessments(id),
    status text NOT NULL CHECK (status IN ('to-be-held', 'held')),
    reason text NOT NULL,
    requested_by uuid NOT NULL REFERENCES users(id),
    requested_at timestamptz NOT NULL
);
CREATE INDEX strategy_discussions_person ON strategy_discussions(person_id);
