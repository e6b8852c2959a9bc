//! The seed article's times (fixtures/us-forces-syria-2021), with the needed sentences
//! embedded so the test runs without the shared fixtures; and a seeded fuzz run of the time
//! tagger over random date-like strings.

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{normalize, segment, times, Context, Time};

const SEED: &str = "US Forces Come Under Fire in Syria Following Airstrikes Against Iran-Backed Militia

US Forces Come Under Fire in Syria Following Airstrikes Against Iran-Backed Militia
The Pentagon building is seen in Arlington, Va., on Oct. 9, 2020. (Carlos Barria/Reuters)
Isabel van Brugen
6/29/2021
Updated:
6/29/2021

U.S. troops in eastern Syria came under rocket fire on Monday night, shortly after President Joe Biden ordered airstrikes against Iran-backed militia groups embedded at the Iraq–Syria border region.

It wasn’t immediately clear who fired the rockets in and around the U.S. base in Deir Ezzour in eastern Syria on Monday. However, Iran-backed militia groups claimed responsibility for the attacks, The Jerusalem Post reported.

Just hours before the rocket fire, U.S. Secretary of State Antony Blinken had told reporters in Rome that the U.S. airstrikes on Sunday were necessary, appropriate, and deliberate to “limit the risk of escalation” and to send a “clear and unambiguous deterrent message.”

Separately, the Pentagon said in a statement on Sunday that the “defensive precision airstrikes” were carried out on facilities known to be used by “Iran-backed militias.”

Biden on Monday defended the airstrikes, saying they targeted sites used by the Iranian-backed militia groups responsible for recent attacks on U.S. personnel in Iraq.
";

fn analyse(text: &str, dct: Option<CalendarDate>) -> (Option<CalendarDate>, Vec<Time>) {
    let prepared = normalize::prepare(text);
    let segmented = segment::segment(&prepared.text);
    let dct = dct.or_else(|| times::publication_date(&prepared.text, &prepared.frame));
    let context = Context {
        text: &prepared.text,
        frame: &prepared.frame,
        segmented: &segmented,
        dct,
    };
    (dct, times::tag(&context))
}

#[test]
fn seed_article_times() {
    let (dct, found) = analyse(SEED, None);
    assert_eq!(
        dct.map(|date| date.to_string()).as_deref(),
        Some("2021-06-29")
    );
    let summary: Vec<(String, String, bool, String)> = found
        .iter()
        .map(|time| {
            (
                time.text.clone(),
                time.value.clone(),
                time.caption,
                time.role.clone(),
            )
        })
        .collect();
    let expect = |text: &str, value: &str, caption: bool, role: &str| {
        assert!(
            summary.contains(&(text.into(), value.into(), caption, role.into())),
            "{text} {value} {caption} {role:?} missing from {summary:#?}"
        );
    };
    expect("6/29/2021", "2021-06-29", false, "publication");
    expect("Oct. 9, 2020", "2020-10-09", true, "caption");
    expect("Monday night", "2021-06-28TNI", false, "");
    expect("Sunday", "2021-06-27", false, "");
    expect("Monday", "2021-06-28", false, "");
    // "Just hours before" is a vague duration, never a date.
    let hours = found.iter().find(|time| time.text.contains("hours"));
    assert!(hours.is_none_or(|time| time.value == "PTXH"), "{hours:?}");
    // Every story date is the Sunday or the Monday before publication.
    for time in found.iter().filter(|time| time.role.is_empty()) {
        if let Some(from) = &time.from {
            assert!(from.starts_with("2021-06-2"), "{time:?}");
        }
    }
    let night = found
        .iter()
        .find(|time| time.text == "Monday night")
        .unwrap();
    assert_eq!(night.from.as_deref(), Some("2021-06-28T18:00"));
    assert_eq!(night.to.as_deref(), Some("2021-06-29T06:00"));
    let ids: Vec<&str> = found.iter().map(|time| time.id.as_str()).collect();
    assert_eq!(ids.first().copied(), Some("t1"));
}

#[test]
fn without_a_date_values_stay_underspecified() {
    let text = "Rockets hit the base on Monday night and again on Sunday.";
    let (dct, found) = analyse(text, None);
    assert_eq!(dct, None);
    assert_eq!(found[0].value, "XXXX-WXX-1TNI");
    assert_eq!(found[0].from, None);
    assert_eq!(found[1].value, "XXXX-WXX-7");
}

