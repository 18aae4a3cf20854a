-- Foundation: teams, users, sessions, people, relationships, professionals, audit.
CREATE TABLE teams (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    team_id BLOB NOT NULL REFERENCES teams(id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE persons (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    date_of_birth TEXT,
    expected_date_of_delivery TEXT,
    nhs_number TEXT,
    upn TEXT,
    details TEXT NOT NULL,
    restricted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX persons_dob ON persons(date_of_birth);
CREATE INDEX persons_nhs ON persons(nhs_number);
CREATE INDEX persons_upn ON persons(upn);
CREATE INDEX persons_sort ON persons(sort_name);

CREATE TABLE person_versions (
    person_id BLOB NOT NULL REFERENCES persons(id),
    version INTEGER NOT NULL,
    details TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by BLOB NOT NULL REFERENCES users(id),
    PRIMARY KEY (person_id, version)
) STRICT;

CREATE TABLE person_name_tokens (
    person_id BLOB NOT NULL REFERENCES persons(id),
    token TEXT NOT NULL,
    soundex TEXT NOT NULL,
    PRIMARY KEY (person_id, token)
) STRICT;
CREATE INDEX person_name_tokens_token ON person_name_tokens(token, person_id);
CREATE INDEX person_name_tokens_soundex ON person_name_tokens(soundex, person_id);

CREATE TABLE person_addresses (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    line1 TEXT NOT NULL,
    line2 TEXT,
    town TEXT NOT NULL,
    postcode TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX person_addresses_person ON person_addresses(person_id);

CREATE TABLE relationships (
    id BLOB PRIMARY KEY,
    from_person BLOB NOT NULL REFERENCES persons(id),
    to_person BLOB NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL,
    lives_with INTEGER NOT NULL,
    started TEXT,
    ended TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB NOT NULL REFERENCES users(id),
    CHECK (from_person <> to_person)
) STRICT;
CREATE INDEX relationships_from ON relationships(from_person);
CREATE INDEX relationships_to ON relationships(to_person);

CREATE TABLE involvements (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    telephone TEXT,
    email TEXT,
    from_date TEXT NOT NULL,
    to_date TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX involvements_person ON involvements(person_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id BLOB,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log(record_type, record_id, id);
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('bank_holiday', 'not_bank_holiday', 'closure')),
    name TEXT NOT NULL,
    added_at TEXT NOT NULL
) STRICT;
