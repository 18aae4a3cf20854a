-- Issue 14: the section 47 enquiry, child protection conferences, child protection plans, core
-- group meetings and statutory visits. Census columns are typed; what people said and the
-- invitation list are kept as JSON documents beside them.
CREATE TABLE s47_enquiries (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    discussion_id BLOB NOT NULL REFERENCES strategy_discussions(id),
    started_on TEXT NOT NULL,
    status TEXT NOT NULL CONSTRAINT s47_enquiries_status CHECK (status IN ('open', 'concluded')),
    outcome TEXT CONSTRAINT s47_enquiries_outcome CHECK (outcome IN (
        'not-substantiated', 'substantiated-no-continuing-risk', 'continuing-risk')),
    concluded_on TEXT,
    conference_not_required INTEGER,
    conclusion TEXT,
    concluded_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    CHECK ((status = 'concluded') = (outcome IS NOT NULL AND concluded_on IS NOT NULL))
) STRICT;
-- Census rule 8890: one section 47 enquiry open at a time for a child.
CREATE UNIQUE INDEX s47_enquiries_one_open ON s47_enquiries(person_id) WHERE status = 'open';
CREATE UNIQUE INDEX s47_enquiries_discussion ON s47_enquiries(discussion_id);

CREATE TABLE cp_conferences (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    kind TEXT NOT NULL CONSTRAINT cp_conferences_kind CHECK (kind IN (
        'initial', 'pre-birth', 'transfer-in', 'review')),
    status TEXT NOT NULL CONSTRAINT cp_conferences_status CHECK (status IN ('arranged', 'held', 'cancelled')),
    enquiry_id BLOB REFERENCES s47_enquiries(id),
    plan_id BLOB,
    anchor_on TEXT NOT NULL,
    clock_id BLOB REFERENCES clocks(id),
    target_on TEXT NOT NULL,
    scheduled_on TEXT,
    chair_id BLOB REFERENCES users(id),
    invitees TEXT NOT NULL,
    held_on TEXT,
    plan_decided INTEGER,
    category TEXT CONSTRAINT cp_conferences_category CHECK (category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    lead_worker_id BLOB REFERENCES users(id),
    review_on TEXT,
    decision TEXT,
    end_reason TEXT CONSTRAINT cp_conferences_end_reason CHECK (end_reason IN (
        'no-longer-at-risk', 'moved-permanently', 'reached-18', 'died', 'left-uk')),
    circulated_on TEXT,
    created_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    held_by BLOB REFERENCES users(id),
    version INTEGER NOT NULL,
    CHECK ((status = 'held') = (held_on IS NOT NULL)),
    CHECK (kind <> 'review' OR plan_id IS NOT NULL)
) STRICT;
CREATE INDEX cp_conferences_person ON cp_conferences(person_id, anchor_on);
-- One conference arranged at a time for a plan (the next review) and for an enquiry.
CREATE UNIQUE INDEX cp_conferences_one_arranged_review ON cp_conferences(plan_id) WHERE status = 'arranged';
CREATE UNIQUE INDEX cp_conferences_one_per_enquiry ON cp_conferences(enquiry_id);

CREATE TABLE cp_plans (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    conference_id BLOB NOT NULL REFERENCES cp_conferences(id),
    started_on TEXT NOT NULL,
    initial_category TEXT NOT NULL CONSTRAINT cp_plans_initial_category CHECK (initial_category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    latest_category TEXT NOT NULL CONSTRAINT cp_plans_latest_category CHECK (latest_category IN ('NEG', 'PHY', 'EMO', 'SAB', 'MUL')),
    previous_plans INTEGER NOT NULL CHECK (previous_plans >= 0),
    lead_worker_id BLOB REFERENCES users(id),
    status TEXT NOT NULL CONSTRAINT cp_plans_status CHECK (status IN ('open', 'ended')),
    ended_on TEXT,
    end_reason TEXT CONSTRAINT cp_plans_end_reason CHECK (end_reason IN (
        'no-longer-at-risk', 'moved-permanently', 'reached-18', 'died', 'left-uk')),
    end_evidence TEXT,
    ended_by_conference_id BLOB REFERENCES cp_conferences(id),
    cin_plan_follows INTEGER,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    CHECK ((status = 'ended') = (ended_on IS NOT NULL AND end_reason IS NOT NULL)),
    CHECK (ended_on IS NULL OR ended_on > started_on)
) STRICT;
-- Census rule 8935: one open child protection plan for a child; one plan per conference.
CREATE UNIQUE INDEX cp_plans_one_open ON cp_plans(person_id) WHERE status = 'open';
CREATE UNIQUE INDEX cp_plans_conference ON cp_plans(conference_id);

CREATE TABLE cp_core_groups (
    id BLOB PRIMARY KEY,
    plan_id BLOB NOT NULL REFERENCES cp_plans(id),
    met_on TEXT NOT NULL,
    attendees TEXT NOT NULL,
    decisions TEXT NOT NULL,
    absent_views TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX cp_core_groups_plan ON cp_core_groups(plan_id, met_on);

CREATE TABLE child_visits (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    plan_id BLOB REFERENCES cp_plans(id),
    visited_on TEXT NOT NULL,
    child_seen INTEGER NOT NULL,
    seen_alone INTEGER NOT NULL,
    bedroom_seen INTEGER NOT NULL,
    home_conditions TEXT NOT NULL,
    who_present TEXT NOT NULL,
    notes TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL,
    CHECK (child_seen = 1 OR seen_alone = 0)
) STRICT;
CREATE INDEX child_visits_person ON child_visits(person_id, visited_on);

ALTER TABLE episodes ADD COLUMN date_of_initial_cpc TEXT;
