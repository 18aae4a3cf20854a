//! Streaming reader of a census XML file (to be written): `Reader::new(impl BufRead)`,
//! `reader.header()`, `reader.next_child() -> Result<Option<Child>, ReadError>`, and
//! `validate_reader(impl BufRead, Option<Ruleset>) -> Result<Report, ReadError>`.
