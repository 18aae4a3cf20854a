-- Foundation: teams, users, sessions, people, relationships, professionals, audit.
CREATE TABLE teams (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE,
    role text NOT NULL,
    team_id uuid NOT NULL REFERENCES teams(id),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id),
    label text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE persons (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    sort_name text NOT NULL,
    date_of_birth date,
    expected_date_of_delivery date,
    nhs_number text,
    upn text,
    details text NOT NULL,
    restricted boolean NOT NULL DEFAULT false,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    created_by uuid NOT NULL REFERENCES users(id),
    updated_at timestamptz NOT NULL,
    updated_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX persons_dob ON persons(date_of_birth);
CREATE INDEX persons_nhs ON persons(nhs_number);
CREATE INDEX persons_upn ON persons(upn);
CREATE INDEX persons_sort ON persons(sort_name);

CREATE TABLE person_versions (
    person_id uuid NOT NULL REFERENCES persons(id),
    version bigint NOT NULL,
    details text NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by uuid NOT NULL REFERENCES users(id),
    PRIMARY KEY (person_id, version)
);

CREATE TABLE person_name_tokens (
    person_id uuid NOT NULL REFERENCES persons(id),
    token text NOT NULL,
    soundex text NOT NULL,
    PRIMARY KEY (person_id, token)
);
CREATE INDEX person_name_tokens_token ON person_name_tokens(token text_pattern_ops, person_id);
CREATE INDEX person_name_tokens_soundex ON person_name_tokens(soundex, person_id);

CREATE TABLE person_addresses (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    line1 text NOT NULL,
    line2 text,
    town text NOT NULL,
    postcode text NOT NULL,
    from_date date NOT NULL,
    to_date date,
    recorded_at timestamptz NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX person_addresses_person ON person_addresses(person_id);

CREATE TABLE relationships (
    id uuid PRIMARY KEY,
    from_person uuid NOT NULL REFERENCES persons(id),
    to_person uuid NOT NULL REFERENCES persons(id),
    kind text NOT NULL,
    parental_responsibility boolean NOT NULL,
    lives_with boolean NOT NULL,
    started date,
    ended date,
    created_at timestamptz NOT NULL,
    created_by uuid NOT NULL REFERENCES users(id),
    CHECK (from_person <> to_person)
);
CREATE INDEX relationships_from ON relationships(from_person);
CREATE INDEX relationships_to ON relationships(to_person);

CREATE TABLE involvements (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    name text NOT NULL,
    role text NOT NULL,
    agency text NOT NULL,
    telephone text,
    email text,
    from_date date NOT NULL,
    to_date date,
    created_at timestamptz NOT NULL,
    created_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX involvements_person ON involvements(person_id);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    user_id uuid,
    action text NOT NULL,
    record_type text NOT NULL,
    record_id text,
    outcome text NOT NULL,
    detail text
);
CREATE INDEX audit_log_record ON audit_log(record_type, record_id, id);
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE calendar_days (
    day date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('bank_holiday', 'not_bank_holiday', 'closure')),
    name text NOT NULL,
    added_at timestamptz NOT NULL
);
