-- The front door: referral forms (drafts saved as typed), contacts and their children, referrals
-- with their decision, consent overrides and agency checks, CIN episodes and allocations.
CREATE TABLE contacts (
    id uuid PRIMARY KEY,
    received_at timestamptz NOT NULL,
    source text NOT NULL,
    method text NOT NULL,
    contact_name text NOT NULL,
    contact_agency text NOT NULL,
    contact_details text NOT NULL,
    summary text NOT NULL,
    urgency text NOT NULL,
    consent text NOT NULL,
    form_id uuid,
    status text NOT NULL CHECK (status IN ('open', 'concluded')),
    outcomes text NOT NULL,
    outcome_notes text,
    feedback text,
    concluded_by uuid REFERENCES users(id),
    concluded_at timestamptz,
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX contacts_open ON contacts(status, urgency, received_at);

CREATE TABLE contact_children (
    contact_id uuid NOT NULL REFERENCES contacts(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    PRIMARY KEY (contact_id, person_id)
);
CREATE INDEX contact_children_person ON contact_children(person_id);

CREATE TABLE referral_forms (
    id uuid PRIMARY KEY,
    author_id uuid NOT NULL REFERENCES users(id),
    status text NOT NULL CHECK (status IN ('draft', 'submitted')),
    body text NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    submitted_at timestamptz,
    contact_id uuid REFERENCES contacts(id),
    acknowledgement text
);
CREATE INDEX referral_forms_author ON referral_forms(author_id, updated_at);

CREATE TABLE episodes (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    referral_date date NOT NULL,
    source text NOT NULL,
    primary_need text NOT NULL,
    referral_nfa boolean NOT NULL,
    closure_date date,
    closure_reason text,
    allocated_team uuid REFERENCES teams(id),
    allocated_worker uuid REFERENCES users(id),
    created_at timestamptz NOT NULL,
    CHECK ((closure_date IS NULL) = (closure_reason IS NULL))
);
-- One open episode of need per child.
CREATE UNIQUE INDEX episodes_one_open ON episodes(person_id) WHERE closure_date IS NULL;

CREATE TABLE referrals (
    id uuid PRIMARY KEY,
    contact_id uuid NOT NULL REFERENCES contacts(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    received_at timestamptz NOT NULL,
    referral_date date NOT NULL,
    source text NOT NULL,
    re_referral boolean NOT NULL,
    previous_referral_date date,
    consent text NOT NULL,
    sharing text,
    sharing_by uuid REFERENCES users(id),
    sharing_at timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by uuid REFERENCES users(id),
    acknowledgement text,
    clock_id uuid REFERENCES clocks(id),
    status text NOT NULL CHECK (status IN ('awaiting-decision', 'decided')),
    decided_on date,
    decided_at timestamptz,
    decided_by uuid REFERENCES users(id),
    outcomes text NOT NULL,
    threshold text,
    rationale text,
    primary_need text,
    feedback text,
    episode_id uuid REFERENCES episodes(id),
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    version bigint NOT NULL,
    UNIQUE (contact_id, person_id)
);
CREATE INDEX referrals_person ON referrals(person_id, referral_date);
CREATE INDEX referrals_waiting ON referrals(status, received_at);

CREATE TABLE agency_checks (
    id uuid PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals(id),
    agency text NOT NULL,
    shared text NOT NULL,
    learned text NOT NULL,
    with_consent boolean NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agency_checks_referral ON agency_checks(referral_id);

CREATE TABLE allocations (
    id bigserial PRIMARY KEY,
    episode_id uuid NOT NULL REFERENCES episodes(id),
    team_id uuid NOT NULL REFERENCES teams(id),
    worker_id uuid REFERENCES users(id),
    allocated_by uuid NOT NULL REFERENCES users(id),
    allocated_at timestamptz NOT NULL
);
CREATE INDEX allocations_episode ON allocations(episode_id);
