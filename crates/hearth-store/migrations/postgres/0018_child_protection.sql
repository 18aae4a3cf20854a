-- Issue 14: the section 47 enquiry, child protection conferences, child protection plans, core
-- group meetings and statutory visits. Census columns are typed; what people said and the
-- invitation list are kept as JSON documents beside them.
CREATE TABLE s47_enquiries (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    discussion_id uuid NOT NULL REFERENCES strategy_discussions(id),
    started_on date NOT NULL,
    status text NOT NULL CONSTRAINT s47_enquiries_status CHECK (status IN ('open', 'concluded')),
    outcome text CONSTRAINT s47_enquiries_outcome CHECK (outcome IN (
        'not-substantiated', 'substantiated-no-continuing-risk', 'continuing-risk')),
    concluded_on date,
    conference_not_required boolean,
    conclusion text,
    concluded_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL,
    version bigint NOT NULL,
    CHECK ((status = 'concluded') = (outcome IS NOT NULL AND concluded_on IS NOT NULL))
);
-- Census rule 8890: one section 47 enquiry open at a time for a child.
CREATE UNIQUE INDEX s47_enquiries_one_open ON s47_enquiries(person_id) WHERE status = 'open';
CREATE UNIQUE INDEX s47_enquiries_discussion ON s47_enquiries(discussion_id);

CREATE TABLE cp_conferences (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    kind text NOT NULL CONSTRAINT cp_conferences_kind CHECK (kind IN (
        'initial', 'pre-birth', 'transfer-in', 'review')),
    status text NOT NULL CONSTRAINT cp_conferences_status CHECK (status IN ('arranged', 'held', 'cancelled')),
    enquiry_id uuid REFERENCES s47_enquiries(id),
    plan_id uuid,
    anchor_on date NOT NULL,
    clock_id uuid REFERENCES clocks(id),
    target_on date NOT NULL,
    scheduled_on date,
    chair_id uuid REFERENCES users(id),
    invitees text NOT NULL,
    held_on date,
    plan_decided boolean,
    category text CONSTRAINT cp_conferences_category CHECK (category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    lead_worker_id uuid REFERENCES users(id),
    review_on date,
    decision text,
    end_reason text CONSTRAINT cp_conferences_end_reason CHECK (end_reason IN (
        'no-longer-at-risk', 'moved-permanently', 'reached-18', 'died', 'left-uk')),
    circulated_on date,
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    held_by uuid REFERENCES users(id),
    version bigint NOT NULL,
    CHECK ((status = 'held') = (held_on IS NOT NULL)),
    CHECK (kind <> 'review' OR plan_id IS NOT NULL)
);
CREATE INDEX cp_conferences_person ON cp_conferences(person_id, anchor_on);
-- One conference arranged at a time for a plan (the next review) and for an enquiry.
CREATE UNIQUE INDEX cp_conferences_one_arranged_review ON cp_conferences(plan_id) WHERE status = 'arranged';
CREATE UNIQUE INDEX cp_conferences_one_per_enquiry ON cp_conferences(enquiry_id);

CREATE TABLE cp_plans (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    episode_id uuid NOT NULL REFERENCES episodes(id),
    conference_id uuid NOT NULL REFERENCES cp_conferences(id),
    started_on date NOT NULL,
    initial_category text NOT NULL CONSTRAINT cp_plans_initial_category CHECK (initial_category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    latest_category text NOT NULL CONSTRAINT cp_plans_latest_category CHECK (latest_category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    previous_plans integer NOT NULL CHECK (previous_plans >= 0),
    lead_worker_id uuid REFERENCES users(id),
    status text NOT NULL CONSTRAINT cp_plans_status CHECK (status IN ('open', 'ended')),
    ended_on date,
    end_reason text CONSTRAINT cp_plans_end_reason CHECK (end_reason IN (
        'no-longer-at-risk', 'moved-permanently', 'reached-18', 'died', 'left-uk')),
    end_evidence text,
    ended_by_conference_id uuid REFERENCES cp_conferences(id),
    cin_plan_follows boolean,
    created_at timestamptz NOT NULL,
    version bigint NOT NULL,
    CHECK ((status = 'ended') = (ended_on IS NOT NULL AND end_reason IS NOT NULL)),
    CHECK (ended_on IS NULL OR ended_on > started_on)
);
-- Census rule 8935: one open child protection plan for a child; one plan per conference.
CREATE UNIQUE INDEX cp_plans_one_open ON cp_plans(person_id) WHERE status = 'open';
CREATE UNIQUE INDEX cp_plans_conference ON cp_plans(conference_id);

CREATE TABLE cp_core_groups (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES cp_plans(id),
    met_on date NOT NULL,
    attendees text NOT NULL,
    decisions text NOT NULL,
    absent_views text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX cp_core_groups_plan ON cp_core_groups(plan_id, met_on);

CREATE TABLE child_visits (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    plan_id uuid REFERENCES cp_plans(id),
    visited_on date NOT NULL,
    child_seen boolean NOT NULL,
    seen_alone boolean NOT NULL,
    bedroom_seen boolean NOT NULL,
    home_conditions text NOT NULL,
    who_present text NOT NULL,
    notes text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL,
    CHECK (child_seen OR NOT seen_alone)
);
CREATE INDEX child_visits_person ON child_visits(person_id, visited_on);

ALTER TABLE episodes ADD COLUMN date_of_initial_cpc date;
