//! The tense of the clause around a time expression, to resolve "on Monday" and "in June".
//!
//! TimeML resolves a bare weekday or month by the tense of its clause: "troops came under
//! fire on Monday" is the Monday before the story's date, "the ministers will meet on
//! Friday" the Friday after it. A tagger that knows no grammar can still read the cues that
//! decide this in news prose: a modal of the future ("will", "'ll", "is to", "plans to",
//! "scheduled"), or a verb in the past ("said", "came", "-ed"). The nearest cue within the
//! clause wins; commas and semicolons end a clause only after a verb has been seen, because
//! "Biden on Monday, June 28, said" is still one clause.
//!
//! ```
//! use dateline_engine::times::tense::{tense_of_words, Tense};
//! let words = ["they", "will", "meet", "on", "friday"];
//! assert_eq!(tense_of_words(&words, 4), Tense::Future);
//! let words = ["troops", "came", "under", "fire", "on", "monday"];
//! assert_eq!(tense_of_words(&words, 5), Tense::Past);
//! ```

use super::tagger::{Kind, Match};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// No cue: a headline, a caption, a fragment.
    Unknown,
}

/// How far (in words) to look on each side of the expression.
const WINDOW: usize = 12;

/// Tense cue of one lower-cased word.
pub fn cue(word: &str) -> Option<Tense> {
    match word {
        "will" | "'ll" | "shall" | "should" | "wo" | "tomorrow" | "upcoming" | "scheduled"
        | "intends" | "would" | "coming" | "going" | "hopes" | "aims" | "slated" | "might"
        | "expects" | "effective" => Some(Tense::Future),
        "said" | "was" | "were" | "had" | "did" | "came" | "told" | "took" | "met" | "made"
        | "went" | "saw" | "gave" | "began" | "fell" | "rose" | "won" | "lost" | "left"
        | "held" | "found" | "got" | "struck" | "hit" | "shot" | "fought" | "fled" | "led"
        | "sent" | "spoke" | "wrote" | "paid" | "brought" | "thought" | "became" | "ran"
        | "sold" | "bought" | "kept" | "stood" | "yesterday" | "ago" | "last" | "earlier"
        | "knew" | "broke" | "chose" | "drove" | "flew" | "grew" | "threw" | "wore" | "sank"
        | "ate" | "fired" | "been" | "killed" | "arrived" | "reported" | "announced" | "sought"
        | "built" | "spent" | "meant" | "heard" | "felt" | "caught" | "taught" | "withdrew"
        | "drew" | "stole" | "shook" | "tore" | "hid" | "laid" | "fed" | "sat" | "slept"
        | "hung" | "stuck" | "swept" | "arose" | "undertook" | "oversaw" | "overtook" | "rode"
        | "rang" | "forgot" | "understood" | "dealt" | "lent" | "swore" | "blew" | "bore"
        | "froze" | "woke" | "overthrew" | "forbade" => Some(Tense::Past),
        "is" | "are" | "am" | "says" | "has" | "have" | "do" | "does" => Some(Tense::Present),
        // A schedule in the simple present looks ahead: "the summit opens Friday", "the
        // match kicks off at 8pm on Saturday", "the minister visits Paris on Monday".
        "opens" | "begins" | "starts" | "kicks" | "resumes" | "meets" | "visits" | "hosts"
        | "convenes" | "launches" | "premieres" | "expires" | "reopens" => Some(Tense::Future),
        _ if word.len() > 4 && word.ends_with("ed") && !not_past_ed(word) => Some(Tense::Past),
        _ => None,
    }
}

fn not_past_ed(word: &str) -> bool {
    matches!(
        word,
        "need"
            | "needs"
            | "speed"
            | "breed"
            | "creed"
            | "embed"
            | "indeed"
            | "proceed"
            | "succeed"
            | "exceed"
            | "united"
            | "armed"
            | "limited"
            | "based"
            | "related"
            | "alleged"
            | "supposed"
            | "unnamed"
            | "detailed"
            | "advanced"
            | "concerned"
            | "interested"
            | "hundred"
            // Adjectives of reporting, not verbs: "unconfirmed media reports", "a still
            // unspecified date", "an undisclosed sum".
            | "unconfirmed"
            | "unspecified"
            | "undisclosed"
            | "unidentified"
            | "unexpected"
            | "unprecedented"
            | "unrelated"
            | "unresolved"
            | "unscheduled"
            | "unexplained"
            | "unauthorized"
            | "unlimited"
            | "unemployed"
            | "unarmed"
            | "unchanged"
    )
}

