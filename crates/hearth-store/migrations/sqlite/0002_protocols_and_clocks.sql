-- The local protocol in force (every version ever adopted is kept) and stored clocks, each with
-- the protocol version it was computed under, so a protocol change never moves a due date.
CREATE TABLE protocol_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    source_text TEXT NOT NULL,
    adopted_at TEXT NOT NULL,
    adopted_by BLOB REFERENCES users(id),
    UNIQUE (name, version)
) STRICT;

CREATE TABLE clocks (
    id BLOB PRIMARY KEY,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    person_id BLOB REFERENCES persons(id),
    kind TEXT NOT NULL,
    anchor_event TEXT NOT NULL,
    anchor_date TEXT NOT NULL,
    rule TEXT NOT NULL,
    due_date TEXT NOT NULL,
    explanation TEXT NOT NULL,
    protocol_name TEXT NOT NULL,
    protocol_version INTEGER NOT NULL,
    met_on TEXT,
    late_reason TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX clocks_subject ON clocks(subject_type, subject_id);
CREATE INDEX clocks_open_due ON clocks(due_date) WHERE met_on IS NULL;

-- Person search sorts candidate ids by name without reading whole rows.
CREATE INDEX persons_id_sort ON persons(id, sort_name);
