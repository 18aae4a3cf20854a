//! `IN ($1, $2, …)` lists for reading many rows in one query (never one query per row), in
//! batches well under both databases' limits on bound parameters.

/// Rows of type `$ty` for every id in `$ids`: `$sql` (ending in `IN (`), the id marks, `)` and
/// `$suffix`, run in batches of [`BATCH`].
macro_rules! by_ids {
    ($tx:expr, $ty:ty, $sql:expr, $suffix:expr, $ids:expr) => {{
        let mut out: Vec<$ty> = Vec::new();
        for batch in $ids.chunks($crate::in_list::BATCH) {
            let sql = format!("{}{}){}", $sql, $crate::in_list::marks(batch.len(), 0), $suffix);
            let rows: Vec<$ty> = $crate::on_tx!($tx, c => {
                let mut q = sqlx::query_as(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        out
    }};
}
pub(crate) use by_ids;

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