/// Tense cue of `words[idx]` read with its neighbours, which settle the ambiguous cases:
///
/// - a participle after "be" is no past: "would be held", "to be completed by Dec. 15";
/// - "planned", "scheduled" and "expected" take the tense of their auxiliary ("was
///   scheduled" past, "is planned" future), and look ahead alone ("planned to leave");
/// - "plan"/"plans" and "is"/"are" look ahead only before "to" ("plans to", "is to
///   resume"): "the plan Aug. 21" is a noun and "is" alone the present.
pub fn cue_at<S: AsRef<str>>(words: &[S], idx: usize) -> Option<Tense> {
    let word = words.get(idx)?.as_ref();
    let previous = idx
        .checked_sub(1)
        .and_then(|prev| words.get(prev))
        .map_or("", AsRef::as_ref);
    let next = words.get(idx + 1).map_or("", AsRef::as_ref);
    match word {
        "plan" | "plans" => return (next == "to").then_some(Tense::Future),
        // "set to resume Monday", "due to arrive Friday": scheduled, so ahead, unless the
        // schedule itself is past ("it had been due to expire Friday"). Alone they say
        // nothing ("set aside", "due process").
        "set" | "due" if next == "to" => {
            return Some(match previous {
                "was" | "were" | "had" | "been" => Tense::Past,
                _ => Tense::Future,
            })
        }
        // "the vote set for Tuesday" is scheduled; "the record high set on Aug. 6" was.
        "set" if next == "for" => return Some(Tense::Future),
        "set" if matches!(next, "on" | "in" | "last") && previous != "be" => {
            return Some(Tense::Past)
        }
        "is" | "are" | "am" if next == "to" => return Some(Tense::Future),
        // "as soon as Tuesday": the earliest of things to come.
        "soon" if previous == "as" && next == "as" => return Some(Tense::Future),
        // Before a noun they describe it and give the clause no tense: "the hastily
        // planned trip", "a scheduled stop", "the expected result".
        "planned" | "scheduled" | "expected"
            if matches!(previous, "a" | "an" | "the") || previous.ends_with("ly") =>
        {
            return None
        }
        "planned" | "scheduled" | "expected" => {
            return Some(match previous {
                "was" | "were" | "had" | "been" => Tense::Past,
                "is" | "are" | "am" | "'s" | "be" | "being" => Tense::Future,
                _ => Tense::Future,
            })
        }
        _ => {}
    }
    let tense = cue(word)?;
    if tense == Tense::Past && matches!(previous, "be" | "being") {
        // A passive infinitive or future: "would be paid", "to be completed".
        return None;
    }
    if tense == Tense::Past && matches!(previous, "is" | "are" | "am") && word != "been" {
        // A present passive: "when the case is heard in May", "talks are held on Monday".
        return Some(Tense::Present);
    }
    Some(tense)
}

/// The tense around `words[at]`, nearest cue first.
pub fn tense_of_words<S: AsRef<str>>(words: &[S], at: usize) -> Tense {
    if at >= words.len() {
        return Tense::Unknown;
    }
    let mut stop_right = false;
    let mut stop_left = false;
    for distance in 1..=WINDOW {
        let mut found = None;
        if !stop_right {
            match words.get(at + distance).map(AsRef::as_ref) {
                None => stop_right = true,
                Some(word) if is_clause_end(word) => stop_right = true,
                Some(_) => found = cue_at(words, at + distance),
            }
        }
        if !stop_left {
            let left = at.checked_sub(distance);
            match left.and_then(|idx| words.get(idx)) {
                None => stop_left = true,
                Some(word) if is_clause_end(word.as_ref()) => stop_left = true,
                Some(_) => {
                    if let Some(tense) = left.and_then(|idx| cue_at(words, idx)) {
                        // At equal distance the verb before the expression wins.
                        found = Some(tense);
                    }
                }
            }
        }
        if let Some(tense) = found {
            return tense;
        }
    }
    Tense::Unknown
}

