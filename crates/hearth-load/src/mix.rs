//! The mixed workload's shape: the kinds of request, the weights they are picked by (80% reads,
//! 20% writes, counted in requests sent), and the seeded generator each client picks with.

/// The table's order of kinds.
pub const KINDS: &[&str] = &[
    "person",
    "referral",
    "assessment",
    "front-door",
    "search",
    "autosave",
    "person-edit",
    "contact",
    "contact-outcome",
    "decision",
    "sign-in",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Person,
    Referral,
    Assessment,
    FrontDoor,
    Search,
    Autosave,
    PersonEdit,
    /// A contact, its outcome (a referral) and the referral's decision: three requests, since a
    /// referral can be decided only once.
    Decision,
}

/// Pick weights, so that of the requests sent 80% are reads (16% each), 7% autosaves, 7% person
/// edits and 6% the decision flow (2% each of contact, outcome, decision: a third of the picks).
pub const MIXED: &[(Op, u32)] = &[
    (Op::Person, 48),
    (Op::Referral, 48),
    (Op::Assessment, 48),
    (Op::FrontDoor, 48),
    (Op::Search, 48),
    (Op::Autosave, 21),
    (Op::PersonEdit, 21),
    (Op::Decision, 6),
];

/// The same without decisions: the writes split between autosaves and person edits.
pub const MIXED_NO_DECISIONS: &[(Op, u32)] = &[
    (Op::Person, 48),
    (Op::Referral, 48),
    (Op::Assessment, 48),
    (Op::FrontDoor, 48),
    (Op::Search, 48),
    (Op::Autosave, 30),
    (Op::PersonEdit, 30),
];

/// SplitMix64: small, fast and seeded per client so runs repeat.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        v.get(self.below(v.len()))
    }

    pub fn weighted(&mut self, w: &[(Op, u32)]) -> Op {
        let total: u32 = w.iter().map(|(_, n)| n).sum();
        let mut x = self.below(total as usize) as u32;
        for (op, n) in w {
            if x < *n {
                return *op;
            }
            x -= n;
        }
        Op::Person
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Requests per pick: the decision flow sends three.
    fn share(w: &[(Op, u32)]) -> (u32, u32) {
        let per = |op: Op| if op == Op::Decision { 3 } else { 1 };
        let reads: u32 = w
            .iter()
            .filter(|(op, _)| {
                matches!(
                    op,
                    Op::Person | Op::Referral | Op::Assessment | Op::FrontDoor | Op::Search
                )
            })
            .map(|(op, n)| n * per(*op))
            .sum();
        let all: u32 = w.iter().map(|(op, n)| n * per(*op)).sum();
        (reads, all)
    }

    #[test]
    fn four_in_five_requests_are_reads() {
        for w in [MIXED, MIXED_NO_DECISIONS] {
            let (reads, all) = share(w);
            assert_eq!(reads * 5, all * 4);
        }
    }

    #[test]
    fn weighted_picks_follow_the_weights() {
        let mut rng = Rng::new(7);
        let n = 300_000;
        let decisions = (0..n)
            .filter(|_| rng.weighted(MIXED) == Op::Decision)
            .count();
        let expected = n * 6 / 300;
        assert!(
            decisions.abs_diff(expected) < expected / 10,
            "{decisions} vs {expected}"
        );
    }
}
