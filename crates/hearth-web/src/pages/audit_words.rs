//! The audit log in words an information-governance lead reads without a code book: what was
//! done or attempted, and whether it happened or was refused (with the refusal's reason).

/// A sentence for an audit action code; an unknown code is shown as it is.
pub fn action(code: &str) -> &str {
    match code {
        "session.sign_in" => "Signed in",
        "session.sign_out" => "Signed out",
        "api_token.create" => "Created an API token",
        "api_token.list" => "Listed API tokens",
        "api_token.revoke" => "Revoked an API token",
        "audit.read" | "audit.view" => "Read the audit log",
        "users.manage" => "Managed user accounts",
        "user.add" => "Added a user",
        "user.disable" => "Disabled a user",
        "user.enable" => "Re-enabled a user",
        "calendar.manage" => "Changed the working-day calendar",
        "calendar.closure" => "Recorded a council closure day",
        "calendar.import" => "Imported bank holidays",
        "protocol.adopt" => "Adopted a local protocol",
        "protocols.view" => "Viewed the local protocol",
        "demo.load" => "Loaded demonstration data",
        "census.return" => "Asked for the CIN census return",
        "census.export" => "Downloaded the CIN census return",
        "census.readiness" => "Listed the records that would fail the CIN census",
        "census.import" => "Imported a child from a previous census return",
        "census-identity.view" => "Opened a child's census identity and census check",
        "census-identity.update" => "Changed a child's census identity",
        "census-query.explain" => "Gave the reason for a census query",
        "assessment.internal-review" => "Recorded an assessment's internal review date",
        "person.search" => "Searched for people",
        "person.create" => "Created a person's record",
        "person.view" => "Opened a person's record",
        "person.update" => "Changed a person's details",
        "person.move" => "Recorded a change of address",
        "person.access_log" => "Viewed who opened a record",
        "person.access_log.export" => "Downloaded who opened a record",
        "person.summary" => "Opened a child's summary",
        "chronology.view" => "Opened a chronology",
        "chronology.analysis" => "Wrote the analysis of a chronology",
        "case-note.create" => "Wrote a case note",
        "case-note.update" => "Changed a draft case note",
        "case-note.finalise" => "Finalised a case note",
        "case-note.correct" => "Corrected a case note",
        "case-note.view" => "Opened a case note",
        "case-note.list" => "Listed a child's case notes",
        "strategy-discussion.request" => "Asked for a strategy discussion",
        "strategy-discussion.held" => "Recorded a strategy discussion",
        "strategy-discussion.update" => "Changed a strategy discussion",
        "strategy-discussion.view" => "Opened a strategy discussion",
        "strategy-discussion.list" => "Listed a child's strategy discussions",
        "episode.view" => "Opened an episode of need",
        "episode.update" => "Changed an episode of need",
        "episode.reassign" => "Reassigned a child's work",
        "episode.primary-need" => "Recorded a child's primary need",
        "work.view" => "Opened their work list",
        "team.view" => "Opened the team's work",
        "person.restrict" => "Changed whether a record is restricted",
        "relationship.add" => "Recorded a relationship",
        "involvement.add" => "Recorded a professional's involvement",
        "front_door.work" | "front-door.queue" => "Worked the front door (contacts and referrals)",
        "contact.create" => "Recorded a contact",
        "contact.view" => "Opened a contact",
        "contact.link-child" => "Linked a child to a contact",
        "contact.conclude" => "Concluded a contact",
        "referral-form.use" => "Used the multi-agency referral form",
        "referral-form.start" => "Started a referral form",
        "referral-form.save" => "Saved a referral form",
        "referral-form.view" => "Opened a referral form",
        "referral-form.submit" => "Submitted a referral form",
        "referral-form.list" => "Listed referral forms",
        "referral.create" => "Recorded a referral",
        "referral.view" => "Opened a referral",
        "referral.decide" => "Decided a referral",
        "referral.feedback" => "Recorded feedback to a referrer",
        "referral.acknowledge" => "Acknowledged a referral",
        "referral.agency-check" => "Recorded an agency check",
        "referral.share-without-consent" => "Recorded sharing without consent",
        "work.allocate" | "episode.allocate" => "Allocated work",
        "allocation.list" => "Listed unallocated work",
        "assessment.work" => "Worked on an assessment",
        "manager.decide" => "Made a manager's decision",
        "assessment.open" => "Started an assessment",
        "assessment.list" => "Listed a child's assessments",
        "assessment.view" | "assessment.view-recorded" => "Opened an assessment",
        "assessment.family-copy" => "Opened an assessment's family copy",
        "assessment.family-copy.withhold" => "Left something out of a family's copy",
        "assessment.family-copy.restore" => "Put something back into a family's copy",
        "assessment.section.save" => "Saved a section of an assessment",
        "assessment.visit" => "Recorded a visit",
        "assessment.visit-reason" => "Recorded why a child was not seen",
        "assessment.agency-request" => "Asked an agency for information",
        "assessment.agency-response" => "Recorded an agency's reply",
        "assessment.checkpoint" => "Answered a manager checkpoint",
        "assessment.first-stage" => "Recorded the first stage of an assessment",
        "assessment.submit" => "Submitted an assessment",
        "assessment.return" => "Returned an assessment for more work",
        "assessment.authorise" => "Authorised an assessment",
        "assessment.act" => "Acted on an assessment's outcome",
        other => other,
    }
}

/// The kind of record a row acted on, in words. A person's record is "this record" when it is
/// the one whose log is read (`this`), and a person row naming no one is a search.
pub fn record(record_type: &str, record_id: Option<&str>, this: &str) -> String {
    if record_type == PERSON {
        let words = match record_id {
            Some(id) if id == this => "This person's record",
            Some(_) => "Another person's record",
            None => "A search of people's records",
        };
        return words.to_string();
    }
    RECORDS
        .iter()
        .find(|(code, _)| *code == record_type)
        .map_or(record_type, |(_, words)| words)
        .to_string()
}

/// The audit log's record type for a person's own record.
const PERSON: &str = "person";
/// Other record types (as the use cases write them) in words.
const RECORDS: &[(&str, &str)] = &[
    ("contact", "A contact"),
    ("referral", "A referral"),
    ("referral_form", "A referral form"),
    ("assessment", "An assessment"),
    ("case-note", "A case note"),
    ("strategy-discussion", "A strategy discussion"),
    ("episode", "An episode of need"),
    ("team", "A team's work"),
];

/// The outcome in words.
pub fn outcome(code: &str) -> &str {
    match code {
        "success" => "Done",
        "denied" => "Refused",
        "failed" => "Failed",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_as_words() {
        assert_eq!(action("person.view"), "Opened a person's record");
        assert_eq!(action("session.sign_in"), "Signed in");
        assert_eq!(outcome("denied"), "Refused");
        assert_eq!(action("something.new"), "something.new");
        assert_eq!(record("contact", Some("c1"), "p1"), "A contact");
        assert_eq!(record("person", Some("p1"), "p1"), "This person's record");
        assert_eq!(record("person", None, "p1"), "A search of people's records");
    }
}
