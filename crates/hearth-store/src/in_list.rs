//! `IN ($1, $2, …)` lists for reading many rows in one query (never one query per row), in
//! batches well under both databases' limits on bound parameters.

/// Ids per query.
pub const BATCH: usize = 500;

/// `$1, $2, …, $n` (after `offset` parameters already bound).
pub fn marks(n: usize, offset: usize) -> String {
    (offset + 1..=offset + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_count_from_the_offset() {
        assert_eq!(super::marks(3, 0), "$1, $2, $3");
        assert_eq!(super::marks(2, 1), "$2, $3");
        assert_eq!(super::marks(0, 0), "");
    }
}