#[test]
fn yearless_dateline_takes_the_readers_year() {
    use dateline_engine::{AnalyzeOptions, DctSource, Engine};
    let text =
        "WASHINGTON, Aug 11 (Reuters) - U.S. officials said on Tuesday that talks had stalled.";
    let engine = Engine::new();
    let today = CalendarDate::new(2026, 12, 7);
    let document = engine.analyze(
        text,
        &AnalyzeOptions {
            today,
            ..Default::default()
        },
    );
    assert_eq!(document.meta.published.as_deref(), Some("2026-08-11"));
    assert_eq!(document.meta.dct_source, DctSource::Assumed);
    let tuesday = document.times.iter().find(|time| time.text == "Tuesday");
    assert_eq!(tuesday.map(|time| time.value.as_str()), Some("2026-08-11"));
    assert!(document
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.message.contains("2026-08-11 is assumed")));
    // A date given by the caller wins; without one or the reader's date, a message says
    // what is missing and nothing is guessed.
    let given = engine.analyze(
        text,
        &AnalyzeOptions {
            dct: CalendarDate::new(1998, 8, 12),
            today,
        },
    );
    assert_eq!(given.meta.published.as_deref(), Some("1998-08-12"));
    assert_eq!(given.meta.dct_source, DctSource::Given);
    let alone = engine.analyze(text, &AnalyzeOptions::default());
    assert_eq!(alone.meta.published, None);
    assert!(alone
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.message.contains("August 11 but no year")));
}

/// xorshift64*: a small seeded generator, so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    // This session's forms: glued a.m./p.m., ISO stamps, quarter codes, day runs, datelines.
    "8pm",
    "10.30pm.",
    "12am",
    "2023-07-15T18:00",
    "2021-06-29T25:99:00Z",
    "2021-02-30T10:30",
    "Q3",
    "H1",
    "9-11",
    "31-1",
    "9/11",
    "24/7",
    "(Reuters)",
    "--",
    "WASHINGTON,",
    "daily",
    "Granma",
    "Monday",
    "night",
    "last",
    "next",
    "the",
    "following",
    "day",
    "Oct.",
    "9",
    ",",
    "2020",
    "6/29/2021",
    "29/6/2021",
    "12/31",
    "1/2",
    "2 1/2",
    "years",
    "ago",
    "hours",
    "before",
    "10:30",
    "a.m.",
    "p.m.",
    "EDT",
    "noon",
    "midnight",
    "every",
    "Friday",
    "weekly",
    "the",
    "1990s",
    "'",
    "90s",
    "mid-",
    "mid-1990s",
    "third-quarter",
    "quarter",
    "year-ago",
    "twenty",
    "four",
    "twenty-four",
    "first",
    "half",
    "a",
    "an",
    "couple",
    "of",
    "few",
    "recently",
    "now",
    "future",
    "that",
    "later",
    "earlier",
    "this",
    "month",
    "week",
    "weekend",
    "summer",
    "fall",
    "Christmas",
    "New",
    "Year",
    "'s",
    "Eve",
    "Thanksgiving",
    "fiscal",
    "1989",
    "0400",
    "GMT",
    "o'clock",
    "99999999999999999999",
    "9999",
    "0",
    "00/00/0000",
    "31/31/31",
    "2021-13-45",
    "2021-02-29",
    "Feb.",
    "29",
    "nineteen",
    "ninety-nine",
    "two",
    "thousand",
    "century",
    "21st",
    "-",
    "—",
    ".",
    "?",
    "\n",
    "\n\n",
    "é",
    "Ω",
    "日本",
    "🙂",
    "\u{200d}",
    "’",
    "”",
    "مرحبا",
    "नमस्ते",
    "\u{301}",
    "\t",
    "Updated:",
    "Published",
    "Tuesday,",
    "June",
    "May",
    "march",
];

#[test]
fn fuzz_never_panics() {
    let mut random = Random(0x5EED_1234_ABCD_0001);
    let mut n_times = 0;
    for round in 0..12_000 {
        let n_pieces = 1 + random.below(25);
        let mut text = String::new();
        for _ in 0..n_pieces {
            match random.below(10) {
                0 => text.push(char::from_u32(random.below(0x3000) as u32).unwrap_or('x')),
                1 => text.push_str(&random.below(100_000).to_string()),
                _ => text.push_str(PIECES[random.below(PIECES.len())]),
            }
            if random.below(3) > 0 {
                text.push(' ');
            }
        }
        let dct = match round % 3 {
            0 => None,
            1 => CalendarDate::new(2021, 6, 29),
            _ => CalendarDate::new(
                1 + random.below(9999) as i32,
                1 + random.below(12) as u32,
                1,
            ),
        };
        let (_, found) = analyse(&text, dct);
        let prepared = normalize::prepare(&text);
        for time in &found {
            assert!(
                time.start < time.end && time.end <= prepared.text.len(),
                "{text:?}"
            );
            assert_eq!(&prepared.text[time.start..time.end], time.text, "{text:?}");
        }
        n_times += found.len();
    }
    assert!(n_times > 1000, "the fuzz input found only {n_times} times");
}
