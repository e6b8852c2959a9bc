//! Finding time expressions: a hand-written matcher over tokens.
//!
//! Each token is lower-cased once; then, at every token that can start a time expression,
//! a handful of *core* matchers (numeric dates, month names, weekdays, "last"/"next" + unit,
//! number + unit, clock times, sets, ...) each try to read as far as they can. The longest
//! reading wins, and may take a prefix it allows: "the" ("the third quarter", "the
//! 1990s"), an approximation ("nearly four years", "more than two hours") or a position in
//! the period ("early next year", "mid-November", "earlier this month"). Prepositions are
//! never part of the span ("on Monday" -> "Monday"), as TimeML wants.
//!
//! The matcher only finds and *describes* an expression ([`Kind`]); resolving it against
//! the publication date and the story's chain of dates is [`super::normalise`]'s job.
//!
//! Why not regular expressions: the `regex` crate costs 270 KB of wasm, and number words,
//! capitalisation checks and "accept a year only after a cue" are easier to say in code.
//! Cost: one pass over the tokens; most tokens are turned away by one lookup in a small set
//! of the words an expression may start with (`start_of`, built once from the
//! lexicon's tables), and only the rest meet the matchers. The set also says, for the
//! commonest of those words, which matchers can read them first (none for "the", only
//! `core_chained` for "that"), so that those run alone.

use super::lexicon::{self, PartOfDay, Season, Unit};
use crate::document::TimeType;
use crate::segment::Segmented;
use std::sync::OnceLock;

/// One token: its byte range in the text and in [`Words`]' buffer of lower-cased words.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    lower_start: usize,
    lower_end: usize,
    /// Whether a time expression, or the core of one, may start here ([`start_of`]),
    /// computed once per token rather than at every matcher that looks at it.
    starts: Start,
}

/// What may start at a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Nothing: most words.
    No,
    /// Only an expression whose core comes later: [`PREFIX_ONLY_WORDS`] ("the", "nearly").
    Prefix,
    /// An expression or its core, read by the core matchers in the mask (bits of
    /// [`Matcher::CORE_MATCHERS`]): all of them, or for a few common words only those
    /// that read such a word first ([`FEW_MATCHER_WORDS`]).
    Core(u16),
}

/// [`Start::Core`] masks: bits of [`Matcher::CORE_MATCHERS`], in its order.
mod core_bits {
    pub const MONTH: u16 = 1 << 1;
    pub const WEEKDAY: u16 = 1 << 3;
    pub const SHIFT: u16 = 1 << 4;
    pub const QUARTER: u16 = 1 << 5;
    pub const RELATIVE_WORD: u16 = 1 << 6;
    pub const NUMBER_UNIT: u16 = 1 << 7;
    pub const CHAINED: u16 = 1 << 10;
    pub const ALL: u16 = (1 << 13) - 1;
}

/// The tokens of a text, each lower-cased once (abbreviations lose their full stop: "Oct."
/// -> "oct"; curly apostrophes become straight ones).
///
/// All lower-cased words live in one buffer, so reading a document costs two allocations,
/// not one per token; the matchers borrow `&str`s from it. An ASCII word is read from the
/// text lower-cased as a whole, at the word's own range in the text.
#[derive(Debug, Clone)]
pub struct Words<'t> {
    text: &'t str,
    lowered: String,
    items: Vec<Word>,
}

impl<'t> Words<'t> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, idx: usize) -> Option<&Word> {
        self.items.get(idx)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Word> {
        self.items.iter()
    }

    /// The lower-cased word at `idx`; "" past either end.
    pub fn lower(&self, idx: usize) -> &str {
        self.items.get(idx).map_or("", |word| {
            self.lowered
                .get(word.lower_start..word.lower_end)
                .unwrap_or("")
        })
    }

    /// The word at `idx` as written; "" past either end.
    pub fn original(&self, idx: usize) -> &'t str {
        self.items
            .get(idx)
            .and_then(|word| self.text.get(word.start..word.end))
            .unwrap_or("")
    }

    fn may_start(&self, idx: usize) -> bool {
        self.items
            .get(idx)
            .is_some_and(|word| word.starts != Start::No)
    }

    /// The mask of core matchers that may read the word at `idx` first (0: none).
    fn core_matchers(&self, idx: usize) -> u16 {
        match self.items.get(idx).map(|word| word.starts) {
            Some(Start::Core(matchers)) => matchers,
            _ => 0,
        }
    }

    /// Every lower-cased word, in order (for [`super::tense`]).
    pub fn lowers(&self) -> Vec<&str> {
        self.items
            .iter()
            .map(|word| {
                self.lowered
                    .get(word.lower_start..word.lower_end)
                    .unwrap_or("")
            })
            .collect()
    }
}

/// Lower-cased words for the tokens of `segmented`.
pub fn words<'t>(text: &'t str, segmented: &Segmented) -> Words<'t> {
    // The buffer starts as the whole text lower-cased in one pass (which the compiler
    // vectorises), so an ASCII token's lower-cased form is already there, at the token's own
    // range; only the few non-ASCII tokens are lower-cased one by one, after the text.
    // Room for the non-ASCII words too (a few per article), so that appending them does not
    // move the buffer.
    let mut lowered = String::with_capacity(text.len() + text.len() / 16);
    lowered.push_str(text);
    lowered.make_ascii_lowercase();
    let mut items = Vec::with_capacity(segmented.tokens.len());
    let start_words = start_words();
    for token in &segmented.tokens {
        // Nearly every token is a short ASCII word: read as one `Key`, which answers "is it
        // ASCII", "does it end in a full stop" and "may it start an expression" in a few
        // integer operations rather than byte loops and a string comparison. (An ASCII
        // first byte starts a character, so only the end needs a boundary check.)
        let key = token
            .end
            .checked_sub(token.start)
            .and_then(|len| Key::at(lowered.as_bytes(), token.start, len));
        if let Some(key) = key {
            if key.is_ascii() && token.end <= text.len() && text.is_char_boundary(token.end) {
                let last = lowered.as_bytes().get(token.end.wrapping_sub(1));
                let key = key.without_abbreviation_dot(last.copied().unwrap_or(0));
                items.push(Word {
                    start: token.start,
                    end: token.end,
                    lower_start: token.start,
                    lower_end: token.start + key.len(),
                    starts: start_of_key(key, start_words),
                });
                continue;
            }
        }
        let Some(original) = text.get(token.start..token.end) else {
            continue;
        };
        let (lower_start, mut lower_end) = if original.is_ascii() {
            (token.start, token.end)
        } else {
            let lower_start = lowered.len();
            for ch in original.chars() {
                if ch == '’' {
                    lowered.push('\'');
                } else {
                    lowered.extend(ch.to_lowercase());
                }
            }
            (lower_start, lowered.len())
        };
        // "oct." -> "oct", but "a.m." and "u.s." keep theirs.
        let lower = lowered
            .as_bytes()
            .get(lower_start..lower_end)
            .unwrap_or_default();
        if let [before @ .., b'.'] = lower {
            if !before.is_empty() && !before.contains(&b'.') {
                lower_end -= 1;
            }
        }
        let starts = lowered
            .get(lower_start..lower_end)
            .map_or(Start::No, start_of);
        items.push(Word {
            start: token.start,
            end: token.end,
            lower_start,
            lower_end,
            starts,
        });
    }
    Words {
        text,
        lowered,
        items,
    }
}

/// Moves relative to the publication date: "last", "this", "next", or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    None,
    Last,
    This,
    Next,
}

/// What an expression says, before it is resolved against a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A calendar date with an explicit month: "June 29, 2021", "June 2021", "Oct. 9".
    Date {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
    Year(i32),
    /// First three digits: 199 for "the 1990s".
    Decade(i32),
    /// The tens digit of a decade named without its century ("the '90s", "the nineties").
    ShortDecade(i32),
    /// First two digits: 20 for "the 21st century".
    Century(i32),
    Weekday {
        weekday: u32,
        shift: Shift,
        part: Option<PartOfDay>,
    },
    /// Days from the publication date: "yesterday" -1, "tonight" 0 + night.
    DayOffset {
        days: i64,
        part: Option<PartOfDay>,
    },
    /// Units from the last date of the story: "the following day" (+1 day), "that night".
    Chained {
        unit: Unit,
        amount: i64,
        part: Option<PartOfDay>,
    },
    /// The unit around the publication date, moved: "this week" 0, "last month" -1.
    ShiftUnit {
        unit: Unit,
        amount: i64,
    },
    Weekend {
        shift: Shift,
    },
    Month {
        month: u32,
        /// The day when one follows a shifted month: "last Oct. 23".
        day: Option<u32>,
        shift: Shift,
    },
    /// "February this year", "April next year": the month in the publication year moved
    /// by `amount`. The span is the month alone, as TimeBank marks it; the year words
    /// after it are read and skipped.
    MonthOfShiftedYear {
        month: u32,
        amount: i64,
    },
    Season {
        season: Season,
        year: Option<i32>,
        shift: Shift,
    },
    /// A quarter (or half, when `half`) of a year: "the third quarter", "second-half".
    Quarter {
        number: u32,
        year: Option<i32>,
        half: bool,
    },
    /// "the quarter", "the latest period", "the year-ago quarter" (`years_back` 1).
    ReportedQuarter {
        years_back: i64,
    },
    /// "this year's third quarter" (`amount` 0), "last year's quarter" (`number` 0: the
    /// reported quarter).
    QuarterOfShiftedYear {
        number: u32,
        half: bool,
        amount: i64,
    },
    /// "the 1988 third quarter", "the 1988 period" (`number` 0: the reported quarter).
    QuarterOfYear {
        number: u32,
        half: bool,
        year: i32,
    },
    /// The period of `Kind` a year before: "the year-ago third quarter".
    YearBefore(Box<Kind>),
    /// "the quarter ended Sept. 30": the three months up to that date (a [`Kind::Date`]),
    /// named by the calendar quarter they mostly fall in.
    QuarterEnding(Box<Kind>),
    /// "two years ago" (`future` false) and "two years from now".
    Ago {
        unit: Unit,
        amount: Option<f64>,
        future: bool,
    },
    /// "a year earlier" (-1), "two days later" (+2): from the last date of the story.
    Relative {
        unit: Unit,
        amount: i64,
    },
    Clock {
        hour: u32,
        minute: u32,
        has_minute: bool,
        day: Option<Box<Kind>>,
    },
    /// A holiday: on a fixed day ("Christmas") or on a weekday of its month
    /// ("Thanksgiving", "Election Day").
    Holiday {
        month: u32,
        day: HolidayDay,
    },
    /// Durations, sets and references whose value needs no date.
    Fixed(String),
    /// "the first nine months", "the six months": a business story's year-to-date period,
    /// a duration (the value) that also sets what "a year earlier" compares with: the same
    /// months of the year before, which only the year names.
    YearToDate(String),
}

/// The day of a holiday in its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayDay {
    /// The day of the month: Christmas is 25.
    Fixed(u32),
    /// The `nth` `weekday` (Monday = 0) of the month, -1 for the last, and `after` days
    /// after it: Thanksgiving is the fourth Thursday, US Election Day the Tuesday after the
    /// first Monday (of November).
    Nth { weekday: u32, nth: i32, after: i64 },
    /// `after` days from Easter Sunday (Good Friday is -2), which moves between March 22
    /// and April 25; `week`: the (ISO) week of that day, "Easter week" (-6: the Monday
    /// before Easter, so that a story of that week finds it begun).
    Easter { after: i64, week: bool },
}

/// A found expression: tokens `first..end`, its kind and its TIMEX3 type.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub first: usize,
    pub end: usize,
    pub kind: Kind,
    pub time_type: TimeType,
}

impl Match {
    /// Words after the span that belong to the expression's meaning but not to its span:
    /// "this year" in "February this year".
    fn skip(&self) -> usize {
        match self.kind {
            Kind::MonthOfShiftedYear { .. } => 2,
            _ => 0,
        }
    }
}

/// What a core matcher read and which prefixes it accepts.
#[derive(Debug, Clone)]
struct Core {
    end: usize,
    kind: Kind,
    time_type: TimeType,
    /// "the" may go before it ("the 1990s"); when `needs_the`, it must.
    the_ok: bool,
    needs_the: bool,
    /// "nearly", "more than", "about" may go before it (durations and "ago").
    approx_ok: bool,
    /// "early", "late", "mid", "earlier", "later" may go before it.
    position_ok: bool,
}

impl Core {
    fn new(end: usize, kind: Kind, time_type: TimeType) -> Core {
        Core {
            end,
            kind,
            time_type,
            the_ok: false,
            needs_the: false,
            approx_ok: false,
            position_ok: false,
        }
    }

    fn date(end: usize, kind: Kind) -> Core {
        Core {
            position_ok: true,
            ..Core::new(end, kind, TimeType::Date)
        }
    }

    fn duration(end: usize, value: String) -> Core {
        Core {
            approx_ok: true,
            ..Core::new(end, Kind::Fixed(value), TimeType::Duration)
        }
    }

    fn the(mut self) -> Core {
        self.the_ok = true;
        self
    }

    fn needs_the(mut self) -> Core {
        self.the_ok = true;
        self.needs_the = true;
        self
    }
}

/// A number read from words or digits; `None` for a vague amount ("several", "a few").
struct Amount {
    value: Option<f64>,
    end: usize,
    /// Read from "a"/"an": "a year" after a rate is a set ("$5 a year").
    article: bool,
}

pub struct Matcher<'a, 't> {
    words: &'a Words<'t>,
    /// Every lower-cased word ([`Words::lowers`]), sliced out of `words` once: the matchers
    /// read words by index thousands of times a document, and slicing a `str` checks its
    /// bounds each time.
    lowers: &'a [&'a str],
    /// Numeric dates are day-first ("29/6/2021") in this document.
    day_first: bool,
}

/// Finds the time expressions in `words`, in order, without overlaps.
pub fn find(words: &Words) -> Vec<Match> {
    find_with_lowers(words, &words.lowers())
}

/// [`find`], given `words.lowers()` (which the caller needs too, for [`super::tense`]).
pub fn find_with_lowers<'a>(words: &'a Words, lowers: &'a [&'a str]) -> Vec<Match> {
    let matcher = Matcher {
        words,
        day_first: is_day_first(lowers),
        lowers,
    };
    // News prose has a time expression every few dozen words: room for that at once saves
    // the first few doublings (and nothing is allocated for a text too short for one).
    let mut found = Vec::with_capacity(words.len() / 32);
    let mut idx = 0;
    while idx < words.len() {
        match matcher.match_at(idx) {
            Some(found_match) if matcher.is_title(&found_match) => idx = found_match.end,
            Some(found_match) if found_match.end > idx => {
                idx = found_match.end + found_match.skip();
                let second_day = matcher.second_day(&found_match);
                found.push(found_match);
                if let Some(second_day) = second_day {
                    idx = second_day.end;
                    found.push(second_day);
                }
            }
            _ => idx += 1,
        }
    }
    found
}

