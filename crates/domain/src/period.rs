//! Time as the marketplace's people see it: China Standard Time (UTC+8, no daylight saving) for
//! dates, periods, billing cycles and due dates; UTC in storage.

use chrono::{Days, Months, NaiveDate, NaiveDateTime, TimeDelta};
use rc_types::assets::{Period, PeriodQuery};

const CHINA_OFFSET_HOURS: i64 = 8;

/// The China date of a stored UTC time.
pub fn china_date(utc: NaiveDateTime) -> NaiveDate {
    (utc + TimeDelta::hours(CHINA_OFFSET_HOURS)).date()
}

/// The UTC instant a China date begins.
pub fn china_midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(0, 0, 0).unwrap_or_default() - TimeDelta::hours(CHINA_OFFSET_HOURS)
}

/// A half-open UTC range `[from, to)`; either end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    /// Start (included).
    pub from: Option<NaiveDateTime>,
    /// End (excluded).
    pub to: Option<NaiveDateTime>,
}

/// The UTC range of a list's period filter at `now`: the last one, three or six months (from
/// the same China day of the month), everything, or the custom days with both ends included.
pub fn range(query: &PeriodQuery, now: NaiveDateTime) -> Range {
    let today = china_date(now);
    let months_back = |months| Range {
        from: today.checked_sub_months(Months::new(months)).map(china_midnight),
        to: None,
    };
    match query.period.unwrap_or_default() {
        Period::OneMonth => months_back(1),
        Period::ThreeMonths => months_back(3),
        Period::SixMonths => months_back(6),
        Period::All => Range::default(),
        Period::Custom => Range {
            from: query.from.map(china_midnight),
            to: query
                .to
                .and_then(|to| to.checked_add_days(Days::new(1)))
                .map(china_midnight),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn china_days_start_at_16_utc() {
        assert_eq!(
            china_date(at(2026, 12, 1, 15)),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(
            china_date(at(2026, 12, 1, 16)),
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        );
        assert_eq!(
            china_midnight(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
            at(2026, 12, 1, 16)
        );
    }

    #[test]
    fn periods() {
        let now = at(2026, 12, 2, 3);
        let query = |period| PeriodQuery {
            period: Some(period),
            ..PeriodQuery::default()
        };
        assert_eq!(
            range(&query(Period::OneMonth), now).from,
            Some(at(2026, 11, 1, 16))
        );
        assert_eq!(
            range(&PeriodQuery::default(), now),
            range(&query(Period::OneMonth), now)
        );
        assert_eq!(
            range(&query(Period::SixMonths), now).from,
            Some(at(2026, 6, 1, 16))
        );
        assert_eq!(range(&query(Period::All), now), Range::default());
        let custom = PeriodQuery {
            period: Some(Period::Custom),
            from: NaiveDate::from_ymd_opt(2020, 1, 1),
            to: NaiveDate::from_ymd_opt(2020, 2, 5),
            ..PeriodQuery::default()
        };
        assert_eq!(
            range(&custom, now),
            Range {
                from: Some(at(2019, 12, 31, 16)),
                to: Some(at(2020, 2, 5, 16))
            }
        );
    }
}
