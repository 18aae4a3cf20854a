//! Deterministic synthetic demo data: families of children and adults with valid-looking NHS
//! numbers and UPNs, addresses, relationships and professionals. Every name, number and address
//! is invented (postcodes use the non-geographic ZZ99 area); nothing is real.

use chrono::{Days, NaiveDate};
use hearth_domain::codes::{Disability, Ethnicity, Sex};
use hearth_domain::nhs_number::NhsNumber;
use hearth_domain::person::{Address, Birth, PersonDetails, PersonKind};
use hearth_domain::upn::Upn;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const GIVEN_F: &[&str] = &[
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Aisha", "Zara", "Maya",
    "Grace", "Sofia", "Ella", "Chloe", "Ruby", "Evie", "Poppy", "Hannah", "Leah",
];
const GIVEN_M: &[&str] = &[
    "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Muhammad", "Jack", "Charlie",
    "Theo", "Finley", "Ethan", "Kai", "Reuben", "Tyler", "Josh", "Kieran", "Liam", "Adam",
];
const FAMILY: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper",
    "Ward", "Morris", "Nowak", "Okafor", "Begum", "Ahmed", "Murphy", "Kelly", "Price", "Bennett",
    "Gray", "Shaw",
];
const STREETS: &[&str] = &[
    "Hearth Lane",
    "Mill Road",
    "Church Street",
    "Station Road",
    "Park Avenue",
    "Victoria Terrace",
    "Orchard Close",
    "Meadow Way",
    "Canal Side",
    "Chapel Row",
];
const TOWN: &str = "Exampleton";

/// One synthetic person with the family they belong to.
pub struct DemoPerson {
    pub family: usize,
    pub details: PersonDetails,
    pub address: Option<Address>,
}

fn nhs(rng: &mut StdRng) -> Option<NhsNumber> {
    loop {
        let body: Vec<u32> = (0..9).map(|_| rng.gen_range(0..10)).collect();
        let sum: u32 = body
            .iter()
            .enumerate()
            .map(|(i, d)| d * (10 - i as u32))
            .sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => continue,
            c => c,
        };
        let s: String = body
            .iter()
            .chain(std::iter::once(&check))
            .map(|d| char::from(b'0' + *d as u8))
            .collect();
        return NhsNumber::parse(&s).ok();
    }
}

fn upn(rng: &mut StdRng) -> Option<Upn> {
    let body = format!(
        "{:03}{:04}{:02}{:03}",
        330,
        rng.gen_range(1000..9999),
        rng.gen_range(10..26),
        rng.gen_range(0..1000)
    );
    Upn::from_body(&body).ok()
}

fn day(base: NaiveDate, back_days: u64) -> NaiveDate {
    base.checked_sub_days(Days::new(back_days)).unwrap_or(base)
}

/// About `children` children in families with one or two parents each.
pub fn generate(seed: u64, children: usize, today: NaiveDate) -> Vec<DemoPerson> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut made = 0;
    let mut family = 0;
    while made < children {
        let surname = FAMILY[rng.gen_range(0..FAMILY.len())];
        let ethnicity = Ethnicity::ALL[rng.gen_range(0..Ethnicity::ALL.len() - 2)];
        let address = Address {
            line1: format!(
                "{} {}",
                rng.gen_range(1..200),
                STREETS[rng.gen_range(0..STREETS.len())]
            ),
            line2: None,
            town: TOWN.into(),
            postcode: format!(
                "ZZ99 {}{}{}",
                rng.gen_range(1..10),
                char::from(b'A' + rng.gen_range(0..20u8)),
                char::from(b'A' + rng.gen_range(0..20u8))
            ),
            from: day(today, rng.gen_range(100..3000)),
            to: None,
        };
        let parents = rng.gen_range(1..=2);
        for i in 0..parents {
            let female = i == 0;
            let given = if female { GIVEN_F } else { GIVEN_M }[rng.gen_range(0..20)];
            out.push(DemoPerson {
                family,
                details: PersonDetails {
                    kind: PersonKind::Adult,
                    given_names: given.into(),
                    family_name: surname.into(),
                    aliases: vec![],
                    birth: Birth::Born {
                        date_of_birth: Some(day(today, rng.gen_range(20 * 365..45 * 365))),
                    },
                    sex: Some(if female { Sex::Female } else { Sex::Male }),
                    gender_identity: None,
                    ethnicity: Some(ethnicity),
                    first_language: Some("English".into()),
                    communication_needs: None,
                    interpreter_required: false,
                    disabilities: vec![],
                    nhs_number: nhs(&mut rng),
                    upn: None,
                    telephone: Some(format!("07700 900{:03}", rng.gen_range(0..1000))),
                },
                address: Some(address.clone()),
            });
        }
        let kids = rng.gen_range(1..=3).min(children - made);
        for _ in 0..kids {
            let female = rng.gen_bool(0.5);
            let unborn = rng.gen_ratio(1, 40);
            let birth = if unborn {
                Birth::Unborn {
                    expected_date_of_delivery: today
                        .checked_add_days(Days::new(rng.gen_range(20..200)))
                        .unwrap_or(today),
                }
            } else {
                Birth::Born {
                    date_of_birth: Some(day(today, rng.gen_range(30..17 * 365))),
                }
            };
            let school_age = matches!(birth, Birth::Born { date_of_birth: Some(d) } if today.signed_duration_since(d).num_days() > 5 * 365);
            out.push(DemoPerson {
                family,
                details: PersonDetails {
                    kind: PersonKind::Child,
                    given_names: if unborn {
                        String::new()
                    } else {
                        (if female { GIVEN_F } else { GIVEN_M })[rng.gen_range(0..20)].into()
                    },
                    family_name: surname.into(),
                    aliases: if rng.gen_ratio(1, 10) {
                        vec![format!("{} {}", GIVEN_F[rng.gen_range(0..20)], surname)]
                    } else {
                        vec![]
                    },
                    birth,
                    sex: if unborn {
                        None
                    } else {
                        Some(if female { Sex::Female } else { Sex::Male })
                    },
                    gender_identity: None,
                    ethnicity: Some(ethnicity),
                    first_language: Some(
                        if rng.gen_ratio(1, 8) {
                            "Polish"
                        } else {
                            "English"
                        }
                        .into(),
                    ),
                    communication_needs: None,
                    interpreter_required: false,
                    disabilities: if rng.gen_ratio(1, 10) {
                        vec![Disability::Aut]
                    } else {
                        vec![Disability::None]
                    },
                    nhs_number: if unborn { None } else { nhs(&mut rng) },
                    upn: if school_age { upn(&mut rng) } else { None },
                    telephone: None,
                },
                address: if unborn { None } else { Some(address.clone()) },
            });
            made += 1;
        }
        family += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let a = generate(7, 50, today);
        let b = generate(7, 50, today);
        assert_eq!(a.len(), b.len());
        assert!(a.iter().zip(&b).all(|(x, y)| x.details == y.details));
        assert_eq!(
            a.iter()
                .filter(|p| p.details.kind == PersonKind::Child)
                .count(),
            50
        );
        assert!(a
            .iter()
            .all(|p| p.details.date_of_birth().is_none_or(|d| d <= today)));
    }
}