/// Day-first when numeric dates show it ("29/6/2021": a first number above 12) more often
/// than they show month-first ("6/29/2021").
fn is_day_first(lowers: &[&str]) -> bool {
    let mut day_first = 0;
    let mut month_first = 0;
    // Only words starting with a digit can be numeric dates; the test here saves a call.
    let numeric = lowers
        .iter()
        .filter(|word| word.as_bytes().first().is_some_and(u8::is_ascii_digit));
    for word in numeric {
        if let Some((first, second, _)) = slash_numbers(word) {
            if first > 12 && second <= 12 {
                day_first += 1;
            } else if second > 12 && first <= 12 {
                month_first += 1;
            }
        }
    }
    day_first > month_first
}

/// Hours and minutes of an ISO clock: "18:00", "18:00:30", "18:00z" (seconds and zone
/// are read past).
fn iso_clock(clock: &str) -> Option<(u32, u32)> {
    let clock = clock.trim_end_matches('z');
    let mut parts = clock.split(':');
    let (hour, minute) = (parts.next()?, parts.next()?);
    if hour.len() != 2 || minute.len() != 2 || !is_digits(hour) || !is_digits(minute) {
        return None;
    }
    let (hour, minute) = (hour.parse::<u32>().ok()?, minute.parse::<u32>().ok()?);
    (hour <= 24 && minute <= 59).then_some((hour, minute))
}

/// A capital followed by lower case somewhere: "Granma", "Noon", not "NOON" or "9pm".
fn is_name_cased(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// "8pm" -> ("8", true), "10.30am" -> ("10.30", false): a number with its a.m./p.m. written
/// on (the lower-cased word has lost a final full stop: "8p.m").
fn glued_meridiem(word: &str) -> Option<(&str, bool)> {
    // "10.30pm." at a sentence's end is one token.
    let word = word.strip_suffix('.').unwrap_or(word);
    let (number, is_pm) = [("pm", true), ("am", false), ("p.m", true), ("a.m", false)]
        .into_iter()
        .find_map(|(suffix, is_pm)| Some((word.strip_suffix(suffix)?, is_pm)))?;
    let clock_like = !number.is_empty()
        && number.len() <= 5
        && number
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    clock_like.then_some((number, is_pm))
}

/// The parts of "6/29/2021", "6/29/21", "29.06.2021" or "6/29" (year 0 when absent).
fn slash_numbers(word: &str) -> Option<(u32, u32, i32)> {
    // "open 24/7": around the clock, not the 24th of July (nor evidence of day-first dates).
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) || word == "24/7" {
        return None;
    }
    let separator = if word.contains('/') {
        '/'
    } else if word.contains('.') {
        '.'
    } else {
        return None;
    };
    let mut parts = word.split(separator);
    let first = parts.next()?;
    let second = parts.next()?;
    let third = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let ok = |part: &str, max_len: usize| {
        !part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok(first, 2) || !ok(second, 2) {
        return None;
    }
    let year = match third {
        Some(year) if ok(year, 4) && (year.len() == 2 || year.len() == 4) => {
            let value: i32 = year.parse().ok()?;
            if year.len() == 2 {
                // Two-digit years: 00-49 are 2000s, 50-99 the 1900s.
                if value < 50 {
                    2000 + value
                } else {
                    1900 + value
                }
            } else {
                value
            }
        }
        Some(_) => return None,
        None if separator == '/' => 0,
        None => return None,
    };
    Some((first.parse().ok()?, second.parse().ok()?, year))
}

/// "P6M" to "P11M": the months of a year reported to date ("the first nine months"),
/// longer than a quarter and short of the year.
fn is_year_to_date(value: &str) -> bool {
    value
        .strip_prefix('P')
        .and_then(|rest| rest.strip_suffix('M'))
        .and_then(|months| months.parse::<u32>().ok())
        .is_some_and(|months| (6..=11).contains(&months))
}

fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// A four-digit year 1000..=2099 written as digits.
fn year_digits(word: &str) -> Option<i32> {
    if word.len() == 4 && is_digits(word) {
        let year: i32 = word.parse().ok()?;
        (1000..=2099).contains(&year).then_some(year)
    } else {
        None
    }
}

/// "1990s" -> 199, "90s" -> short decade 9 (as `Err`).
fn decade_digits(word: &str) -> Option<Result<i32, i32>> {
    let digits = word.strip_suffix("'s").or_else(|| word.strip_suffix('s'))?;
    if digits.len() == 4 && is_digits(digits) && digits.ends_with('0') {
        let year: i32 = digits.parse().ok()?;
        return (1000..=2090).contains(&year).then_some(Ok(year / 10));
    }
    if digits.len() == 2 && is_digits(digits) && digits.ends_with('0') {
        let short: i32 = digits.parse().ok()?;
        return Some(Err(short / 10));
    }
    None
}

/// Words outside the lexicon's tables that may start a time expression, or the first part
/// of a hyphenated one ("mid-November"): prefixes ("the", "nearly", "early", "last"),
/// deictic words ("today", "now"), vague amounts ("several"), sets ("daily", "every") and
/// the first words of holidays ("christmas", "labor").
#[rustfmt::skip]
const OTHER_START_WORDS: &[&str] = &[
    // Prefixes: "the", approximations, positions in a period.
    "the", "a", "an", "nearly", "almost", "about", "around", "roughly", "approximately",
    "some", "barely", "fully", "more", "less", "fewer", "at", "up",
    "early", "late", "mid", "earlier", "later", "end", "beginning", "middle", "start", "turn",
    // Shifts and reported periods ("last week", "the latest quarter", "fiscal 1990").
    "last", "past", "previous", "preceding", "this", "current", "next", "coming", "following",
    "latest", "recent", "most", "comparable", "corresponding", "same", "fiscal",
    // Deictic words and present or future references.
    "today", "yesterday", "tomorrow", "tonight", "overnight", "day", "now", "currently",
    "right", "short", "presently", "nowadays", "present", "these", "recently", "lately",
    "soon", "future", "near",
    // Vague amounts.
    "half", "several", "few", "many", "numerous", "countless", "couple", "dozens", "hundreds",
    "thousands", "millions",
    // Sets.
    "daily", "weekly", "monthly", "yearly", "annually", "hourly", "nightly", "every", "each",
    "once", "twice", "per",
    // Clock words, chained references ("that day"), holidays.
    "noon", "midday", "midnight", "that", "christmas", "halloween", "thanksgiving", "new",
    "valentine", "independence", "veterans", "election", "labor", "labour", "memorial",
    "easter", "good",
    // Periods: "year-ago", "the weekend", "the period", "full-year".
    "year", "weekend", "period", "quarter", "full",
    // Quarters and halves in business shorthand: "Q3 2023", "H1 2024".
    "q1", "q2", "q3", "q4", "h1", "h2",
];

/// The words [`start_of`] accepts, as two sets built once from the lexicon's tables.
struct StartWords {
    /// Words that may start an expression when written alone.
    whole: WordSet,
    /// Words that may start an expression as the part before a hyphen: "mid-November",
    /// "two-year", "third-quarter". Weekdays, seasons, parts of the day and decades count
    /// only as whole words ("spring-like" starts nothing).
    stems: WordSet,
}

/// Start words that only ever go before the core of an expression ("the", "nearly",
/// "at least", "up to"): no core matcher reads one as its first word (each matches its
/// first word against words of its own; these appear in them only as neighbours, which
/// `prefix_only_and_few_matcher_words_start_no_other_core`
/// checks). `core` turns them away before running
/// thirteen matchers, as it does words that start nothing.
const PREFIX_ONLY_WORDS: &[&str] = &[
    "the",
    "at",
    "up",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "barely",
    "fully",
    "more",
    "less",
    "fewer",
];

/// Common start words that only a few core matchers read first, with those matchers
/// (checked by `prefix_only_and_few_matcher_words_start_no_other_core`): `core` runs only
/// those on them. Months and weekdays too ([`few_matcher_words`]).
const FEW_MATCHER_WORDS: &[(&str, u16)] = &[
    // "that day", "that same week".
    ("that", core_bits::CHAINED),
    // "a year", "a few days"; "a while", "a later date".
    ("a", core_bits::RELATIVE_WORD | core_bits::NUMBER_UNIT),
    ("an", core_bits::RELATIVE_WORD | core_bits::NUMBER_UNIT),
    // "this week"; "the next day", "the previous year"; "the last half of 1989".
    ("this", core_bits::SHIFT),
    ("next", core_bits::SHIFT | core_bits::CHAINED),
    ("following", core_bits::SHIFT | core_bits::CHAINED),
    ("previous", core_bits::SHIFT | core_bits::CHAINED),
    ("preceding", core_bits::SHIFT | core_bits::CHAINED),
    ("last", core_bits::SHIFT | core_bits::QUARTER),
    // Business shorthand: "Q3 2023", "H1 2024".
    ("q1", core_bits::QUARTER),
    ("q2", core_bits::QUARTER),
    ("q3", core_bits::QUARTER),
    ("q4", core_bits::QUARTER),
    ("h1", core_bits::QUARTER),
    ("h2", core_bits::QUARTER),
];

/// [`FEW_MATCHER_WORDS`], months (read first only by `core_month`) and weekdays (only by
/// `core_weekday`).
fn few_matcher_words() -> impl Iterator<Item = (&'static str, u16)> {
    let months = lexicon::MONTH_WORDS
        .iter()
        .map(|&month| (month, core_bits::MONTH));
    let weekdays = lexicon::WEEKDAY_WORDS
        .iter()
        .map(|&weekday| (weekday, core_bits::WEEKDAY));
    FEW_MATCHER_WORDS
        .iter()
        .copied()
        .chain(months)
        .chain(weekdays)
}

fn start_words() -> &'static StartWords {
    static START_WORDS: OnceLock<StartWords> = OnceLock::new();
    START_WORDS.get_or_init(|| {
        let stem_tables = [
            lexicon::MONTH_WORDS,
            lexicon::UNIT_WORDS,
            lexicon::SMALL_NUMBER_WORDS,
            lexicon::TENS_WORDS,
            lexicon::SMALL_ORDINAL_WORDS,
            lexicon::TENS_ORDINAL_WORDS,
            OTHER_START_WORDS,
        ];
        let whole_only_tables = [
            lexicon::WEEKDAY_WORDS,
            lexicon::SEASON_WORDS,
            lexicon::PART_OF_DAY_WORDS,
            lexicon::DECADE_WORDS,
        ];
        let stems: Vec<String> = stem_tables
            .into_iter()
            .flatten()
            .map(|word| word.to_string())
            .collect();
        let whole = stems
            .iter()
            .cloned()
            .chain(
                whole_only_tables
                    .into_iter()
                    .flatten()
                    .map(|word| word.to_string()),
            )
            // Plural weekdays ("Mondays") name sets.
            .chain(
                lexicon::WEEKDAY_WORDS
                    .iter()
                    .map(|weekday| format!("{weekday}s")),
            );
        let special: Vec<(&str, Start)> = PREFIX_ONLY_WORDS
            .iter()
            .map(|&word| (word, Start::Prefix))
            .chain(few_matcher_words().map(|(word, matchers)| (word, Start::Core(matchers))))
            .collect();
        StartWords {
            whole: WordSet::new(whole, &special),
            stems: WordSet::new(stems, &[]),
        }
    })
}

/// A word of at most [`Key::MAX_LEN`] bytes packed into one integer: its bytes in order
/// from the lowest, zero-padded, and its length in the top byte. Two words have the same
/// key exactly when they are equal, so a set lookup compares one integer rather than a
/// length and then bytes through `memcmp`, and the byte tests a token needs ("ASCII?",
/// "a hyphen where?") are a few word-wide operations instead of byte loops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u128);

impl Key {
    /// The longest word with a key: the start words are at most 13 bytes long.
    const MAX_LEN: usize = 15;
    /// The top bit of each byte.
    const HIGH_BITS: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    /// The lowest bit of each byte.
    const LOW_BITS: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;

    /// The key of `buffer[start..start + len]`, if that is short enough to have one.
    fn at(buffer: &[u8], start: usize, len: usize) -> Option<Key> {
        if len > Self::MAX_LEN {
            return None;
        }
        // One 16-byte load where the buffer goes on that far (every token but the last
        // few), masked down to the word.
        let bytes = match buffer.get(start..start + 16) {
            Some(chunk) => u128::from_le_bytes(chunk.try_into().ok()?),
            None => {
                let mut padded = [0; 16];
                padded
                    .get_mut(..len)?
                    .copy_from_slice(buffer.get(start..start + len)?);
                u128::from_le_bytes(padded)
            }
        };
        Some(Key::from_bytes(bytes, len))
    }

    fn of(word: &[u8]) -> Option<Key> {
        Key::at(word, 0, word.len())
    }

    /// The key of the first `len` (at most 15) bytes of `bytes`.
    fn from_bytes(bytes: u128, len: usize) -> Key {
        // A table rather than a shift: a variable shift of a `u128` is a dozen instructions.
        const MASKS: [u128; 16] = {
            let mut masks = [0; 16];
            let mut len = 1;
            while len < 16 {
                masks[len] = (1 << (8 * len)) - 1;
                len += 1;
            }
            masks
        };
        Key((bytes & MASKS[len & 15]) | ((len as u128) << 120))
    }

    fn len(self) -> usize {
        (self.0 >> 120) as usize
    }

    fn first_byte(self) -> u8 {
        self.0 as u8
    }

    fn is_ascii(self) -> bool {
        // The length byte is below 0x80 too.
        self.0 & Self::HIGH_BITS == 0
    }

    /// The index of the first `byte` in the word.
    fn find(self, byte: u8) -> Option<usize> {
        // A byte equal to `byte` becomes zero; the lowest byte flagged by the classic
        // "has a zero byte" test is the first zero byte (borrows only reach above it).
        // Padding and the length byte are never zero for the bytes searched here ('-', '.').
        let diff = self.0 ^ (Self::LOW_BITS * u128::from(byte));
        let zeros = diff.wrapping_sub(Self::LOW_BITS) & !diff & Self::HIGH_BITS;
        if zeros == 0 {
            // Nearly every word: no such byte.
            return None;
        }
        let idx = (zeros.trailing_zeros() / 8) as usize;
        (idx < self.len()).then_some(idx)
    }

    /// The first `len` bytes of the word.
    fn prefix(self, len: usize) -> Key {
        Key::from_bytes(self.0, len)
    }

    /// "oct." -> "oct": a final full stop goes unless another one precedes it ("a.m.",
    /// "u.s.") or it is the whole word, as in [`words`]. `last` is the word's last byte.
    fn without_abbreviation_dot(self, last: u8) -> Key {
        let len = self.len();
        if last == b'.' && len >= 2 {
            let before = self.prefix(len - 1);
            if before.find(b'.').is_none() {
                return before;
            }
        }
        self
    }

