//! The five shipped presets: each parses and validates, names itself as its file does, keeps the
//! national timescales, carries its seed's local timescales, and marks every default it borrowed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_domain::protocol::national::NATIONAL;
use hearth_domain::protocol::{AssessmentModel, Protocol, Timescale};

const FILES: &[(&str, &str)] = &[
    (
        "working-together",
        include_str!("../../../protocols/working-together.toml"),
    ),
    (
        "nottinghamshire-2001",
        include_str!("../../../protocols/nottinghamshire-2001.toml"),
    ),
    ("dudley", include_str!("../../../protocols/dudley.toml")),
    (
        "south-west",
        include_str!("../../../protocols/south-west.toml"),
    ),
    (
        "blackpool",
        include_str!("../../../protocols/blackpool.toml"),
    ),
];

fn preset(name: &str) -> Protocol {
    Protocol::preset(name).unwrap_or_else(|| panic!("{name} does not parse"))
}

#[test]
fn every_preset_parses_validates_and_names_itself() {
    assert_eq!(
        Protocol::presets(),
        FILES.iter().map(|(n, _)| *n).collect::<Vec<_>>()
    );
    for (name, text) in FILES {
        assert_eq!(Protocol::preset_source(name), Some(*text));
        let p = Protocol::parse(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(p.name, *name);
        assert!(p.version >= 1);
        assert!(!p.title.is_empty() && !p.source.is_empty());
        assert!(
            text.lines()
                .next()
                .unwrap()
                .starts_with("# Local protocol preset:"),
            "{name} says what it is"
        );
        let described = p.describe();
        assert!(described.len() >= 20);
        assert!(described
            .iter()
            .all(|d| !d.value.is_empty() && !d.what.is_empty() && !d.basis.is_empty()));
    }
    assert!(Protocol::preset("nowhere").is_none());
}

#[test]
fn presets_keep_the_national_timescales() {
    for (name, _) in FILES {
        let p = preset(name);
        assert_eq!(p.referral_decision, Timescale::WorkingDays(1), "{name}");
        assert_eq!(
            p.cp.initial_conference,
            Timescale::WorkingDays(15),
            "{name}"
        );
        assert_eq!(p.cp.first_review, Timescale::Months(3), "{name}");
        assert_eq!(p.cp.review_every, Timescale::Months(6), "{name}");
        assert_eq!(p.cp.missing_review_after, Timescale::Days(7), "{name}");
    }
    // The early review of a missing child is seed 000's rule (§7.3), not a national one.
    assert_eq!(NATIONAL.len(), 6);
    assert!(NATIONAL
        .iter()
        .all(|r| r.field != "cp.missing_review_after"));
    // Each national rule cites the 2018 edition (seed 002) and notes the 2023 edition keeps it.
    for r in NATIONAL {
        assert!(r.rule.contains("Working Together 2018, ch.1"), "{}", r.rule);
        assert!(
            r.rule.contains("unchanged in Working Together 2023"),
            "{}",
            r.rule
        );
    }
}

/// Where a seed says days, not working days, the preset says days; the national cap still holds.
#[test]
fn a_seed_that_says_days_gets_days() {
    // Seed 000 §5.14: "The first Core Group meeting should be held within 10 days of an Initial
    // Child Protection Conference".
    let n = preset("nottinghamshire-2001");
    assert_eq!(n.cp.core_group, Timescale::Days(10));
    assert!(n
        .basis("cp.core_group")
        .starts_with("Stricter than the national 10 working days"));
    // Seed 001: "The assessment must be completed within 45 days maximum."
    let d = preset("dudley");
    assert_eq!(d.assessment_complete, Timescale::Days(45));
    assert!(d.basis("assessment.complete").contains("Seed 001"));
    // Every other preset keeps the national 45 working days and 10 working days.
    for name in [
        "working-together",
        "south-west",
        "blackpool",
        "nottinghamshire-2001",
    ] {
        assert_eq!(
            preset(name).assessment_complete,
            Timescale::WorkingDays(45),
            "{name}"
        );
    }
    for name in ["working-together", "south-west", "blackpool", "dudley"] {
        assert_eq!(
            preset(name).cp.core_group,
            Timescale::WorkingDays(10),
            "{name}"
        );
    }
    // A local value in days that could outrun the national rule is still refused.
    let text = Protocol::preset_source("nottinghamshire-2001")
        .unwrap()
        .replace("core_group = \"10 days\"", "core_group = \"15 days\"");
    let errs = Protocol::parse(&text).unwrap_err();
    assert_eq!(errs[0].field, "cp.core_group", "{errs:?}");
}

/// A preset says only what its seed says: what its seed leaves open comes from working-together,
/// where it is the council's choice, and is shown as such, never as the seed's.
#[test]
fn what_a_seed_leaves_open_is_the_councils_choice() {
    let wt = preset("working-together");
    let choices = [
        "assessment.agency_reply",
        "cp.strategy_discussion",
        "cin.plan_after_assessment",
        "cin.visit_every",
        "cin.first_review",
        "cin.review_every",
        "cp.visit_every",
        "cp.missing_review_after",
        "cp.core_group_every",
        "cp.decision_circulated",
    ];
    assert_eq!(wt.council_choices, choices.to_vec());
    for f in choices {
        assert_eq!(
            wt.basis(f),
            "The council's choice (not set nationally)",
            "{f}"
        );
    }
    assert!(wt
        .basis("cp.core_group")
        .starts_with("National: the core group meets within 10 working days"));
    for (name, text) in FILES.iter().filter(|(n, _)| *n != "working-together") {
        let p = preset(name);
        assert!(
            !text.contains("working-together default"),
            "{name} still copies defaults"
        );
        assert!(p.council_choices.is_empty(), "{name}");
        for f in &p.inherited {
            assert!(
                choices.contains(&f.as_str()),
                "{name}: {f} inherited but not a choice"
            );
            assert_eq!(p.value_of(f), wt.value_of(f), "{name}: {f}");
            assert!(
                p.basis(f).starts_with("The council's choice"),
                "{name}: {f}"
            );
        }
        // What the file does set is attributed to its seed.
        assert!(
            p.basis("assessment.checkpoints").starts_with(&p.source) || p.checkpoints.is_empty()
        );
    }
    // Seed 004 (Blackpool) sets nothing for CIN plans, visits or reviews, nor CP visits.
    let b = preset("blackpool");
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    let mut all: Vec<String> = choices.iter().map(|s| s.to_string()).collect();
    all.sort();
    assert_eq!(sorted(&b.inherited), all);
    // Seed 000 sets CIN reviews (§7.2) and the missing-child review (§7.3) itself.
    let n = preset("nottinghamshire-2001");
    assert_eq!(
        sorted(&n.inherited),
        [
            "assessment.agency_reply",
            "cin.plan_after_assessment",
            "cin.visit_every",
            "cp.core_group_every",
            "cp.decision_circulated",
            "cp.strategy_discussion",
            "cp.visit_every"
        ]
    );
    assert!(n.basis("cp.missing_review_after").starts_with("Seed 000"));
    // Seed 001 (Dudley) sets its own CIN visits and reviews.
    let d = preset("dudley");
    assert_eq!(
        sorted(&d.inherited),
        [
            "assessment.agency_reply",
            "cin.plan_after_assessment",
            "cp.core_group_every",
            "cp.decision_circulated",
            "cp.missing_review_after",
            "cp.strategy_discussion",
            "cp.visit_every"
        ]
    );
    // A named choice must be a local timescale the file sets.
    let bad = Protocol::preset_source("working-together")
        .unwrap()
        .replace(
            "\"cin.visit_every\",",
            "\"cin.visit_every\", \"cp.core_group\", \"cin.meeting_every\", \"nonsense\",",
        );
    let errs = Protocol::parse(&bad).unwrap_err();
    let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(errs.len(), 3, "{msgs:?}");
    assert!(
        msgs[0].contains("'cp.core_group' is a national timescale"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("'cin.meeting_every' is not set in this file"),
        "{msgs:?}"
    );
    assert!(
        msgs[2].contains("'nonsense' is not a timescale field"),
        "{msgs:?}"
    );
}

#[test]
fn presets_carry_their_seeds_local_timescales() {
    let b = preset("blackpool");
    assert_eq!(
        b.assessment_model,
        AssessmentModel::Staged {
            first_stage: Timescale::WorkingDays(10)
        }
    );
    assert_eq!(
        b.checkpoints,
        [10, 30, 45].map(Timescale::WorkingDays).to_vec()
    );
    assert_eq!(b.pre_birth_before_due_date, Some(Timescale::Weeks(4)));
    assert_eq!(b.assessment_refresh, Some(Timescale::Months(12)));

    let n = preset("nottinghamshire-2001");
    assert_eq!(
        n.assessment_model,
        AssessmentModel::InitialAndCore {
            initial: Timescale::WorkingDays(7),
            core: Timescale::WorkingDays(35)
        }
    );
    assert_eq!(n.cin.review_every, Some(Timescale::Months(6)));
    assert_eq!(n.cin.first_review, Some(Timescale::Months(6)));

    let d = preset("dudley");
    assert_eq!(d.assessment_model, AssessmentModel::Single);
    assert_eq!(d.checkpoints, vec![Timescale::WorkingDays(35)]);
    assert_eq!(d.cin.visit_every, Some(Timescale::Weeks(6)));
    assert_eq!(d.cin.meeting_every, Some(Timescale::Weeks(8)));
    assert_eq!(
        (d.cin.first_review, d.cin.second_review, d.cin.review_every),
        (
            Some(Timescale::Months(3)),
            Some(Timescale::Months(3)),
            Some(Timescale::Months(3))
        )
    );
    assert_eq!(d.cin.minimum_after_cp_plan, Some(Timescale::Months(3)));
    assert_eq!(d.cin.step_down_minimum, Some(Timescale::Months(3)));

    let sw = preset("south-west");
    assert_eq!(sw.cin.plan_after_assessment, Some(Timescale::Days(7)));
    assert_eq!(
        (
            sw.cin.first_review,
            sw.cin.second_review,
            sw.cin.review_every
        ),
        (
            Some(Timescale::Days(28)),
            Some(Timescale::Months(3)),
            Some(Timescale::Months(6))
        )
    );
    assert_eq!(
        sw.cin.complex_needs_panel_after,
        Some(Timescale::Months(12))
    );

    let wt = preset("working-together");
    assert_eq!(wt.assessment_model, AssessmentModel::Single);
    assert!(wt.checkpoints.is_empty());
    assert_eq!(wt.pre_birth_before_due_date, None);
}

#[test]
fn a_preset_relaxed_by_hand_is_refused_with_its_line() {
    let text = Protocol::preset_source("dudley")
        .unwrap()
        .replace("review_every = \"6 months\"", "review_every = \"7 months\"");
    let errs = Protocol::parse(&text).unwrap_err();
    let line = text
        .lines()
        .position(|l| l.contains("\"7 months\""))
        .unwrap()
        + 1;
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (line, "cp.review_every")
    );
    assert!(errs[0]
        .message
        .contains("review conferences are held at intervals of no more than six months"));
}

#[test]
fn protocols_serialise_for_the_api() {
    let v = serde_json::to_value(preset("blackpool")).unwrap();
    assert_eq!(v["name"], "blackpool");
    assert_eq!(v["assessment_model"]["model"], "staged");
    assert_eq!(v["assessment_model"]["first_stage"]["unit"], "working_days");
    assert_eq!(v["assessment_model"]["first_stage"]["n"], 10);
    assert_eq!(v["cp"]["first_review"]["unit"], "months");
    let t: Timescale = serde_json::from_value(v["cp"]["first_review"].clone()).unwrap();
    assert_eq!(t, Timescale::Months(3));
}
