-- Issue 13: case notes (typed, dated and timed, draft then final, corrections appended), the
-- children each is about, and the worker's analysis of a child's chronology.
CREATE TABLE case_notes (
    id uuid PRIMARY KEY,
    kind text NOT NULL CONSTRAINT case_notes_kind CHECK (kind IN (
        'home-visit', 'office-visit', 'phone-call', 'meeting', 'management-oversight',
        'supervision-discussion', 'direct-work', 'other')),
    occurred_at timestamptz NOT NULL,
    significant boolean NOT NULL,
    status text NOT NULL CONSTRAINT case_notes_status CHECK (status IN ('draft', 'final')),
    body text NOT NULL,
    author_id uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finalised_at timestamptz,
    version bigint NOT NULL,
    CHECK ((status = 'final') = (finalised_at IS NOT NULL))
);
CREATE TABLE case_note_children (
    note_id uuid NOT NULL REFERENCES case_notes(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    PRIMARY KEY (note_id, person_id)
);
CREATE INDEX case_note_children_person ON case_note_children(person_id, note_id);
CREATE TABLE case_note_corrections (
    id uuid PRIMARY KEY,
    note_id uuid NOT NULL REFERENCES case_notes(id),
    text text NOT NULL,
    by_id uuid NOT NULL REFERENCES users(id),
    at timestamptz NOT NULL
);
CREATE INDEX case_note_corrections_note ON case_note_corrections(note_id, at);
CREATE INDEX case_notes_kind_time ON case_notes(kind, occurred_at);
CREATE TABLE chronology_analyses (
    person_id uuid PRIMARY KEY REFERENCES persons(id),
    text text NOT NULL,
    by_id uuid NOT NULL REFERENCES users(id),
    at timestamptz NOT NULL,
    version bigint NOT NULL
);
-- My work reads open clocks by child.
CREATE INDEX clocks_open_person ON clocks(person_id, due_date) WHERE met_on IS NULL;
CREATE INDEX episodes_open_worker ON episodes(allocated_worker) WHERE closure_date IS NULL;
CREATE INDEX episodes_open_team ON episodes(allocated_team) WHERE closure_date IS NULL;
CREATE INDEX allocations_worker ON allocations(worker_id, allocated_at);