/// The tense that resolves a found expression: its clause's ([`tense_of_words`]),
/// corrected where the words around it say more.
///
/// - A deadline looks ahead: "pay down the loan by February", "credit lines through
///   January" (a past one stays in its year: "sales this year through August"), "the offer
///   runs until Friday", unless the clause is in the past ("had filed reports by
///   Wednesday"), or it was moved later ("postponed until Tuesday morning").
/// - The day after a clock time takes the clock's tense: "until 11:59 p.m. on Friday".
/// - A weekday in the possessive ("Wednesday's ruling") names an event, not the time of
///   the clause's verb, so it takes no tense.
///
/// `clock_before` is the end (in words) and tense of the clock time found just before.
pub fn tense_of_match<S: AsRef<str>>(
    words: &[S],
    found: &Match,
    clock_before: Option<(usize, Tense)>,
) -> Tense {
    let previous = found
        .first
        .checked_sub(1)
        .and_then(|idx| words.get(idx))
        .map_or("", AsRef::as_ref);
    if let Some((clock_end, tense)) = clock_before {
        if clock_end + 1 == found.first && previous == "on" {
            return tense;
        }
    }
    let next = words.get(found.end).map_or("", AsRef::as_ref);
    match (&found.kind, previous) {
        // "Wednesday's ruling", "Friday's close": a weekday in the possessive names an
        // event the reader is told about, not the time of the clause's verb ("they would
        // appeal Wednesday's ruling"), so the clause's tense says nothing; the nearer day
        // wins, the past first, as with no cue at all.
        (Kind::Weekday { .. }, _) if next == "'s" => Tense::Unknown,
        (Kind::Month { .. }, "by" | "through" | "until" | "till") => Tense::Future,
        // "postponed until Tuesday", "extended its deadline until 9 a.m. Tuesday": moving a
        // thing later puts the new day after the report, whatever the verb's tense.
        (Kind::Weekday { .. } | Kind::Clock { .. }, "until" | "till")
            if defers_before(words, found.first) =>
        {
            Tense::Future
        }
        (Kind::Weekday { .. } | Kind::Clock { .. }, "by" | "until" | "till") => {
            match tense_of_words(words, found.first) {
                Tense::Past => Tense::Past,
                _ => Tense::Future,
            }
        }
        _ => tense_of_words(words, found.first),
    }
}

/// Whether resolving `kind` reads the tense (see [`super::normalise`]): a full date, a
/// year, "two days later" or "a year ago" mean the same in any clause, and finding the
/// tense reads up to two dozen words around the expression, so it is skipped for them. A
/// clock time always takes it, since the day named after it inherits it.
pub fn matters(kind: &Kind) -> bool {
    match kind {
        Kind::Date { year: Some(_), .. }
        | Kind::Year(_)
        | Kind::Decade(_)
        | Kind::ShortDecade(_)
        | Kind::Century(_)
        | Kind::DayOffset { .. }
        | Kind::Chained { .. }
        | Kind::ShiftUnit { .. }
        | Kind::MonthOfShiftedYear { .. }
        | Kind::ReportedQuarter { .. }
        | Kind::QuarterOfShiftedYear { .. }
        | Kind::QuarterOfYear { .. }
        | Kind::QuarterEnding(_)
        | Kind::Ago { .. }
        | Kind::Relative { .. }
        | Kind::Fixed(_)
        | Kind::YearToDate(_) => false,
        Kind::Date { year: None, .. }
        | Kind::Weekday { .. }
        | Kind::Weekend { .. }
        | Kind::Month { .. }
        | Kind::Season { .. }
        | Kind::Quarter { .. }
        | Kind::YearBefore(_)
        | Kind::Clock { .. }
        | Kind::Holiday { .. } => true,
    }
}

/// Whether a verb that moves a thing later ("postponed", "extended", "delayed") comes
/// within a few words before `at`, in the same clause.
fn defers_before<S: AsRef<str>>(words: &[S], at: usize) -> bool {
    (1..=5)
        .map_while(|distance| at.checked_sub(distance).and_then(|idx| words.get(idx)))
        .map(AsRef::as_ref)
        .take_while(|word| !is_clause_end(word) && *word != ",")
        .any(|word| {
            matches!(
                word,
                "postponed"
                    | "postpone"
                    | "postpones"
                    | "extended"
                    | "extend"
                    | "extends"
                    | "delayed"
                    | "delay"
                    | "delays"
                    | "deferred"
                    | "adjourned"
            )
        })
}

fn is_clause_end(word: &str) -> bool {
    matches!(word, ";" | "." | "?" | "!" | "\"" | "“" | "”")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_cue_wins() {
        let words = ["biden", "on", "monday", "defended", "the", "strikes"];
        assert_eq!(tense_of_words(&words, 2), Tense::Past);
        let words = ["the", "talks", "resume", "on", "friday"];
        assert_eq!(tense_of_words(&words, 4), Tense::Unknown);
        let words = ["the", "thrift", "announced", "the", "plan", "aug", "21"];
        assert_eq!(tense_of_words(&words, 5), Tense::Past);
        let words = ["it", "would", "be", "held", "on", "april", "24"];
        assert_eq!(tense_of_words(&words, 5), Tense::Future);
        let words = ["it", "is", "to", "resume", "trading", "tuesday"];
        assert_eq!(tense_of_words(&words, 5), Tense::Future);
        let words = [
            "they",
            "might",
            "come",
            "as",
            "soon",
            "as",
            "tuesday",
            ",",
            "according",
            "to",
            "unconfirmed",
            "reports",
        ];
        assert_eq!(tense_of_words(&words, 6), Tense::Future);
        let words: [&str; 0] = [];
        assert_eq!(tense_of_words(&words, 0), Tense::Unknown);
    }
}