    /// A slot of a [`WordSet`]: Fibonacci hashing of the bytes folded to 64 bits.
    fn slot(self) -> usize {
        let low = self.0 as u64;
        let high = (self.0 >> 64) as u64;
        let mixed = (low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - WordSet::SLOT_BITS)) as usize
    }
}

/// A fixed set of a few hundred short words, for one lookup per token of every document.
///
/// Open addressing over 1024 slots of [`Key`]s: a word not in the set (nearly every word)
/// mostly lands on an empty slot at once, and each probe is one integer comparison. A
/// general hash set reads every byte and costs several times as much per lookup here.
struct WordSet {
    /// Zero is an empty slot (no key is zero: its length byte is not).
    slots: Vec<u128>,
    /// What may start at the word in the slot.
    starts: Vec<Start>,
}

impl WordSet {
    const SLOT_BITS: u32 = 10;
    const SLOTS: usize = 1 << Self::SLOT_BITS;

    /// The set of `words`, each starting cores for every matcher unless `special` says
    /// otherwise.
    fn new(words: impl IntoIterator<Item = String>, special: &[(&str, Start)]) -> WordSet {
        let mut set = WordSet {
            slots: vec![0; Self::SLOTS],
            starts: vec![Start::No; Self::SLOTS],
        };
        for word in words {
            // Every start word is short (`start_words_agree_with_the_tables` would catch
            // one left out), and the tables hold a few hundred words, so a free slot is
            // always near.
            let Some(key) = Key::of(word.as_bytes()) else {
                continue;
            };
            let start = key.slot();
            let free = (0..Self::SLOTS)
                .map(|probe| (start + probe) % Self::SLOTS)
                .find(|&slot| set.slots[slot] == 0 || set.slots[slot] == key.0);
            if let Some(slot) = free {
                set.slots[slot] = key.0;
                set.starts[slot] = special
                    .iter()
                    .find(|(special, _)| *special == word)
                    .map_or(Start::Core(core_bits::ALL), |&(_, start)| start);
            }
        }
        set
    }

    /// What may start at `key`, if the set holds it.
    fn get(&self, key: Key) -> Option<Start> {
        let mut slot = key.slot();
        // At most every slot once; the set is never full, so an empty slot ends it first.
        for _ in 0..Self::SLOTS {
            match self.slots.get(slot) {
                Some(&candidate) if candidate == key.0 => return self.starts.get(slot).copied(),
                Some(&0) | None => return None,
                Some(_) => slot = (slot + 1) % Self::SLOTS,
            }
        }
        None
    }
}

/// What may start at `word`: a cheap filter that turns away most tokens (names, verbs,
/// nouns) before any matcher runs. One hash lookup per word, rather than a walk through
/// every table.
fn start_of(word: &str) -> Start {
    let start_words = start_words();
    if let Some(key) = Key::of(word.as_bytes()) {
        return start_of_key(key, start_words);
    }
    // A word too long for a key: only digits or a hyphenated stem can start anything.
    let Some(&first) = word.as_bytes().first() else {
        return Start::No;
    };
    if first.is_ascii_digit() {
        return Start::Core(core_bits::ALL);
    }
    if !first.is_ascii_alphabetic() {
        return Start::No;
    }
    lexicon::split_at_hyphen(word)
        .and_then(|(stem, _)| Key::of(stem.as_bytes()))
        .and_then(|stem| start_words.stems.get(stem))
        .unwrap_or(Start::No)
}

/// [`start_of`] for a word read as a key. Inlined into [`words`]' loop, which calls it for
/// every token (a call cost a tenth of the work).
#[inline(always)]
fn start_of_key(key: Key, start_words: &StartWords) -> Start {
    let first = key.first_byte();
    if first.is_ascii_digit() || (first == b'\'' && key.len() == 1) {
        return Start::Core(core_bits::ALL);
    }
    if !first.is_ascii_alphabetic() {
        return Start::No;
    }
    let found = match key.find(b'-') {
        None => start_words.whole.get(key),
        // A hyphenated number ("twenty-four") starts with its tens, a stem already.
        // (Stems start cores for every matcher: only whole words are special.)
        Some(hyphen) => start_words.stems.get(key.prefix(hyphen)),
    };
    found.unwrap_or(Start::No)
}

impl<'a, 't> Matcher<'a, 't> {
    /// The core matchers; the first of equally long readings wins.
    const CORE_MATCHERS: [fn(&Self, usize) -> Option<Core>; 13] = [
        Self::core_numeric,
        Self::core_month,
        Self::core_day_month,
        Self::core_weekday,
        Self::core_shift,
        Self::core_quarter,
        Self::core_relative_word,
        Self::core_number_unit,
        Self::core_set,
        Self::core_clock,
        Self::core_chained,
        Self::core_holiday,
        Self::core_words_year,
    ];

