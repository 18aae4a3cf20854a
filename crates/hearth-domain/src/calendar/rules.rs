//! The England and Wales bank-holiday rules: fixed and moveable feasts, substitute days, and the
//! days moved or added by proclamation since 1990 (1995 VE day, the millennium, the jubilees,
//! the 2011 royal wedding, 2020 VE day, the 2022 state funeral and the 2023 coronation). Any
//! future proclamation is added by importing GOV.UK's list (see `govuk`).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday by the anonymous Gregorian computus.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (7 - d.weekday().num_days_from_monday() as i64) % 7;
    d.checked_add_days(Days::new(offset as u64))
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = next.pred_opt()?;
    last.checked_sub_days(Days::new(u64::from(last.weekday().num_days_from_monday())))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The year's bank holidays in date order, with their published names.
pub fn bank_holidays(year: i32) -> Vec<(NaiveDate, String)> {
    let mut out: Vec<(NaiveDate, String)> = Vec::new();
    let mut push = |d: Option<NaiveDate>, name: &str| {
        if let Some(d) = d {
            out.push((d, name.to_string()));
        }
    };

    // New Year's Day, moved to the Monday when it falls at a weekend.
    if let Some(ny) = ymd(year, 1, 1) {
        match ny.weekday() {
            Weekday::Sat => push(ymd(year, 1, 3), "New Year's Day (substitute day)"),
            Weekday::Sun => push(ymd(year, 1, 2), "New Year's Day (substitute day)"),
            _ => push(Some(ny), "New Year's Day"),
        }
    }
    if let Some(e) = easter_sunday(year) {
        push(e.checked_sub_days(Days::new(2)), "Good Friday");
        push(e.checked_add_days(Days::new(1)), "Easter Monday");
    }
    match year {
        1995 => push(ymd(1995, 5, 8), "Early May bank holiday (VE day)"),
        2020 => push(ymd(2020, 5, 8), "Early May bank holiday (VE day)"),
        _ => push(first_monday(year, 5), "Early May bank holiday"),
    }
    if year == 2023 {
        push(
            ymd(2023, 5, 8),
            "Bank holiday for the coronation of King Charles III",
        );
    }
    if year == 2011 {
        push(ymd(2011, 4, 29), "Royal wedding");
    }
    match year {
        2002 => {
            push(ymd(2002, 6, 3), "Queen's Golden Jubilee");
            push(ymd(2002, 6, 4), "Spring bank holiday");
        }
        2012 => {
            push(ymd(2012, 6, 4), "Spring bank holiday");
            push(ymd(2012, 6, 5), "Queen's Diamond Jubilee");
        }
        2022 => {
            push(ymd(2022, 6, 2), "Spring bank holiday");
            push(ymd(2022, 6, 3), "Platinum Jubilee bank holiday");
        }
        _ => push(last_monday(year, 5), "Spring bank holiday"),
    }
    push(last_monday(year, 8), "Summer bank holiday");
    if year == 2022 {
        push(
            ymd(2022, 9, 19),
            "Bank Holiday for the State Funeral of Queen Elizabeth II",
        );
    }
    // Christmas Day and Boxing Day, each moved to the next free weekday when at a weekend.
    if let Some(xmas) = ymd(year, 12, 25) {
        match xmas.weekday() {
            Weekday::Fri => {
                push(Some(xmas), "Christmas Day");
                push(ymd(year, 12, 28), "Boxing Day (substitute day)");
            }
            Weekday::Sat => {
                push(ymd(year, 12, 27), "Christmas Day (substitute day)");
                push(ymd(year, 12, 28), "Boxing Day (substitute day)");
            }
            Weekday::Sun => {
                push(ymd(year, 12, 26), "Boxing Day");
                push(ymd(year, 12, 27), "Christmas Day (substitute day)");
            }
            _ => {
                push(Some(xmas), "Christmas Day");
                push(ymd(year, 12, 26), "Boxing Day");
            }
        }
    }
    if year == 1999 {
        push(ymd(1999, 12, 31), "Millennium Day");
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        for (y, m, d) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }
}
