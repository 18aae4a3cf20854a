-- The local protocol in force (every version ever adopted is kept) and stored clocks, each with
-- the protocol version it was computed under, so a protocol change never moves a due date.
CREATE TABLE protocol_versions (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    version bigint NOT NULL,
    title text NOT NULL,
    source_text text NOT NULL,
    adopted_at timestamptz NOT NULL,
    adopted_by uuid REFERENCES users(id),
    UNIQUE (name, version)
);

CREATE TABLE clocks (
    id uuid PRIMARY KEY,
    subject_type text NOT NULL,
    subject_id text NOT NULL,
    person_id uuid REFERENCES persons(id),
    kind text NOT NULL,
    anchor_event text NOT NULL,
    anchor_date date NOT NULL,
    rule text NOT NULL,
    due_date date NOT NULL,
    explanation text NOT NULL,
    protocol_name text NOT NULL,
    protocol_version bigint NOT NULL,
    met_on date,
    late_reason text,
    created_at timestamptz NOT NULL
);
CREATE INDEX clocks_subject ON clocks(subject_type, subject_id);
CREATE INDEX clocks_open_due ON clocks(due_date) WHERE met_on IS NULL;

-- Person search sorts candidate ids by name without reading whole rows.
CREATE INDEX persons_id_sort ON persons(id, sort_name);