    /// The lower-cased word at `idx`; "" past either end.
    fn lower(&self, idx: usize) -> &'a str {
        self.lowers.get(idx).copied().unwrap_or("")
    }

    fn original(&self, idx: usize) -> &'t str {
        self.words.original(idx)
    }

    fn previous(&self, idx: usize) -> &'a str {
        idx.checked_sub(1).map_or("", |prev| self.lower(prev))
    }

    fn is_capitalised(&self, idx: usize) -> bool {
        self.original(idx)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Whether a match is the name of a show or a film: "This Week", "60 Minutes", "High
    /// Noon". A unit (or "noon") capitalised in running text, after a word (not at a
    /// sentence's start), names something; a text in capitals throughout is left alone.
    fn is_title(&self, found: &Match) -> bool {
        let last = found.end.saturating_sub(1);
        let word = self.original(last);
        let named = lexicon::unit(self.lower(last)).is_some()
            || matches!(self.lower(last), "noon" | "midnight");
        if !named || matches!(found.kind, Kind::Holiday { .. }) {
            return false;
        }
        let capitalised = is_name_cased(word);
        // The word before the last one, in the match or before it ("High Noon").
        let before = last.checked_sub(1).map_or("", |idx| self.original(idx));
        let before_capitalised = before.chars().next().is_some_and(char::is_uppercase);
        capitalised && (last > found.first || before_capitalised)
    }

    /// The second day of "April 24 and 25", "June 5 to 7": a date of its own, in the
    /// first one's month and year. Only when a clause break, a preposition or nothing
    /// follows it, so that "May 3 and 5 people died" stays a single date.
    fn second_day(&self, first: &Match) -> Option<Match> {
        let Kind::Date {
            year,
            month,
            day: Some(first_day),
        } = first.kind
        else {
            return None;
        };
        if !matches!(
            self.lower(first.end),
            "and" | "or" | "to" | "through" | "-" | "–"
        ) {
            return None;
        }
        let at = first.end + 1;
        let word = self.lower(at);
        if !is_digits(word) {
            return None;
        }
        let day = self.day_at(at).filter(|day| *day > first_day)?;
        if !matches!(
            self.lower(at + 1),
            "" | "," | "." | ";" | ":" | ")" | "in" | "at" | "when" | "and"
        ) {
            return None;
        }
        Some(Match {
            first: at,
            end: at + 1,
            kind: Kind::Date {
                year,
                month,
                day: Some(day),
            },
            time_type: TimeType::Date,
        })
    }

    /// Tries a match starting exactly at `idx`, with the prefixes the core allows.
    fn match_at(&self, idx: usize) -> Option<Match> {
        if !self.words.may_start(idx) {
            return None;
        }
        let first = self.lower(idx);
        let mut best: Option<Match> = None;
        let mut offer = |candidate: Option<Match>| {
            if let Some(candidate) = candidate {
                if best
                    .as_ref()
                    .is_none_or(|current| candidate.end > current.end)
                {
                    best = Some(candidate);
                }
            }
        };
        let to_match = |start: usize, core: Core| Match {
            first: start,
            end: core.end,
            kind: core.kind,
            time_type: core.time_type,
        };

        // "the" + optional position + core.
        if first == "the" {
            if let Some(core) = self.core(idx + 1) {
                if core.the_ok {
                    offer(Some(to_match(idx, core)));
                }
            }
            if let Some(position_len) = self.position_len(idx + 1) {
                let after = idx + 1 + position_len;
                if let Some(core) = self.core(after) {
                    // "the end of 1990": "the" belongs to "end", so the core needn't take it.
                    if core.position_ok && (core.the_ok || position_len == 2) {
                        offer(Some(to_match(idx, core)));
                    }
                }
                // "the end of the year", "the middle of the month".
                if position_len == 2 && self.lower(after) == "the" {
                    if let Some(core) = self.core(after + 1) {
                        if core.position_ok && core.the_ok {
                            offer(Some(to_match(idx, core)));
                        }
                    }
                }
            }
            if let Some(found) = best.as_mut() {
                if let Kind::Fixed(value) = &found.kind {
                    if is_year_to_date(value)
                        && !matches!(self.lower(idx + 1), "past" | "last" | "next" | "coming")
                    {
                        found.kind = Kind::YearToDate(value.clone());
                    }
                }
            }
            return best;
        }
        if let Some(approx_len) = self.approximation_len(idx) {
            let after = idx + approx_len;
            if let Some(core) = self.core(after) {
                if core.approx_ok && !core.needs_the {
                    offer(Some(to_match(idx, core)));
                }
            }
            if self.lower(after) == "the" {
                if let Some(core) = self.core(after + 1) {
                    if core.approx_ok && core.the_ok {
                        offer(Some(to_match(idx, core)));
                    }
                }
            }
        }
        if let Some(position_len) = self.position_len(idx) {
            if let Some(core) = self.core(idx + position_len) {
                if core.position_ok && !core.needs_the {
                    offer(Some(to_match(idx, core)));
                }
            }
        }
        if let Some(core) = self.core(idx) {
            if !core.needs_the {
                offer(Some(to_match(idx, core)));
            }
        }
        best
    }

    /// "more than", "nearly", "about", ...: how many words.
    fn approximation_len(&self, idx: usize) -> Option<usize> {
        match self.lower(idx) {
            "nearly" | "almost" | "about" | "around" | "roughly" | "approximately" | "some"
            | "barely" | "fully" => Some(1),
            "more" | "less" | "fewer" if self.lower(idx + 1) == "than" => Some(2),
            "at" if matches!(self.lower(idx + 1), "least" | "most") => Some(2),
            "up" if self.lower(idx + 1) == "to" => Some(2),
            _ => None,
        }
    }

    /// "early", "late", "mid", "earlier", "later", "end of", "the middle of", ...
    fn position_len(&self, idx: usize) -> Option<usize> {
        match self.lower(idx) {
            "early" | "late" | "mid" | "earlier" | "later" => Some(1),
            "end" | "beginning" | "middle" | "start" | "turn" | "spring" | "summer" | "fall"
            | "autumn" | "winter"
                if self.lower(idx + 1) == "of" =>
            {
                Some(2)
            }
            _ => None,
        }
    }

    /// The longest core reading at `idx`.
    fn core(&self, idx: usize) -> Option<Core> {
        // Every core starts with a word `start_of` accepts, and not with a prefix; most
        // words are turned away here.
        let matchers = self.words.core_matchers(idx);
        if matchers == 0 {
            return None;
        }
        // Each matcher's reading is kept only while it is the longest so far (the first of
        // equally long ones wins), rather than collecting all thirteen and folding: a `Core`
        // is large, and moving thirteen of them cost more than most matchers themselves.
        let mut best: Option<Core> = None;
        for (bit, matcher) in Self::CORE_MATCHERS.into_iter().enumerate() {
            if matchers & (1 << bit) == 0 {
                continue;
            }
            if let Some(core) = matcher(self, idx) {
                if best.as_ref().is_none_or(|current| core.end > current.end) {
                    best = Some(core);
                }
            }
        }
        best
    }

    // ----- numbers -------------------------------------------------------------------

    /// A cardinal at `idx`: digits ("24", "1,000", "2.5", "2 1/2"), words ("twenty four",
    /// "a", "a couple of", "several").
    fn amount(&self, idx: usize) -> Option<Amount> {
        let word = self.lower(idx);
        let vague = |end| {
            Some(Amount {
                value: None,
                end,
                article: false,
            })
        };
        let exact = |value: f64, end| {
            Some(Amount {
                value: Some(value),
                end,
                article: false,
            })
        };
        match word {
            "a" | "an" => {
                let next = self.lower(idx + 1);
                if next == "few" {
                    return vague(idx + 2);
                }
                if next == "couple" {
                    let end = if self.lower(idx + 2) == "of" {
                        idx + 3
                    } else {
                        idx + 2
                    };
                    return exact(2.0, end);
                }
                if next == "dozen" {
                    return exact(12.0, idx + 2);
                }
                if next == "half" {
                    return exact(0.5, idx + 2);
                }
                if next == "hundred" {
                    return exact(100.0, idx + 2);
                }
                return Some(Amount {
                    value: Some(1.0),
                    end: idx + 1,
                    article: true,
                });
            }
            "couple" => {
                let end = if self.lower(idx + 1) == "of" {
                    idx + 2
                } else {
                    idx + 1
                };
                return exact(2.0, end);
            }
            "several" | "few" | "many" | "numerous" | "some" | "countless" => {
                return vague(idx + 1)
            }
            "dozens" | "hundreds" | "thousands" | "millions" if self.lower(idx + 1) == "of" => {
                return vague(idx + 2)
            }
            "half" if matches!(self.lower(idx + 1), "a" | "an") => {
                return exact(0.5, idx + 2);
            }
            _ => {}
        }
        let first_is_digit = word.as_bytes().first().is_some_and(u8::is_ascii_digit);
        let plain = if first_is_digit && word.contains(',') {
            std::borrow::Cow::Owned(word.replace(',', ""))
        } else {
            std::borrow::Cow::Borrowed(word)
        };
        if first_is_digit && is_digits(&plain) && word.len() <= 9 {
            let mut value: f64 = plain.parse().ok()?;
            let mut end = idx + 1;
            // "2 1/2"
            if let Some((numerator, denominator, 0)) = slash_numbers(self.lower(end)) {
                if denominator > 0 && numerator < denominator {
                    value += f64::from(numerator) / f64::from(denominator);
                    end += 1;
                }
            }
            return exact(value, end);
        }
        if word.contains('.') {
            if let Ok(value) = word.parse::<f64>() {
                if value.is_finite() && value > 0.0 && value < 1e6 {
                    return exact(value, idx + 1);
                }
            }
        }
        let first = lexicon::number_word(word)?;
        let mut value = first;
        let mut end = idx + 1;
        if lexicon::tens_word(word).is_some() {
            if let Some(ones) = lexicon::number_word(self.lower(end)) {
                if (1..=9).contains(&ones) {
                    value += ones;
                    end += 1;
                }
            }
        }
        match self.lower(end) {
            "hundred" => {
                value *= 100;
                end += 1;
            }
            "thousand" => {
                value *= 1000;
                end += 1;
            }
            _ => {}
        }
        exact(value as f64, end)
    }

    /// An amount, or a range of two ("two to three weeks", "12 to 18 months"), which is
    /// a vague amount: the duration's value is `PXW`, `PXM`.
    fn amount_or_range(&self, idx: usize) -> Option<Amount> {
        let amount = self.amount(idx)?;
        if amount.article || amount.value.is_none() {
            return Some(amount);
        }
        if matches!(self.lower(amount.end), "to" | "or") {
            if let Some(upper) = self.amount(amount.end + 1) {
                let unit_follows = lexicon::unit(self.lower(upper.end)).is_some();
                if !upper.article && upper.value > amount.value && unit_follows {
                    return Some(Amount {
                        value: None,
                        end: upper.end,
                        article: false,
                    });
                }
            }
        }
        Some(amount)
    }

    // ----- numeric dates, years, decades ---------------------------------------------------

    fn core_numeric(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        let first_byte = *word.as_bytes().first()?;
        if word == "'" {
            // "the '90s"
            let next = self.lower(idx + 1);
            if let Some(Err(short)) = decade_digits(next) {
                return Some(Core::date(idx + 2, Kind::ShortDecade(short)).the());
            }
            return None;
        }
        let (prefix_mod, rest) = match lexicon::split_at_hyphen(word) {
            Some((prefix @ ("mid" | "early" | "late"), rest)) => (Some(prefix), rest),
            _ => (None, word),
        };
        if !first_byte.is_ascii_digit() && prefix_mod.is_none() {
            return None;
        }
        if let Some(decade) = decade_digits(rest) {
            // "in his 30s", "in her late 40s": an age.
            let before = |back: usize| idx.checked_sub(back).map_or("", |at| self.lower(at));
            let possessive =
                |word: &str| matches!(word, "his" | "her" | "their" | "my" | "your" | "our");
            if decade.is_err()
                && (possessive(before(1))
                    || (matches!(before(1), "early" | "late" | "mid") && possessive(before(2))))
            {
                return None;
            }
            let kind = match decade {
                Ok(decade) => Kind::Decade(decade),
                Err(short) => Kind::ShortDecade(short),
            };
            return Some(Core::date(idx + 1, kind).the());
        }
        // "1990's": the tokenizer splits off "'s".
        if let Some(year) = year_digits(rest) {
            if year % 10 == 0 && self.lower(idx + 1) == "'s" && self.previous(idx) == "the" {
                return Some(Core::date(idx + 2, Kind::Decade(year / 10)).the());
            }
        }
        if prefix_mod.is_some() {
            if let Some(year) = year_digits(rest) {
                return Some(Core::date(idx + 1, Kind::Year(year)).the());
            }
            if let Some(month) = lexicon::month(rest) {
                return Some(Core::date(
                    idx + 1,
                    Kind::Month {
                        month,
                        day: None,
                        shift: Shift::None,
                    },
                ));
            }
            return None;
        }
        if word == "9/11" {
            // "the 9/11 attacks", "since 9/11": the day has become the name of 2001's.
            let kind = Kind::Date {
                year: Some(2001),
                month: 9,
                day: Some(11),
            };
            return Some(Core::date(idx + 1, kind));
        }
        if let Some((first, second, year)) = slash_numbers(word) {
            let previous = self.previous(idx);
            if year == 0 && (is_digits(previous) || lexicon::number_word(previous).is_some()) {
                return None; // "2 1/2"
            }
            // "Intel eased 1/8", "fell 7/8": a share price moves in halves to 32nds, and a
            // date without its year is rarely written with a slash.
            if year == 0 && first < second && matches!(second, 2 | 4 | 8 | 16 | 32) {
                return None;
            }
            let (month, day) = if self.day_first {
                (second, first)
            } else {
                (first, second)
            };
            if !(1..=12).contains(&month) || day == 0 || day > 31 {
                return None;
            }
            if year == 0 && word.contains('.') {
                return None;
            }
            return Some(Core::date(
                idx + 1,
                Kind::Date {
                    year: (year != 0).then_some(year),
                    month,
                    day: Some(day),
                },
            ));
        }
        // ISO "2021-06-29", and "2021-06-29T18:00" with its clock.
        let mut parts = word.split('-');
        if let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            let (day, clock) = match day.split_once('t') {
                Some((day, clock)) => (day, Some(clock)),
                None => (day, None),
            };
            if let Some(year) = year_digits(year) {
                if month.len() == 2 && day.len() == 2 {
                    if let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>()) {
                        if (1..=12).contains(&month) && (1..=31).contains(&day) {
                            let date = Kind::Date {
                                year: Some(year),
                                month,
                                day: Some(day),
                            };
                            let Some(clock) = clock else {
                                return Some(Core::date(idx + 1, date));
                            };
                            let (hour, minute) = iso_clock(clock)?;
                            let kind = Kind::Clock {
                                hour,
                                minute,
                                has_minute: true,
                                day: Some(Box::new(date)),
                            };
                            return Some(Core::new(idx + 1, kind, TimeType::Time));
                        }
                    }
                }
            }
        }
        let year = year_digits(word)?;
        if self.previous(idx) == "the" {
            // "the 1988 quarter", "the 1989 period", "the 1988 third quarter".
            if matches!(self.lower(idx + 1), "quarter" | "period") {
                let kind = Kind::QuarterOfYear {
                    number: 0,
                    half: false,
                    year,
                };
                return Some(Core::date(idx + 2, kind).needs_the());
            }
            if let Some(Core {
                kind:
                    Kind::Quarter {
                        number,
                        half,
                        year: None,
                    },
                end,
                ..
            }) = self.core_quarter(idx + 1)
            {
                let kind = Kind::QuarterOfYear { number, half, year };
                return Some(Core::date(end, kind).needs_the());
            }
        }
        if self.is_year_context(idx) {
            return Some(Core::date(idx + 1, Kind::Year(year)));
        }
        None
    }

    /// A bare four-digit number is a year after a cue ("in 1990") or before punctuation,
    /// and never next to "$" or "percent".
    fn is_year_context(&self, idx: usize) -> bool {
        let previous = self.previous(idx);
        let next = self.lower(idx + 1);
        if matches!(previous, "$" | "£" | "€" | "no" | "#" | "number" | "page")
            || matches!(
                next,
                "%" | "percent"
                    | "people"
                    | "troops"
                    | "soldiers"
                    | "members"
                    | "feet"
                    | "meters"
                    | "metres"
                    | "miles"
                    | "kilometers"
                    | "km"
                    | "tons"
                    | "tonnes"
                    | "units"
                    | "shares"
                    | "dollars"
                    | "euros"
                    | "pounds"
                    | "yen"
                    | "yuan"
                    | "cases"
                    | "deaths"
                    | "times"
                    | "jobs"
                    | "homes"
                    | "residents"
                    | "votes"
                    | "hours"
                    | "days"
                    | "rooms"
                    | "workers"
                    | "points"
            )
        {
            return false;
        }
        // "its 1990 invasion", "a 1971 convention": a year used as an adjective.
        let determiner = matches!(
            previous,
            "a" | "an" | "his" | "her" | "its" | "their" | "our" | "that"
        ) && next.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
        // "his unsuccessful 1996 campaign", "1990 BellSouth earnings": a year of the
        // last century or this one before a word is a modifier, unless that word counts
        // things (turned away above, and here the commonest others).
        let modifier = (1900..=2039).contains(&self.words_year_value(idx))
            && next.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && !matches!(
                next,
                "and"
                    | "or"
                    | "to"
                    | "of"
                    | "in"
                    | "for"
                    | "from"
                    | "by"
                    | "employees"
                    | "students"
                    | "children"
                    | "cars"
                    | "vehicles"
                    | "barrels"
                    | "acres"
                    | "words"
                    | "copies"
                    | "patients"
                    | "refugees"
                    | "prisoners"
                    | "civilians"
                    | "passengers"
                    | "families"
                    | "households"
                    | "companies"
                    | "stores"
                    | "flights"
                    | "calls"
                    | "seats"
                    | "tickets"
                    | "men"
                    | "women"
                    | "police"
                    | "officers"
                    | "marines"
                    | "rounds"
                    | "rockets"
                    | "missiles"
                    | "vessels"
                    | "ships"
                    | "aircraft"
                    | "planes"
                    | "miles"
                    | "yards"
                    | "dead"
                    | "injured"
                    | "victims"
                    | "signatures"
                    | "sq"
                    | "square"
            );
        determiner
            || modifier
            || lexicon::year_cue_before(previous)
            || lexicon::month(previous).is_some()
            || matches!(
                next,
                "," | "."
                    | ";"
                    | ":"
                    | ")"
                    | "and"
                    | "to"
                    | "-"
                    | "–"
                    | "through"
                    | ""
                    | "?"
                    | "'s"
                    | "when"
                    | "after"
                    | "before"
                    | "election"
                    | "elections"
                    | "season"
                    | "budget"
                    | "census"
                    | "olympics"
            )
    }

    /// The four-digit number at `idx`, or 0.
    fn words_year_value(&self, idx: usize) -> i32 {
        year_digits(self.lower(idx)).unwrap_or(0)
    }

    // ----- month names ---------------------------------------------------------------

    /// A month name at `idx`, and the index after it (a lone "." after an unlisted
    /// abbreviation is part of it).
    fn month_at(&self, idx: usize) -> Option<(u32, usize)> {
        let word = self.lower(idx);
        let month = lexicon::month(word)?;
        let original = self.original(idx);
        if !self.is_capitalised(idx) {
            return None;
        }
        // Short forms need their full stop or to be followed by a number: "Jan." or
        // "Jan 5", not the name "Jan".
        let is_short = word.len() <= 4 && !matches!(word, "may" | "june" | "july");
        let has_dot = original.ends_with('.');
        let mut end = idx + 1;
        if is_short && !has_dot {
            if self.lower(end) == "." {
                end += 1;
            } else if !is_digits(self.lower(end)) {
                return None;
            }
        }
        Some((month, end))
    }

    /// A day of the month at `idx`: "29", "29th", "twenty-ninth".
    fn day_at(&self, idx: usize) -> Option<u32> {
        let word = self.lower(idx);
        // "June 9-11": a run of days, placed at its first.
        if let Some((first, last)) = word.split_once('-') {
            let day = |part: &str| {
                (is_digits(part) && part.len() <= 2)
                    .then(|| part.parse::<u32>().ok())
                    .flatten()
                    .filter(|day| (1..=31).contains(day))
            };
            if let (Some(first), Some(last)) = (day(first), day(last)) {
                return (first < last).then_some(first);
            }
        }
        let day = if is_digits(word) && word.len() <= 2 {
            word.parse().ok()?
        } else {
            u32::try_from(lexicon::ordinal(word)?).ok()?
        };
        (1..=31).contains(&day).then_some(day)
    }

    /// A year after a date: "2021", or in words ("nineteen ninety-seven").
    fn year_at(&self, idx: usize) -> Option<(i32, usize)> {
        if let Some(year) = year_digits(self.lower(idx)) {
            return Some((year, idx + 1));
        }
        self.words_year(idx)
    }

    fn core_month(&self, idx: usize) -> Option<Core> {
        let (month, mut end) = self.month_at(idx)?;
        // Month day[,] [year]
        if let Some(day) = self.day_at(end) {
            if !matches!(self.lower(end + 1), "%" | "percent") {
                let mut year = None;
                let mut after = end + 1;
                let comma = usize::from(self.lower(after) == ",");
                if let Some((found_year, year_end)) = self.year_at(after + comma) {
                    year = Some(found_year);
                    after = year_end;
                }
                return Some(Core::date(
                    after,
                    Kind::Date {
                        year,
                        month,
                        day: Some(day),
                    },
                ));
            }
        }
        // "June the 29th"
        if self.lower(end) == "the" {
            if let Some(day) = self.day_at(end + 1) {
                if lexicon::ordinal(self.lower(end + 1)).is_some() {
                    return Some(Core::date(
                        end + 2,
                        Kind::Date {
                            year: None,
                            month,
                            day: Some(day),
                        },
                    ));
                }
            }
        }
        // Month [of|,] year
        let skip = usize::from(matches!(self.lower(end), "of" | ","));
        if let Some((year, year_end)) = self.year_at(end + skip) {
            return Some(Core::date(
                year_end,
                Kind::Date {
                    year: Some(year),
                    month,
                    day: None,
                },
            ));
        }
        // The month alone. "May" and "March" are also a verb and a noun: only after a cue.
        let word = self.lower(idx);
        if matches!(word, "may" | "march" | "mar") {
            let previous = self.previous(idx);
            let cue = matches!(
                previous,
                "in" | "since"
                    | "by"
                    | "until"
                    | "of"
                    | "during"
                    | "through"
                    | "from"
                    | "to"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "this"
                    | "next"
                    | "each"
                    | "every"
                    | "and"
                    | "between"
                    | "end"
                    // "the March accession" (capitalised mid-sentence, so a month).
                    | "the"
            );
            if !cue {
                return None;
            }
        }
        end = end.max(idx + 1);
        let amount = match (self.lower(end), self.lower(end + 1)) {
            ("this", "year") => Some(0),
            ("last", "year") => Some(-1),
            ("next", "year") => Some(1),
            _ => None,
        };
        if let Some(amount) = amount {
            return Some(Core::date(end, Kind::MonthOfShiftedYear { month, amount }));
        }
        // "the" stays out, as for "the January 1998 bombing": it goes with the noun.
        Some(Core::date(
            end,
            Kind::Month {
                month,
                day: None,
                shift: Shift::None,
            },
        ))
    }

    /// "29 June 2021", "29th of June", "the 4th of July".
    fn core_day_month(&self, idx: usize) -> Option<Core> {
        let day = self.day_at(idx)?;
        let mut next = idx + 1;
        let is_ordinal = lexicon::ordinal(self.lower(idx)).is_some();
        if self.lower(next) == "of" && is_ordinal {
            next += 1;
        }
        let (month, end) = self.month_at(next)?;
        let comma = usize::from(self.lower(end) == ",");
        let (year, end) = match self.year_at(end + comma) {
            Some((year, year_end)) => (Some(year), year_end),
            None => (None, end),
        };
        let mut core = Core::date(
            end,
            Kind::Date {
                year,
                month,
                day: Some(day),
            },
        );
        if is_ordinal {
            core = core.the();
        }
        Some(core)
    }

    // ----- weekdays ------------------------------------------------------------------

    fn core_weekday(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        if let Some(weekday) = lexicon::weekday_plural(word) {
            let (part, end) = match self.lower(idx + 1) {
                next if lexicon::part_of_day(next).is_some() => {
                    (lexicon::part_of_day(next), idx + 2)
                }
                _ => (None, idx + 1),
            };
            let part_code = part.map_or(String::new(), |part| format!("T{}", part.code()));
            return Some(Core::new(
                end,
                Kind::Fixed(format!("XXXX-WXX-{}{part_code}", weekday + 1)),
                TimeType::Set,
            ));
        }
        let weekday = lexicon::weekday(word)?;
        let next = idx + 1;
        let comma = usize::from(self.lower(next) == ",");
        // Weekday, Month Day[, Year] / Weekday, 6/29/2021 / Weekday, 29 June
        for skip in [comma, 0] {
            let start = next + skip;
            if let Some(core) = self
                .core_month(start)
                .or_else(|| self.core_day_month(start))
            {
                if matches!(core.kind, Kind::Date { day: Some(_), .. }) {
                    return Some(Core::date(core.end, core.kind));
                }
            }
            if let Some(core) = self.core_numeric(start) {
                if matches!(core.kind, Kind::Date { .. }) {
                    return Some(Core::date(core.end, core.kind));
                }
            }
        }
        let (part, end) = match lexicon::part_of_day(self.lower(next)) {
            Some(part) if !self.lower(next).ends_with('s') => (Some(part), next + 1),
            Some(part) => {
                // "Tuesday nights": every Tuesday night.
                return Some(Core::new(
                    next + 1,
                    Kind::Fixed(format!("XXXX-WXX-{}T{}", weekday + 1, part.code())),
                    TimeType::Set,
                ));
            }
            None => (None, next),
        };
        let time_type = if part.is_some() {
            TimeType::Time
        } else {
            TimeType::Date
        };
        Some(Core {
            position_ok: true,
            ..Core::new(
                end,
                Kind::Weekday {
                    weekday,
                    shift: Shift::None,
                    part,
                },
                time_type,
            )
        })
    }

    // ----- last/this/next + unit ---------------------------------------------------------

    fn core_shift(&self, idx: usize) -> Option<Core> {
        // "this past spring", "this past week": the last one.
        let (word, next) = match self.lower(idx) {
            "this" if self.lower(idx + 1) == "past" => ("last", idx + 2),
            // "this coming Sunday": the next one.
            "this" if self.lower(idx + 1) == "coming" => ("coming", idx + 2),
            word => (word, idx + 1),
        };
        let shift = match word {
            "last" | "past" | "previous" | "preceding" => Shift::Last,
            "this" | "current" => Shift::This,
            "next" | "coming" | "following" => Shift::Next,
            "first" => Shift::None,
            // "for the full year": the whole of the current one.
            "full" if self.previous(idx) == "the" && self.lower(idx + 1) == "year" => Shift::This,
            _ => return None,
        };
        let is_past = matches!(word, "past" | "previous" | "preceding");
        // "will last ninety days": the verb, not "the last ninety days".
        if word == "last"
            && (is_modal(self.previous(idx))
                || matches!(self.previous(idx), "to" | "did" | "does" | "not"))
        {
            return None;
        }
        // "the current fiscal year" is the current year.
        let next = if self.lower(next) == "fiscal" && self.lower(next + 1) == "year" {
            next + 1
        } else {
            next
        };
        let next_word = self.lower(next);
        // "the first nine months", "the past two weeks", "the next few days"
        if let Some(amount) = self.amount_or_range(next) {
            if !amount.article {
                if let Some((unit, _)) = lexicon::unit(self.lower(amount.end)) {
                    // "the first two quarters of 1990": the year's first half, a date.
                    if unit == Unit::Quarter
                        && amount.value == Some(2.0)
                        && matches!(word, "first" | "last")
                        && self.lower(amount.end + 1) == "of"
                    {
                        if let Some((year, end)) = self.year_at(amount.end + 2) {
                            let number = if word == "first" { 1 } else { 2 };
                            let kind = Kind::Quarter {
                                number,
                                year: Some(year),
                                half: true,
                            };
                            return Some(Core::date(end, kind).the());
                        }
                    }
                    let value = super::value::duration(amount.value, unit);
                    // "the next two years or so"
                    let mut end = amount.end + 1;
                    if self.lower(end) == "or" && self.lower(end + 1) == "so" {
                        end += 2;
                    }
                    return Some(Core::duration(end, value).the());
                }
            }
        }
        if word == "first" {
            return None;
        }
        if word == "following" || word == "preceding" || word == "current" {
            // "the following day" is chained; "current" only before a unit.
            if word != "current" {
                return None;
            }
        }
        let sign = match shift {
            Shift::Last => -1,
            Shift::This => 0,
            _ => 1,
        };
        if let Some(weekday) = lexicon::weekday(next_word) {
            if is_past {
                return None;
            }
            // "this coming Sunday, March 8": the date says which.
            if self.lower(next + 1) == "," {
                if let Some(date) = self
                    .core_month(next + 2)
                    .filter(|core| matches!(core.kind, Kind::Date { day: Some(_), .. }))
                {
                    return Some(Core::date(date.end, date.kind));
                }
            }
            let (part, end) = match lexicon::part_of_day(self.lower(next + 1)) {
                Some(part) => (Some(part), next + 2),
                None => (None, next + 1),
            };
            let time_type = if part.is_some() {
                TimeType::Time
            } else {
                TimeType::Date
            };
            return Some(Core {
                position_ok: true,
                ..Core::new(
                    end,
                    Kind::Weekday {
                        weekday,
                        shift,
                        part,
                    },
                    time_type,
                )
            });
        }
        if let Some(month) = lexicon::month(next_word) {
            if is_past || !self.is_capitalised(next) {
                return None;
            }
            // "last Oct. 23": the shifted month's day.
            if let Some((_, month_end)) = self.month_at(next) {
                if let Some(day) = self.day_at(month_end) {
                    let kind = Kind::Month {
                        month,
                        day: Some(day),
                        shift,
                    };
                    return Some(Core::date(month_end + 1, kind));
                }
            }
            let kind = Kind::Month {
                month,
                day: None,
                shift,
            };
            return Some(Core::date(next + 1, kind));
        }
        if let Some(season) = lexicon::season(next_word) {
            if is_past {
                return None;
            }
            return Some(Core::date(
                next + 1,
                Kind::Season {
                    season,
                    year: None,
                    shift,
                },
            ));
        }
        if next_word == "weekend" {
            return Some(Core::date(next + 1, Kind::Weekend { shift }).the());
        }
        if let Some(part) = lexicon::part_of_day(next_word) {
            let days = match (word, part) {
                ("last", _) => -1,
                ("this", _) => 0,
                _ => return None,
            };
            return Some(Core::new(
                next + 1,
                Kind::DayOffset {
                    days,
                    part: Some(part),
                },
                TimeType::Time,
            ));
        }
        if let Some((unit, plural)) = lexicon::unit(next_word) {
            if plural {
                // "the past months": vague duration; "the coming months": the future.
                if matches!(word, "coming" | "next") && self.previous(idx) == "the" {
                    return Some(
                        Core::new(next + 1, Kind::Fixed("FUTURE_REF".into()), TimeType::Date)
                            .needs_the(),
                    );
                }
                // "in past years" (no article): earlier years at large, as "recent years".
                if word == "past"
                    && matches!(unit, Unit::Year | Unit::Decade)
                    && self.previous(idx) != "the"
                {
                    return Some(Core::new(
                        next + 1,
                        Kind::Fixed("PAST_REF".into()),
                        TimeType::Date,
                    ));
                }
                if matches!(word, "past" | "last") {
                    return Some(
                        Core::duration(next + 1, super::value::duration(None, unit)).the(),
                    );
                }
                return None;
            }
            if unit < Unit::Week {
                if unit == Unit::Day && word == "past" {
                    return Some(Core::duration(next + 1, "P1D".into()).the());
                }
                return None;
            }
            if is_past && unit != Unit::Year {
                return Some(
                    Core::duration(next + 1, super::value::duration(Some(1.0), unit)).the(),
                );
            }
            // "this year's third quarter", "last year's quarter"
            if unit == Unit::Year && self.lower(next + 1) == "'s" {
                if let Some(quarter) = self.core_quarter(next + 2) {
                    if let Kind::Quarter { number, half, .. } = quarter.kind {
                        return Some(Core::date(
                            quarter.end,
                            Kind::QuarterOfShiftedYear {
                                number,
                                half,
                                amount: sign,
                            },
                        ));
                    }
                    if let Kind::ReportedQuarter { .. } = quarter.kind {
                        return Some(Core::date(
                            quarter.end,
                            Kind::QuarterOfShiftedYear {
                                number: 0,
                                half: false,
                                amount: sign,
                            },
                        ));
                    }
                }
            }
            // "this quarter's loss": results, so the quarter the story reports on.
            if unit == Unit::Quarter && shift == Shift::This && self.lower(next + 1) == "'s" {
                return Some(Core::date(
                    next + 1,
                    Kind::ReportedQuarter { years_back: 0 },
                ));
            }
            // "last year", "next week", "the past year"
            return Some(Core::date(next + 1, Kind::ShiftUnit { unit, amount: sign }).the());
        }
        // "the last/past decade"
        None
    }

    // ----- quarters and halves ---------------------------------------------------------

    fn core_quarter(&self, idx: usize) -> Option<Core> {
        if let Some(core) = self.core_reported_quarter(idx) {
            return Some(core);
        }
        if let Some(core) = self.core_quarter_code(idx) {
            return Some(core);
        }
        let word = self.lower(idx);
        // "third-quarter", "second-half", "first-quarter"
        let (number_word, unit_word, end) = match lexicon::split_at_hyphen(word) {
            Some((number, unit @ ("quarter" | "half"))) => (number, unit, idx + 1),
            _ => {
                let next = self.lower(idx + 1);
                if matches!(next, "quarter" | "half") {
                    (word, next, idx + 2)
                } else if word == "fiscal" && self.core_quarter(idx + 1).is_some() {
                    // "the fiscal first quarter", "fiscal second-quarter"
                    return self.core_quarter(idx + 1);
                } else if matches!(word, "fiscal") {
                    // "fiscal 1989", "fiscal year 1990"
                    let skip = usize::from(self.lower(idx + 1) == "year");
                    if let Some(year) = year_digits(self.lower(idx + 1 + skip)) {
                        return Some(Core::date(idx + 2 + skip, Kind::Year(year)));
                    }
                    if self.lower(idx + 1) == "year" {
                        // "for the fiscal year ended Jan. 31" measures a year; "lower
                        // earnings for the fiscal year" means the current one.
                        if matches!(self.lower(idx + 2), "ended" | "ending" | "that") {
                            return Some(Core::duration(idx + 2, "P1Y".into()).needs_the());
                        }
                        let kind = Kind::ShiftUnit {
                            unit: Unit::Year,
                            amount: 0,
                        };
                        return Some(Core::date(idx + 2, kind).needs_the());
                    }
                    return None;
                } else {
                    return None;
                }
            }
        };
        // "the fiscal-first quarter"
        let number_word = number_word.strip_prefix("fiscal-").unwrap_or(number_word);
        let half = unit_word == "half";
        let max = if half { 2 } else { 4 };
        // "the last half of 1989" (with its year: "the last quarter" alone is the latest).
        let is_last_of_year = number_word == "last"
            && self.lower(end) == "of"
            && year_digits(self.lower(end + 1)).is_some();
        let number = if is_last_of_year {
            max
        } else {
            lexicon::ordinal(number_word)?
        };
        if !(1..=max).contains(&number) {
            return None;
        }
        let number = number as u32;
        // "... of 1989", "... of last year"
        let (year, end) = if self.lower(end) == "of" {
            match year_digits(self.lower(end + 1)) {
                Some(year) => (Some(year), end + 2),
                None => (None, end),
            }
        } else {
            (None, end)
        };
        let core = Core::date(end, Kind::Quarter { number, year, half });
        // "the third quarter", but "the third-quarter earnings": a hyphenated quarter
        // modifies the noun after it, and "the" goes with that noun.
        Some(if end == idx + 1 { core } else { core.the() })
    }

    /// "Q3 2023", "Q3" (this year's, or the story's), "H1 2024": written in capitals, and a
    /// half only with its year ("H1" alone may be a heading or a virus).
    fn core_quarter_code(&self, idx: usize) -> Option<Core> {
        let (half, number) = match self.original(idx) {
            "Q1" => (false, 1),
            "Q2" => (false, 2),
            "Q3" => (false, 3),
            "Q4" => (false, 4),
            "H1" => (true, 1),
            "H2" => (true, 2),
            _ => return None,
        };
        let (year, end) = match year_digits(self.lower(idx + 1)) {
            Some(year) => (Some(year), idx + 2),
            None if half => return None,
            None => (None, idx + 1),
        };
        Some(Core::date(end, Kind::Quarter { number, year, half }).the())
    }

    fn core_reported_quarter(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        // "the quarter ended July 31": the date names the quarter (the date is an
        // expression of its own, so the span stays "the quarter").
        if matches!(word, "quarter" | "period")
            && self.previous(idx) == "the"
            && matches!(self.lower(idx + 1), "ended" | "ending" | "that")
        {
            let after = idx + 2 + usize::from(self.lower(idx + 2) == "ended");
            if let Some(date) = self
                .core_month(after)
                .filter(|core| matches!(core.kind, Kind::Date { day: Some(_), .. }))
            {
                let kind = Kind::QuarterEnding(Box::new(date.kind));
                return Some(Core::date(idx + 1, kind).needs_the());
            }
        }
        let (years_back, end) = match word {
            // "the quarter", "last year's quarter" (the reported one, a year back).
            "quarter" | "period" if matches!(self.previous(idx), "the" | "'s") => (0, idx + 1),
            "comparable" | "corresponding" | "same"
                if matches!(self.lower(idx + 1), "quarter" | "period")
                    && self.year_back_len(idx + 2).is_some() =>
            {
                (0, idx + 2)
            }
            "latest" | "recent" if matches!(self.lower(idx + 1), "quarter" | "period") => {
                (0, idx + 2)
            }
            "most" if self.lower(idx + 1) == "recent" && self.lower(idx + 2) == "quarter" => {
                (0, idx + 3)
            }
            "comparable" | "corresponding" | "same"
                if matches!(self.lower(idx + 1), "year-ago" | "year-earlier")
                    && matches!(self.lower(idx + 2), "quarter" | "period") =>
            {
                (1, idx + 3)
            }
            "year-ago" | "year-earlier" => {
                if matches!(self.lower(idx + 1), "quarter" | "period") {
                    (1, idx + 2)
                } else if let Some(quarter) = self
                    .core_quarter(idx + 1)
                    .filter(|core| matches!(core.kind, Kind::Quarter { year: None, .. }))
                {
                    // "the year-ago third quarter"
                    let kind = Kind::YearBefore(Box::new(quarter.kind));
                    return Some(Core::date(quarter.end, kind).needs_the());
                } else {
                    (1, idx + 1)
                }
            }
            _ => return None,
        };
        // "the quarter a year ago", "the corresponding period last year".
        let (years_back, end) = match self.year_back_len(end) {
            Some(len) if years_back == 0 => (1, end + len),
            _ => (years_back, end),
        };
        let core = Core::date(end, Kind::ReportedQuarter { years_back });
        // "The year-ago results": the adjective alone leaves "the" to its noun.
        Some(if years_back == 1 && end == idx + 1 {
            core
        } else {
            core.needs_the()
        })
    }

    /// "a year ago", "a year earlier", "last year" after a period: how many words.
    fn year_back_len(&self, idx: usize) -> Option<usize> {
        match (self.lower(idx), self.lower(idx + 1), self.lower(idx + 2)) {
            ("a" | "one", "year", "ago" | "earlier" | "before") => Some(3),
            ("last" | "previous", "year", _) if self.lower(idx + 2) != "'s" => Some(2),
            _ => None,
        }
    }

    // ----- words: today, now, recently, ... ------------------------------------------

    fn core_relative_word(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        let fixed = |end: usize, value: &str| {
            Some(Core::new(end, Kind::Fixed(value.into()), TimeType::Date))
        };
        let day = |days: i64| {
            // "yesterday morning", "tomorrow night"
            let (part, end) = match lexicon::part_of_day(self.lower(idx + 1)) {
                Some(part) if !self.lower(idx + 1).ends_with('s') => (Some(part), idx + 2),
                _ => (None, idx + 1),
            };
            let time_type = if part.is_some() {
                TimeType::Time
            } else {
                TimeType::Date
            };
            Some(Core {
                position_ok: true,
                ..Core::new(end, Kind::DayOffset { days, part }, time_type)
            })
        };
        // "mid-afternoon yesterday", "early-morning Tuesday": a part of that day.
        if let Some(part) = ["mid-", "early-", "late-"]
            .iter()
            .find_map(|prefix| word.strip_prefix(prefix))
            .and_then(lexicon::part_of_day)
        {
            let next = self.lower(idx + 1);
            let kind = match next {
                "yesterday" => Kind::DayOffset {
                    days: -1,
                    part: Some(part),
                },
                "today" => Kind::DayOffset {
                    days: 0,
                    part: Some(part),
                },
                "tomorrow" => Kind::DayOffset {
                    days: 1,
                    part: Some(part),
                },
                _ => Kind::Weekday {
                    weekday: lexicon::weekday(next)?,
                    shift: Shift::None,
                    part: Some(part),
                },
            };
            return Some(Core::new(idx + 2, kind, TimeType::Time));
        }
        match word {
            // "today's world", "today's youth": the present age, not the day.
            "today"
                if self.lower(idx + 1) == "'s"
                    && matches!(
                        self.lower(idx + 2),
                        "world"
                            | "youth"
                            | "society"
                            | "generation"
                            | "young"
                            | "youngsters"
                            | "children"
                            | "kids"
                            | "teenagers"
                            | "standards"
                            | "technology"
                            | "economy"
                    ) =>
            {
                None
            }
            "today" => day(0),
            "yesterday" => day(-1),
            "tomorrow" => day(1),
            "tonight" => Some(Core::new(
                idx + 1,
                Kind::DayOffset {
                    days: 0,
                    part: Some(PartOfDay::Night),
                },
                TimeType::Time,
            )),
            "overnight" => Some(Core::new(
                idx + 1,
                Kind::DayOffset {
                    days: 0,
                    part: Some(PartOfDay::Night),
                },
                TimeType::Time,
            )),
            "day" if self.lower(idx + 1) == "before" && self.lower(idx + 2) == "yesterday" => Some(
                Core::new(
                    idx + 3,
                    Kind::DayOffset {
                        days: -2,
                        part: None,
                    },
                    TimeType::Date,
                )
                .needs_the(),
            ),
            "day" if self.lower(idx + 1) == "after" && self.lower(idx + 2) == "tomorrow" => Some(
                Core::new(
                    idx + 3,
                    Kind::DayOffset {
                        days: 2,
                        part: None,
                    },
                    TimeType::Date,
                )
                .needs_the(),
            ),
            "now" => {
                // "Now, he says, ...", "Now for the quiz": at the head of a sentence
                // (or of a quotation) and before a comma or "for", "now" turns the
                // discourse and points at no time.
                let heads_sentence = idx == 0
                    || matches!(
                        self.previous(idx),
                        "." | "?" | "!" | "\"" | "``" | "“" | "''" | "'"
                    );
                if heads_sentence && matches!(self.lower(idx + 1), "," | "for") {
                    return None;
                }
                fixed(idx + 1, "PRESENT_REF")
            }
            "currently" | "presently" | "nowadays" => fixed(idx + 1, "PRESENT_REF"),
            "right" if self.lower(idx + 1) == "now" => fixed(idx + 2, "PRESENT_REF"),
            // "in the near term", "in the short term" (not "short-term debt").
            "near" | "short" if self.lower(idx + 1) == "term" && self.previous(idx) == "the" => {
                fixed(idx + 2, "FUTURE_REF").map(Core::needs_the)
            }
            "a" if self.lower(idx + 1) == "later" && self.lower(idx + 2) == "date" => {
                fixed(idx + 3, "FUTURE_REF")
            }
            // "for a while": a stretch of unknown length and unit.
            "a" if self.lower(idx + 1) == "while"
                && matches!(self.previous(idx), "for" | "in" | "after" | "quite") =>
            {
                Some(Core::duration(idx + 2, "PXX".into()))
            }
            "present" if self.previous(idx) == "at" || self.previous(idx) == "the" => {
                let core = fixed(idx + 1, "PRESENT_REF")?;
                Some(if self.previous(idx) == "the" {
                    core.needs_the()
                } else {
                    core
                })
            }
            "these" if self.lower(idx + 1) == "days" => fixed(idx + 2, "PRESENT_REF"),
            "current"
                if lexicon::unit(self.lower(idx + 1)).is_none_or(|(unit, _)| unit < Unit::Week) =>
            {
                if matches!(
                    self.lower(idx + 1),
                    "account" | "affairs" | "events" | "flows" | "flow" | "accounts"
                ) {
                    return None;
                }
                // "the then current market price": current at a past time.
                if self.previous(idx) == "then" {
                    return fixed(idx + 1, "PAST_REF");
                }
                fixed(idx + 1, "PRESENT_REF")
            }
            // "Islam will one day be...", "he hopes to some day return": an unnamed time to
            // come. After a modal, "to" or a subject pronoun "one day" is no length of time
            // ("followed by one day", "in the job one day").
            "one" | "some"
                if self.lower(idx + 1) == "day"
                    && (is_modal(self.previous(idx))
                        || matches!(
                            self.previous(idx),
                            "to" | "he" | "she" | "they" | "we" | "i" | "you"
                        ))
                    // A verb follows: "to one day return", not "to one day of talks".
                    && self.lower(idx + 2).bytes().all(|byte| byte.is_ascii_lowercase())
                    && !matches!(
                        self.lower(idx + 2),
                        "" | "of"
                            | "and"
                            | "or"
                            | "in"
                            | "to"
                            | "later"
                            | "earlier"
                            | "after"
                            | "before"
                            | "ago"
                    ) =>
            {
                fixed(idx + 2, "FUTURE_REF")
            }
            "recently" | "lately" => fixed(idx + 1, "PAST_REF"),
            "recent" => match lexicon::unit(self.lower(idx + 1)) {
                // "in recent years", "the boom of recent years": an unbounded stretch of the
                // past, no countable length, so TimeBank (and HeidelTime) write PAST_REF;
                // "recent weeks" and "recent days" stay vague durations (PXW, PXD).
                Some((Unit::Year | Unit::Decade, true)) => fixed(idx + 2, "PAST_REF"),
                Some((unit, true)) => {
                    Some(Core::duration(idx + 2, super::value::duration(None, unit)))
                }
                _ => None,
            },
            "past" if self.previous(idx) == "the" => {
                let next = self.lower(idx + 1);
                if lexicon::unit(next).is_some() || self.amount(idx + 1).is_some() {
                    return None;
                }
                fixed(idx + 1, "PAST_REF").map(Core::needs_the)
            }
            "soon" => {
                // "soon after being captured", "soon thereafter": close to another event,
                // not ahead of the story's date (and as often in the past).
                if self.previous(idx) == "as"
                    || matches!(
                        self.lower(idx + 1),
                        "as" | "after" | "afterward" | "afterwards" | "thereafter"
                    )
                {
                    return None;
                }
                fixed(idx + 1, "FUTURE_REF")
            }
            "future" => {
                let previous = self.previous(idx);
                if previous == "the" {
                    return fixed(idx + 1, "FUTURE_REF").map(Core::needs_the);
                }
                if previous == "near" && self.lower(idx.wrapping_sub(2)) == "the" {
                    return None;
                }
                if matches!(self.lower(idx + 1), "." | "," | ";") || previous == "in" {
                    // "in future quarters" takes its unit.
                    let end = match lexicon::unit(self.lower(idx + 1)) {
                        Some((_, true)) => idx + 2,
                        _ => idx + 1,
                    };
                    return fixed(end, "FUTURE_REF");
                }
                None
            }
            "near" if self.lower(idx + 1) == "future" => {
                fixed(idx + 2, "FUTURE_REF").map(Core::needs_the)
            }
            "coming"
                if matches!(
                    self.lower(idx + 1),
                    "days" | "weeks" | "months" | "quarters" | "years"
                ) =>
            {
                fixed(idx + 2, "FUTURE_REF").map(Core::the)
            }
            _ => None,
        }
    }

    // ----- number + unit: durations, "ago", "later" ------------------------------------

    fn core_number_unit(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        // Compound adjectives: "two-year", "10-hour", "8-month-old", "24-hour".
        if word.contains('-') && lexicon::number_word(word).is_none() {
            return self.core_compound_duration(idx);
        }
        if let Some((unit, true)) = lexicon::unit(word) {
            return self.bare_plural_unit(idx, unit);
        }
        // "half an hour", "a half hour"
        let amount = self.amount_or_range(idx)?;
        let mut end = amount.end;
        let mut value = amount.value;
        if self.lower(end) == "half" && amount.article {
            value = Some(0.5);
            end += 1;
        }
        let more_of = if amount.article {
            matches!(self.lower(end), "additional" | "extra" | "full")
        } else {
            // "two more weeks", "eight trading days", "three business days"
            matches!(
                self.lower(end),
                "more"
                    | "additional"
                    | "other"
                    | "straight"
                    | "consecutive"
                    | "full"
                    | "long"
                    | "trading"
                    | "business"
                    | "working"
            )
        };
        if more_of {
            end += 1;
        }
        let (unit, plural) = lexicon::unit(self.lower(end))?;
        if amount.article && plural {
            return None;
        }
        if matches!(word, "some" | "many") && !plural {
            return None;
        }
        end += 1;
        // "Mr. Schwarz, 52 years old": an age, not a stretch of time.
        if unit == Unit::Year && self.lower(end) == "old" {
            return None;
        }
        // "a quarter of the market", "three quarters of the vote": a fraction.
        // ("several quarters of losses" is a stretch of time).
        if unit == Unit::Quarter
            && self.lower(end) == "of"
            && (amount.article || value == Some(3.0))
        {
            return None;
        }
        // "a week or so ago"
        if self.lower(end) == "or" && self.lower(end + 1) == "so" {
            end += 2;
        }
        // "a year and a half", "an hour and a half"
        if self.lower(end) == "and"
            && matches!(self.lower(end + 1), "a" | "one")
            && self.lower(end + 2) == "half"
        {
            value = value.map(|v| v + 0.5);
            end += 3;
        }
        // Rates: "$5 a year", "twice a day", "10 percent a year" are sets.
        if amount.article && !matches!(self.lower(end), "ago" | "earlier" | "later" | "before") {
            let previous = self.previous(idx);
            if is_digits(&previous.replace([',', '.'], ""))
                || matches!(
                    previous,
                    "million"
                        | "billion"
                        | "trillion"
                        | "percent"
                        | "%"
                        | "times"
                        | "twice"
                        | "once"
                        | "thousand"
                        | "hundred"
                        | "dollars"
                        | "cents"
                )
            {
                return Some(Core::new(
                    end,
                    Kind::Fixed(super::value::duration(Some(1.0), unit)),
                    TimeType::Set,
                ));
            }
        }
        match self.lower(end) {
            "ago" => {
                return Some(Core {
                    approx_ok: true,
                    ..Core::new(
                        end + 1,
                        Kind::Ago {
                            unit,
                            amount: value,
                            future: false,
                        },
                        TimeType::Date,
                    )
                });
            }
            "from" if self.lower(end + 1) == "now" => {
                return Some(Core {
                    approx_ok: true,
                    ..Core::new(
                        end + 2,
                        Kind::Ago {
                            unit,
                            amount: value,
                            future: true,
                        },
                        TimeType::Date,
                    )
                });
            }
            "earlier" | "later" => {
                if let Some(amount) = value {
                    let sign = if self.lower(end) == "earlier" { -1 } else { 1 };
                    if amount >= 1.0 && unit >= Unit::Day {
                        return Some(Core {
                            approx_ok: true,
                            ..Core::new(
                                end + 1,
                                Kind::Relative {
                                    unit,
                                    amount: sign * amount.round() as i64,
                                },
                                TimeType::Date,
                            )
                        });
                    }
                }
            }
            _ => {}
        }
        // A single "a year" is mostly not a duration worth tagging unless a preposition
        // of duration comes before it ("for a year", "in a week").
        if amount.article && value == Some(1.0) {
            let previous = self.previous(idx);
            if !matches!(
                previous,
                "for"
                    | "in"
                    | "within"
                    | "over"
                    | "after"
                    | "than"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "barely"
                    | "roughly"
                    | "around"
                    | "approximately"
                    | "only"
                    | "just"
                    | "least"
                    | "lasted"
                    | "last"
                    | "took"
                    | "take"
                    | "spent"
                    | "spend"
                    | "under"
                    | "up"
                    | "to"
                    | "of"
            ) {
                return None;
            }
        }
        // "the nine months", "the four days": TimeBank keeps the article in the span.
        Some(Core::duration(end, super::value::duration(value, unit)).the())
    }

    /// "hours", "years ago", "for weeks".
    fn bare_plural_unit(&self, idx: usize, unit: Unit) -> Option<Core> {
        let next = self.lower(idx + 1);
        if next == "ago" {
            return Some(Core::new(
                idx + 2,
                Kind::Fixed("PAST_REF".into()),
                TimeType::Date,
            ));
        }
        let previous = self.previous(idx);
        // "in the weeks ahead": a vague stretch to come.
        if next == "ahead" && previous == "the" {
            let value = super::value::duration(None, unit);
            return Some(Core::duration(idx + 2, value).needs_the());
        }
        let duration_cue = matches!(
            previous,
            "for"
                | "over"
                | "within"
                | "in"
                | "just"
                | "only"
                | "after"
                | "than"
                | "took"
                | "lasted"
                | "spent"
                | "last"
                | "take"
                | "taking"
                | "nearly"
                | "about"
                | "those"
                | "these"
                | "recent"
                | "by"
        );
        if duration_cue || matches!(next, "later" | "earlier" | "before" | "after" | "of") {
            // "in the early hours of Friday" is a part of that day, not a duration.
            if previous == "recent"
                || (next == "of" && matches!(previous, "early" | "small" | "wee" | "late"))
            {
                return None;
            }
            return Some(Core::duration(idx + 1, super::value::duration(None, unit)));
        }
        None
    }

    fn core_compound_duration(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        let mut parts = word.split('-');
        let first = parts.next()?;
        let second = parts.next()?;
        let third = parts.next();
        let (value, unit_word, tail) = match (lexicon::unit(second), third) {
            (Some(_), _) => {
                let value = if is_digits(first) && first.len() <= 4 {
                    first.parse::<f64>().ok()?
                } else {
                    lexicon::number_word(first)? as f64
                };
                (value, second, third)
            }
            // "twenty-four-hour"
            (None, Some(unit_word)) if lexicon::unit(unit_word).is_some() => {
                let value = lexicon::number_word(&format!("{first}-{second}"))? as f64;
                (value, unit_word, parts.next())
            }
            _ => {
                // "year-long", "decade-long", "month-long"
                if matches!(second, "long") && third.is_none() {
                    let (unit, false) = lexicon::unit(first)? else {
                        return None;
                    };
                    return Some(Core::duration(
                        idx + 1,
                        super::value::duration(Some(1.0), unit),
                    ));
                }
                return None;
            }
        };
        if !matches!(tail, None | Some("long") | Some("plus")) {
            return None;
        }
        let (unit, plural) = lexicon::unit(unit_word)?;
        if plural {
            return None;
        }
        Some(Core::duration(
            idx + 1,
            super::value::duration(Some(value), unit),
        ))
    }

    // ----- sets --------------------------------------------------------------------

    /// Whether "daily" or "weekly" at `idx` is a newspaper, not a frequency: before the
    /// paper's name ("the Communist Party daily Granma", "the Israeli daily Haaretz", "Daily
    /// Mail") or after an article and before what a paper does ("the daily said", "a
    /// weekly, Der Spiegel,"). "The daily tally" and "daily flights" stay sets; in a
    /// headline in title case ("Qantas Plans Daily Flights") the set is lost, as "Daily
    /// Mail" cannot be told from it.
    fn names_a_paper(&self, idx: usize) -> bool {
        let next = self.original(idx + 1);
        let names_next = is_name_cased(next)
            && lexicon::weekday(self.lower(idx + 1)).is_none()
            && lexicon::month(self.lower(idx + 1)).is_none();
        if names_next {
            return true;
        }
        matches!(self.previous(idx), "the" | "a")
            && matches!(
                self.lower(idx + 1),
                "said"
                    | "says"
                    | "reported"
                    | "reports"
                    | "wrote"
                    | "writes"
                    | "quoted"
                    | "quotes"
                    | "cited"
                    | "added"
                    | ","
                    | "."
                    | "which"
                    | "that"
            )
    }

    fn core_set(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        let set =
            |end: usize, value: String| Some(Core::new(end, Kind::Fixed(value), TimeType::Set));
        if matches!(word, "daily" | "weekly") && self.names_a_paper(idx) {
            return None;
        }
        match word {
            "daily" => return set(idx + 1, "P1D".into()),
            "weekly" => return set(idx + 1, "P1W".into()),
            "monthly" => return set(idx + 1, "P1M".into()),
            "yearly" | "annually" => return set(idx + 1, "P1Y".into()),
            "hourly" => return set(idx + 1, "PT1H".into()),
            "nightly" => return set(idx + 1, "XXXX-XX-XXTNI".into()),

            "every" | "each" | "once" | "twice" | "per" => {}
            _ => return None,
        }
        let mut next = idx + 1;
        if matches!(word, "once" | "twice") {
            if !matches!(self.lower(next), "a" | "an" | "per" | "every" | "each") {
                return None;
            }
            next += 1;
        }
        let next_word = self.lower(next);
        if let Some(weekday) = lexicon::weekday(next_word) {
            let (part, end) = match lexicon::part_of_day(self.lower(next + 1)) {
                Some(part) => (format!("T{}", part.code()), next + 2),
                None => (String::new(), next + 1),
            };
            return set(end, format!("XXXX-WXX-{}{part}", weekday + 1));
        }
        if let Some(month) = lexicon::month(next_word) {
            if self.is_capitalised(next) {
                return set(next + 1, format!("XXXX-{month:02}"));
            }
        }
        if let Some(season) = lexicon::season(next_word) {
            return set(next + 1, format!("XXXX-{}", season.code()));
        }
        if let Some(part) = lexicon::part_of_day(next_word) {
            return set(next + 1, format!("XXXX-XX-XXT{}", part.code()));
        }
        if next_word == "weekend" {
            return set(next + 1, "XXXX-WXX-WE".into());
        }
        if word == "per" && self.previous(idx).is_empty() {
            return None;
        }
        // "every other day", "every two weeks"
        let (amount, after) = if next_word == "other" {
            (2.0, next + 1)
        } else if let Some(amount) = self.amount(next) {
            match amount.value {
                Some(value) if !amount.article => (value, amount.end),
                _ => (1.0, next),
            }
        } else {
            (1.0, next)
        };
        let (unit, _) = lexicon::unit(self.lower(after))?;
        // "60 miles per hour", "15 million instructions per second": a unit of a speed or
        // rate of measure, not a time that recurs.
        if word == "per" && after == next && unit < Unit::Day {
            return None;
        }
        set(after + 1, super::value::duration(Some(amount), unit))
    }

    // ----- clock times -----------------------------------------------------------------

    fn core_clock(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        let (hour, minute, has_minute, mut end) = match word {
            // "high noon comes today": the idiom (a showdown), not a clock time.
            "noon" if self.previous(idx) == "high" => return None,
            "noon" | "midday" => (12, 0, true, idx + 1),
            "midnight" => (24, 0, true, idx + 1),
            _ => {
                let first = *word.as_bytes().first()?;
                if !first.is_ascii_digit() {
                    return None;
                }
                // "8pm", "9PM", "8:45pm", "10.30am": the a.m./p.m. glued to the number.
                let glued = glued_meridiem(word);
                let word = glued.map_or(word, |(number, _)| number);
                let (hour, minute, has_minute) = if let Some((h, m)) = word.split_once(':') {
                    if h.is_empty() || h.len() > 2 || m.len() != 2 || !is_digits(h) || !is_digits(m)
                    {
                        return None;
                    }
                    (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, true)
                } else if let Some((h, m)) = word
                    .split_once('.')
                    .filter(|(h, m)| h.len() <= 2 && m.len() == 2 && is_digits(h) && is_digits(m))
                {
                    // "10.30 am" needs its am/pm (checked below).
                    (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, true)
                } else if is_digits(word) && word.len() <= 2 {
                    (word.parse::<u32>().ok()?, 0, false)
                } else if is_digits(word)
                    && word.len() == 4
                    && lexicon::time_zone(self.lower(idx + 1))
                {
                    // Military time: "1500 GMT".
                    let h = word[..2].parse::<u32>().ok()?;
                    let m = word[2..].parse::<u32>().ok()?;
                    (h, m, true)
                } else {
                    return None;
                };
                if hour > 24 || minute > 59 {
                    return None;
                }
                let mut end = idx + 1;
                let meridiem = match glued {
                    Some((_, is_pm)) => Some((is_pm, end)),
                    None => self.meridiem_at(end),
                };
                let hour = match meridiem {
                    Some((is_pm, meridiem_end)) => {
                        if hour == 0 || hour > 12 {
                            return None;
                        }
                        end = meridiem_end;
                        to_24_hour(is_pm, hour)
                    }
                    None => {
                        let oclock = self.lower(end) == "o'clock";
                        let military = word.len() == 4 && is_digits(word);
                        if oclock {
                            end += 1;
                        }
                        // "at 4 in the morning", "at 11 o'clock at night": the part of the
                        // day is the a.m./p.m. (TimeML spans the whole phrase). Only after
                        // a clock preposition: "killed 4 in the morning raid" is a count.
                        let spelled = self.spelled_meridiem(end).filter(|_| {
                            !military
                                && (1..=12).contains(&hour)
                                && matches!(
                                    self.previous(idx),
                                    "at" | "by"
                                        | "until"
                                        | "till"
                                        | "around"
                                        | "about"
                                        | "before"
                                        | "after"
                                        | "from"
                                        | "since"
                                )
                        });
                        if let Some((is_pm, part_end)) = spelled {
                            end = part_end;
                            to_24_hour(is_pm, hour)
                        } else {
                            if !(oclock || word.contains(':') || military) {
                                return None;
                            }
                            // "10:30" without a.m./p.m. or zone: a score or ratio as often as a
                            // time; keep it only after "at"/"by" or before a zone.
                            if word.contains(':')
                                && !matches!(
                                    self.previous(idx),
                                    "at" | "by"
                                        | "until"
                                        | "from"
                                        | "before"
                                        | "after"
                                        | "around"
                                        | "about"
                                )
                                && !lexicon::time_zone(self.lower(end))
                            {
                                return None;
                            }
                            hour
                        }
                    }
                };
                (hour, minute, has_minute, end)
            }
        };
        // Zone: "EDT", "GMT", "local time", "(0800 GMT)"
        if lexicon::time_zone(self.lower(end)) {
            end += 1;
        } else if self.lower(end) == "local" && self.lower(end + 1) == "time" {
            end += 2;
        }
        // "10 p.m. Wednesday", "noon Thursday", "9 a.m. today"
        let mut day = None;
        let next = self.lower(end);
        if let Some(weekday) = lexicon::weekday(next) {
            day = Some(Box::new(Kind::Weekday {
                weekday,
                shift: Shift::None,
                part: None,
            }));
            end += 1;
        } else if let Some(date) = self
            .core_month(end + usize::from(next == ","))
            .filter(|core| matches!(core.kind, Kind::Date { day: Some(_), .. }))
        {
            end = date.end;
            day = Some(Box::new(date.kind));
        } else if let Some(days) = match next {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        } {
            day = Some(Box::new(Kind::DayOffset { days, part: None }));
            end += 1;
        } else if next == "on" {
            // "10 p.m. local time on Saturday": the day is a time expression of its own,
            // but it says which day the clock is on.
            let on = end + 1;
            if let Some(weekday) = lexicon::weekday(self.lower(on)) {
                day = Some(Box::new(Kind::Weekday {
                    weekday,
                    shift: Shift::None,
                    part: None,
                }));
            } else if let Some(date) = self
                .core_month(on)
                .or_else(|| self.core_day_month(on))
                .filter(|core| matches!(core.kind, Kind::Date { day: Some(_), .. }))
            {
                day = Some(Box::new(date.kind));
            }
        }
        Some(Core::new(
            end,
            Kind::Clock {
                hour,
                minute,
                has_minute,
                day,
            },
            TimeType::Time,
        ))
    }

    /// "in the morning" (a.m.), "in the afternoon", "in the evening", "at night" (p.m.);
    /// returns (is_pm, end).
    fn spelled_meridiem(&self, idx: usize) -> Option<(bool, usize)> {
        match (self.lower(idx), self.lower(idx + 1), self.lower(idx + 2)) {
            ("in", "the", "morning") => Some((false, idx + 3)),
            ("in", "the", "afternoon" | "evening") | ("at", "night", _) => {
                let end = if self.lower(idx) == "at" {
                    idx + 2
                } else {
                    idx + 3
                };
                Some((true, end))
            }
            _ => None,
        }
    }

    /// "a.m.", "p.m.", "am", "pm", "AM", "a.m" + "."; returns (is_pm, end).
    fn meridiem_at(&self, idx: usize) -> Option<(bool, usize)> {
        match self.lower(idx) {
            "a.m." | "am" | "a.m" => Some((false, idx + 1)),
            "p.m." | "pm" | "p.m" => Some((true, idx + 1)),
            _ => None,
        }
    }

    // ----- chained references: the following day, that night --------------------------

    fn core_chained(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        // "that same day": the unit after "same".
        let unit_at = if word == "that" && self.lower(idx + 1) == "same" {
            idx + 2
        } else {
            idx + 1
        };
        let next = self.lower(unit_at);
        let (amount, needs_the) = match word {
            "following" | "next" if self.previous(idx) == "the" => (1, true),
            "previous" | "preceding" if self.previous(idx) == "the" => (-1, true),
            "same" if self.previous(idx) == "the" => (0, true),
            "that" => (0, false),
            _ => return None,
        };
        let (unit, part) = if let Some(part) = lexicon::part_of_day(next) {
            if next.ends_with('s') {
                return None;
            }
            (Unit::Day, Some(part))
        } else {
            match lexicon::unit(next) {
                Some((unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false)) => {
                    (unit, None)
                }
                _ => return None,
            }
        };
        // "that day" after a clause word is a relative clause ("the day that ..."); fine.
        let time_type = if part.is_some() {
            TimeType::Time
        } else {
            TimeType::Date
        };
        let core = Core {
            position_ok: true,
            ..Core::new(unit_at + 1, Kind::Chained { unit, amount, part }, time_type)
        };
        Some(if needs_the { core.needs_the() } else { core })
    }

    // ----- holidays --------------------------------------------------------------------

    fn core_holiday(&self, idx: usize) -> Option<Core> {
        if !self.is_capitalised(idx) {
            return None;
        }
        let word = self.lower(idx);
        let next = self.lower(idx + 1);
        let holiday = |month: u32, day: u32, end: usize| {
            let day = HolidayDay::Fixed(day);
            Some(Core::date(end, Kind::Holiday { month, day }))
        };
        let nth = |month: u32, weekday: u32, nth: i32, after: i64, end: usize| {
            let day = HolidayDay::Nth {
                weekday,
                nth,
                after,
            };
            Some(Core::date(end, Kind::Holiday { month, day }))
        };
        // "Labor Day", "Election Day": the second word capitalised too.
        let day_named = next == "day" && self.is_capitalised(idx + 1);
        match word {
            "christmas" => match next {
                "eve" => holiday(12, 24, idx + 2),
                "day" => holiday(12, 25, idx + 2),
                _ => holiday(12, 25, idx + 1),
            },
            "halloween" => holiday(10, 31, idx + 1),
            "thanksgiving" => {
                let end = if next == "day" { idx + 2 } else { idx + 1 };
                nth(11, 3, 4, 0, end)
            }
            "election" if day_named => nth(11, 0, 1, 1, idx + 2),
            "labor" | "labour" if day_named => nth(9, 0, 1, 0, idx + 2),
            "memorial" if day_named => nth(5, 0, -1, 0, idx + 2),
            "new" if next == "year" && self.lower(idx + 2) == "'s" => match self.lower(idx + 3) {
                "day" => holiday(1, 1, idx + 4),
                "eve" => holiday(12, 31, idx + 4),
                _ => None,
            },
            "valentine" if next == "'s" && self.lower(idx + 2) == "day" => holiday(2, 14, idx + 3),
            // Not "Easter Island" or "Easter eggs".
            "easter" | "good" => {
                let easter = |after: i64, week: bool, end: usize| {
                    let day = HolidayDay::Easter { after, week };
                    Some(Core::date(end, Kind::Holiday { month: 3, day }))
                };
                match (word, next) {
                    ("good", "friday") if self.is_capitalised(idx + 1) => {
                        easter(-2, false, idx + 2)
                    }
                    ("easter", "sunday" | "day") => easter(0, false, idx + 2),
                    ("easter", "monday") => easter(1, false, idx + 2),
                    ("easter", "week") => easter(-6, true, idx + 2),
                    ("easter", "island" | "egg" | "eggs" | "bunny" | "lily" | "lilies") => None,
                    ("easter", _) => easter(0, false, idx + 1),
                    _ => None,
                }
            }
            "independence" if day_named => holiday(7, 4, idx + 2),
            "veterans" if day_named => holiday(11, 11, idx + 2),
            _ => None,
        }
    }

    // ----- years in words: "nineteen ninety-six", "the year two thousand" ----------------

    fn words_year(&self, idx: usize) -> Option<(i32, usize)> {
        let word = self.lower(idx);
        match word {
            "nineteen" | "eighteen" => {
                let century = if word == "nineteen" { 1900 } else { 1800 };
                let next = self.lower(idx + 1);
                let tens = lexicon::number_word(next)?;
                if !(10..=99).contains(&tens) {
                    return None;
                }
                let mut year = century + tens as i32;
                let mut end = idx + 2;
                if lexicon::tens_word(next).is_some() {
                    if let Some(ones) = lexicon::number_word(self.lower(end)) {
                        if (1..=9).contains(&ones) {
                            year += ones as i32;
                            end += 1;
                        }
                    }
                }
                Some((year, end))
            }
            "two" if self.lower(idx + 1) == "thousand" => {
                let mut end = idx + 2;
                if self.lower(end) == "and" {
                    end += 1;
                }
                match lexicon::number_word(self.lower(end)) {
                    Some(ones) if (1..=99).contains(&ones) => Some((2000 + ones as i32, end + 1)),
                    _ => Some((2000, idx + 2)),
                }
            }
            _ => None,
        }
    }

    fn core_words_year(&self, idx: usize) -> Option<Core> {
        let word = self.lower(idx);
        // "by year-end", "by year's end": the end of the publication year.
        let year_end = match (word, self.lower(idx + 1), self.lower(idx + 2)) {
            ("year-end", _, _) => Some(idx + 1),
            ("year", "'s", "end") => Some(idx + 3),
            _ => None,
        };
        if let Some(end) = year_end {
            if matches!(
                self.previous(idx),
                "by" | "at" | "before" | "until" | "after"
            ) {
                let kind = Kind::ShiftUnit {
                    unit: Unit::Year,
                    amount: 0,
                };
                return Some(Core::date(end, kind));
            }
            return None;
        }
        if word == "year" {
            if let Some((year, end)) = self.year_at(idx + 1) {
                return Some(Core::date(end, Kind::Year(year)).needs_the());
            }
            if self.previous(idx) != "the" {
                return None;
            }
            // "for the year ended March 31": a fiscal year, measured.
            if matches!(self.lower(idx + 1), "ended" | "ending") {
                return Some(Core::duration(idx + 1, "P1Y".into()).needs_the());
            }
            // "a high for the year", "the end of the year": the publication year.
            let before_the = self.lower(idx.checked_sub(2)?);
            if matches!(before_the, "of" | "for" | "in" | "during" | "throughout") {
                return Some(
                    Core::date(
                        idx + 1,
                        Kind::ShiftUnit {
                            unit: Unit::Year,
                            amount: 0,
                        },
                    )
                    .needs_the(),
                );
            }
            return None;
        }
        if let Some(decade) = lexicon::decade_word(word) {
            if self.previous(idx) == "the" || self.previous(idx) == "mid" {
                return Some(Core::date(idx + 1, Kind::ShortDecade(decade)).needs_the());
            }
            return None;
        }
        // "by the end of the month", "the rest of the week", "the end of the decade":
        // the current one.
        if matches!(word, "week" | "month" | "decade")
            && self.previous(idx) == "the"
            && idx >= 3
            && self.lower(idx - 2) == "of"
            && matches!(
                self.lower(idx - 3),
                "end" | "beginning" | "middle" | "start" | "rest"
            )
        {
            let unit = match word {
                "week" => Unit::Week,
                "month" => Unit::Month,
                _ => Unit::Decade,
            };
            let kind = Kind::ShiftUnit { unit, amount: 0 };
            return Some(Core::date(idx + 1, kind).needs_the());
        }
        if word == "weekend" {
            return Some(Core::date(idx + 1, Kind::Weekend { shift: Shift::None }).needs_the());
        }
        if let Some(season) = lexicon::season(word) {
            // "summer 1990", "the winter of nineteen ninety-four", "the summer", "in spring"
            let skip = usize::from(self.lower(idx + 1) == "of");
            if let Some((year, end)) = self.year_at(idx + 1 + skip) {
                return Some(
                    Core::date(
                        end,
                        Kind::Season {
                            season,
                            year: Some(year),
                            shift: Shift::None,
                        },
                    )
                    .the(),
                );
            }
            let previous = self.previous(idx);
            let next = self.lower(idx + 1);
            let cue = matches!(
                previous,
                "the" | "in" | "during" | "early" | "late" | "mid" | "until" | "by" | "since"
            );
            if !cue || (season == Season::Fall && matches!(next, "of" | "in" | "from" | "to")) {
                return None;
            }
            let core = Core::date(
                idx + 1,
                Kind::Season {
                    season,
                    year: None,
                    shift: Shift::None,
                },
            );
            return Some(if previous == "in" { core } else { core.the() });
        }
        if let Some(ordinal) = lexicon::ordinal(word) {
            if self.lower(idx + 1) == "century" && (1..=30).contains(&ordinal) {
                return Some(Core::date(idx + 2, Kind::Century(ordinal as i32 - 1)).the());
            }
            return None;
        }
        let (year, end) = self.words_year(idx)?;
        // "two thousand" alone is a number; as a year only after "in"/"the year".
        if word == "two" && !matches!(self.previous(idx), "in" | "year" | "since" | "by") {
            return None;
        }
        Some(Core::date(end, Kind::Year(year)))
    }
}

