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
        assert!(described.iter().all(|(_, v)| !v.is_empty()));
    }
    assert!(Protocol::preset("nowhere").is_none());
}

#[test]
fn presets_keep_the_national_timescales() {
    for (name, _) in FILES {
        let p = preset(name);
        assert_eq!(p.referral_decision, Timescale::WorkingDays(1), "{name}");
        assert_eq!(p.assessment_complete, Timescale::WorkingDays(45), "{name}");
        assert_eq!(
            p.cp.initial_conference,
            Timescale::WorkingDays(15),
            "{name}"
        );
        assert_eq!(p.cp.core_group, Timescale::WorkingDays(10), "{name}");
        assert_eq!(p.cp.first_review, Timescale::Months(3), "{name}");
        assert_eq!(p.cp.review_every, Timescale::Months(6), "{name}");
        assert_eq!(p.cp.missing_review_after, Timescale::Days(7), "{name}");
    }
    assert_eq!(NATIONAL.len(), 7);
}

#[test]
fn presets_fill_the_seeds_gaps_with_marked_working_together_defaults() {
    let wt = preset("working-together");
    for (name, text) in FILES.iter().filter(|(n, _)| *n != "working-together") {
        let p = preset(name);
        // Every item working-together sets locally is set in every preset.
        assert!(p.cin.plan_after_assessment.is_some(), "{name}");
        assert!(p.cin.visit_every.is_some(), "{name}");
        assert!(p.cin.first_review.is_some(), "{name}");
        assert!(p.cin.review_every.is_some(), "{name}");
        assert!(p.cp.visit_every.is_some(), "{name}");
        // Each line marked as a default carries working-together's value.
        for line in text
            .lines()
            .filter(|l| l.contains("# working-together default"))
        {
            let (key, value) = line.split_once('=').unwrap();
            let value = value.split('#').next().unwrap().trim().trim_matches('"');
            let t = Timescale::parse(value).unwrap();
            let expected = match key.trim() {
                "plan_after_assessment" => wt.cin.plan_after_assessment,
                "visit_every" if text.find(line) > text.find("[cp]") => wt.cp.visit_every,
                "visit_every" => wt.cin.visit_every,
                "first_review" => wt.cin.first_review,
                "review_every" => wt.cin.review_every,
                other => panic!("{name}: unexpected default {other}"),
            };
            assert_eq!(Some(t), expected, "{name}: {line}");
        }
    }
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
        .contains("review conferences are held at intervals of no more than 6 months"));
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
