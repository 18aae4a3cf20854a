-- The front door: referral forms (drafts saved as typed), contacts and their children, referrals
-- with their decision, consent overrides and agency checks, CIN episodes and allocations.
CREATE TABLE contacts (
    id BLOB PRIMARY KEY,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    method TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_agency TEXT NOT NULL,
    contact_details TEXT NOT NULL,
    summary TEXT NOT NULL,
    urgency TEXT NOT NULL,
    consent TEXT NOT NULL,
    form_id BLOB,
    status TEXT NOT NULL CHECK (status IN ('open', 'concluded')),
    outcomes TEXT NOT NULL,
    outcome_notes TEXT,
    feedback TEXT,
    concluded_by BLOB REFERENCES users(id),
    concluded_at TEXT,
    created_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_open ON contacts(status, urgency, received_at);

CREATE TABLE contact_children (
    contact_id BLOB NOT NULL REFERENCES contacts(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    PRIMARY KEY (contact_id, person_id)
) STRICT;
CREATE INDEX contact_children_person ON contact_children(person_id);

CREATE TABLE referral_forms (
    id BLOB PRIMARY KEY,
    author_id BLOB NOT NULL REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    contact_id BLOB REFERENCES contacts(id),
    acknowledgement TEXT
) STRICT;
CREATE INDEX referral_forms_author ON referral_forms(author_id, updated_at);

CREATE TABLE episodes (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    referral_date TEXT NOT NULL,
    source TEXT NOT NULL,
    primary_need TEXT NOT NULL,
    referral_nfa INTEGER NOT NULL,
    closure_date TEXT,
    closure_reason TEXT,
    allocated_team BLOB REFERENCES teams(id),
    allocated_worker BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    CHECK ((closure_date IS NULL) = (closure_reason IS NULL))
) STRICT;
-- One open episode of need per child.
CREATE UNIQUE INDEX episodes_one_open ON episodes(person_id) WHERE closure_date IS NULL;

CREATE TABLE referrals (
    id BLOB PRIMARY KEY,
    contact_id BLOB NOT NULL REFERENCES contacts(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    received_at TEXT NOT NULL,
    referral_date TEXT NOT NULL,
    source TEXT NOT NULL,
    re_referral INTEGER NOT NULL,
    previous_referral_date TEXT,
    consent TEXT NOT NULL,
    sharing TEXT,
    sharing_by BLOB REFERENCES users(id),
    sharing_at TEXT,
    acknowledged_at TEXT,
    acknowledged_by BLOB REFERENCES users(id),
    acknowledgement TEXT,
    clock_id BLOB REFERENCES clocks(id),
    status TEXT NOT NULL CHECK (status IN ('awaiting-decision', 'decided')),
    decided_on TEXT,
    decided_at TEXT,
    decided_by BLOB REFERENCES users(id),
    outcomes TEXT NOT NULL,
    threshold TEXT,
    rationale TEXT,
    primary_need TEXT,
    feedback TEXT,
    episode_id BLOB REFERENCES episodes(id),
    created_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (contact_id, person_id)
) STRICT;
CREATE INDEX referrals_person ON referrals(person_id, referral_date);
CREATE INDEX referrals_waiting ON referrals(status, received_at);

CREATE TABLE agency_checks (
    id BLOB PRIMARY KEY,
    referral_id BLOB NOT NULL REFERENCES referrals(id),
    agency TEXT NOT NULL,
    shared TEXT NOT NULL,
    learned TEXT NOT NULL,
    with_consent INTEGER NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX agency_checks_referral ON agency_checks(referral_id);

CREATE TABLE allocations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    episode_id BLOB NOT NULL REFERENCES episodes(id),
    team_id BLOB NOT NULL REFERENCES teams(id),
    worker_id BLOB REFERENCES users(id),
    allocated_by BLOB NOT NULL REFERENCES users(id),
    allocated_at TEXT NOT NULL
) STRICT;
CREATE INDEX allocations_episode ON allocations(episode_id);