/// A 12-hour clock's hour (1 to 12) with a.m. or p.m. on the 24-hour clock.
fn to_24_hour(is_pm: bool, hour: u32) -> u32 {
    match (is_pm, hour) {
        (false, 12) => 0,
        (true, 12) => 12,
        (true, h) => h + 12,
        (false, h) => h,
    }
}

/// A modal verb (lower case): what comes next is a verb ("will last", "may one day").
fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "will" | "would" | "could" | "can" | "may" | "might" | "shall" | "should" | "must" | "'ll"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        let segmented = crate::segment::segment(text);
        let words = words(text, &segmented);
        find(&words)
            .iter()
            .map(|found| {
                let (first, last) = (
                    words.get(found.first).unwrap(),
                    words.get(found.end - 1).unwrap(),
                );
                text[first.start..last.end].to_string()
            })
            .collect()
    }

    #[test]
    fn finds_spans_without_prepositions() {
        assert_eq!(
            spans("Troops came under fire on Monday night, and on Oct. 9, 2020."),
            vec!["Monday night", "Oct. 9, 2020"]
        );
        assert_eq!(spans("Just hours before the rocket fire"), vec!["hours"]);
        assert_eq!(spans("in the past two weeks"), vec!["the past two weeks"]);
        assert_eq!(spans("It may rain."), Vec::<String>::new());
    }

    /// Whether a time expression may start with `word`.
    fn can_start(word: &str) -> bool {
        start_of(word) != Start::No
    }

    /// [`can_start`] as it was before the index: a walk through every table. The index must
    /// give the same answer on every word.
    fn can_start_by_tables(word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        if first.is_ascii_digit() || word == "'" {
            return true;
        }
        if !first.is_ascii_alphabetic() {
            return false;
        }
        let stem = word.split('-').next().unwrap_or(word);
        lexicon::month(stem).is_some()
            || lexicon::weekday(word).is_some()
            || lexicon::weekday_plural(word).is_some()
            || lexicon::unit(stem).is_some()
            || lexicon::number_word(stem).is_some()
            || lexicon::number_word(word).is_some()
            || lexicon::ordinal(stem).is_some()
            || lexicon::season(word).is_some()
            || lexicon::part_of_day(word).is_some()
            || lexicon::decade_word(word).is_some()
            || OTHER_START_WORDS.contains(&stem)
    }

    /// Every word table that can start an expression.
    const START_TABLES: [&[&str]; 11] = [
        lexicon::MONTH_WORDS,
        lexicon::WEEKDAY_WORDS,
        lexicon::SEASON_WORDS,
        lexicon::PART_OF_DAY_WORDS,
        lexicon::UNIT_WORDS,
        lexicon::SMALL_NUMBER_WORDS,
        lexicon::TENS_WORDS,
        lexicon::SMALL_ORDINAL_WORDS,
        lexicon::TENS_ORDINAL_WORDS,
        lexicon::DECADE_WORDS,
        OTHER_START_WORDS,
    ];

    #[test]
    fn start_words_agree_with_the_tables() {
        let extra: &[&str] = &[
            "said",
            "the",
            "spring-like",
            "mondays",
            "x",
            "'",
            "-",
            "9/11",
            "’",
            "é",
        ];
        let mut words: Vec<String> = Vec::new();
        for word in START_TABLES.into_iter().chain([extra]).flatten() {
            for variant in [
                word.to_string(),
                format!("{word}s"),
                format!("{word}-four"),
                format!("{word}-like"),
                format!("x{word}"),
                word.get(1..).unwrap_or("").to_string(),
                word.get(..word.len() - 1).unwrap_or("").to_string(),
            ] {
                words.push(variant);
            }
        }
        for word in &words {
            assert_eq!(can_start(word), can_start_by_tables(word), "{word:?}");
        }
    }

    #[test]
    fn prefix_only_and_few_matcher_words_start_no_other_core() {
        let mut following: Vec<&str> = START_TABLES.into_iter().flatten().copied().collect();
        following.extend([
            "1990",
            "2021",
            "29",
            "6/29/2021",
            "10:30",
            "'s",
            "of",
            "than",
            "least",
            "most",
            "to",
            "ago",
            "later",
            "hours",
            "quarter",
            "half",
            "year-ago",
        ]);
        let after = ["", "ago", "of", "1990", "later"];
        for capitalised in [false, true] {
            for previous in ["", "in", "the", "of", "at"] {
                let words_and_matchers = PREFIX_ONLY_WORDS
                    .iter()
                    .map(|&word| (word, 0))
                    .chain(few_matcher_words());
                for (prefix, allowed) in words_and_matchers {
                    let written = if capitalised {
                        prefix[..1].to_uppercase() + &prefix[1..]
                    } else {
                        prefix.to_string()
                    };
                    let mut text = String::new();
                    for next in &following {
                        for then in after {
                            text.push_str(&format!("{previous} {written} {next} {then} 1990 ; "));
                        }
                    }
                    let segmented = crate::segment::segment(&text);
                    let words = words(&text, &segmented);
                    let lowers = words.lowers();
                    let matcher = Matcher {
                        words: &words,
                        lowers: &lowers,
                        day_first: false,
                    };
                    for idx in (0..words.len()).filter(|&idx| lowers[idx] == prefix) {
                        assert_eq!(words.core_matchers(idx), allowed);
                        let others = Matcher::CORE_MATCHERS
                            .into_iter()
                            .enumerate()
                            .filter(|(bit, _)| allowed & (1 << bit) == 0);
                        for (_, core) in others {
                            let found = core(&matcher, idx).map(|core| core.kind);
                            assert_eq!(
                                found,
                                None,
                                "{:?}",
                                &lowers[idx.saturating_sub(1)..idx + 4]
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_start_word_has_a_key() {
        let start_words = start_words();
        for word in OTHER_START_WORDS.iter().chain(lexicon::MONTH_WORDS) {
            let key = Key::of(word.as_bytes()).expect(word);
            assert!(start_words.whole.get(key).is_some(), "{word}");
            assert!(start_words.stems.get(key).is_some(), "{word}");
        }
    }

    /// [`words`] as it was before keys: every token lower-cased, trimmed and looked up as a
    /// string. The key path must give the same words.
    fn words_by_strings(text: &str) -> Vec<(usize, usize, String, Start)> {
        let segmented = crate::segment::segment(text);
        segmented
            .tokens
            .iter()
            .map(|token| {
                let mut lower: String = text[token.start..token.end]
                    .chars()
                    .map(|ch| if ch == '’' { '\'' } else { ch })
                    .flat_map(char::to_lowercase)
                    .collect();
                if let [before @ .., b'.'] = lower.as_bytes() {
                    if !before.is_empty() && !before.contains(&b'.') {
                        lower.pop();
                    }
                }
                let start = start_of(&lower);
                (token.start, token.end, lower, start)
            })
            .collect()
    }

    #[test]
    fn keys_read_words_as_strings_do() {
        let mut text = String::from(
            "On Oct. 9 the U.S. said a.m. Mid-November, twenty-four, ’90s, 9/11, Zürich \
             Ünited. Approximately. CORRESPONDING-period spring-like x. .. . - ’ ' é \
             1990s-era 2021-06-29T10:30 extraordinarily-long-word Wednesdays.",
        );
        for word in OTHER_START_WORDS.iter().chain(lexicon::UNIT_WORDS) {
            text.push_str(&format!(
                " {word} {word}. {word}-four x{word} {}",
                word.to_uppercase()
            ));
        }
        // The last words of a text are read without a full 16-byte load.
        for end in ["", "Oct.", "approximately", "mid-June", "é", "2021"] {
            let text = format!("{text} {end}");
            let segmented = crate::segment::segment(&text);
            let words = words(&text, &segmented);
            let got: Vec<_> = (0..words.len())
                .map(|idx| {
                    let word = words.get(idx).unwrap();
                    (
                        word.start,
                        word.end,
                        words.lower(idx).to_string(),
                        word.starts,
                    )
                })
                .collect();
            assert_eq!(got, words_by_strings(&text));
        }
    }
}
