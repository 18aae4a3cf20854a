-- Searching by name is an index lookup: each name token carries its person's sort name, so the
-- first page of matches comes from the token indexes alone (token or sound, then name order),
-- without visiting every matching person's row.
ALTER TABLE person_name_tokens ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE person_name_tokens SET sort_name = (SELECT p.sort_name FROM persons p WHERE p.id = person_name_tokens.person_id);
DROP INDEX person_name_tokens_token;
DROP INDEX person_name_tokens_soundex;
CREATE INDEX person_name_tokens_token ON person_name_tokens(token, sort_name, person_id);
CREATE INDEX person_name_tokens_soundex ON person_name_tokens(soundex, sort_name, person_id);
