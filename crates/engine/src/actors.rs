//! Actors: the people, organisations and groups of a story, with titles, roles, aliases
//! and affiliations, built from the recogniser's entity spans.
//!
//! The recogniser says *where* names are; this stage says *who* they are. It works in four
//! steps, each linear in the length of the article:
//!
//! 1. **Frame actors** first: byline authors (role "author"), "X contributed to this
//!    report" (role "contributor") and photo credits "(Carlos Barria/Reuters)"
//!    (a photographer and an agency). Entity spans that overlap them are dropped.
//! 2. **Candidates** from the entity spans (PER, ORG, MISC; place mentions are skipped,
//!    headline repetitions too), from group phrases built around demonyms and place
//!    modifiers ("Iran-backed militia groups", "the Iraqi military", "U.S. troops"), from a
//!    fallback for capitalised names the model missed (acronyms such as "ISIS", names ending
//!    in an organisation word such as "The Jerusalem Post", names listed after
//!    "groups, including"), and from anaphors ("the department").
//! 3. **Titles and roles** from the words around a person's name: a title right before it
//!    ("President", "Secretary of State", "Col."), a role noun phrase before it ("Iranian
//!    foreign ministry spokesman") or an appositive after it (", a spokesman for ...,").
//! 4. **Clustering** in text order: a person's later "Biden" joins the earlier
//!    "President Joe Biden" through a last-name index; organisations join by normalised name,
//!    by a small table of well-known aliases ("the Pentagon" = "the Defense Department"),
//!    and by acronym initials; "the department" joins the most recent organisation that
//!    has "department" among the words of its names.
//!
//! Mentions come out with `reference` = actor id and `place` = the linked place, if any.
//! A demonym that names no actor ("Iraqi sovereignty") still becomes a `group` mention with
//! its place link and no reference, so the view can light it up with its country.
//!
//! ```
//! use dateline_engine::{Engine, AnalyzeOptions};
//! let document = Engine::default().analyze(
//!     "Story\n\nThe minister met reporters on Monday. Melanie Sun contributed to this report.",
//!     &AnalyzeOptions::default(),
//! );
//! let contributor = document.actors.iter().find(|actor| actor.name == "Melanie Sun").unwrap();
//! assert_eq!(contributor.roles, ["contributor"]);
//! ```

use std::sync::OnceLock;

use memchr::memmem;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::document::{numbered_id, Actor, ActorKind, Mention, MentionKind};
use crate::entities::{EntityLabel, EntitySpan};
use crate::places::ResolvedPlaces;
use crate::segment::{push_lowercase, with_lowercase, Token};
use crate::Context;

#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
}

/// Titles that stand right before a name, longest first where one contains another.
/// Case-sensitive: "President Joe Biden" has a title, "the president" is a role word.
const TITLES: &[&str] = &[
    "Secretary of State",
    "Secretary of Defense",
    "Secretary of Defence",
    "Secretary-General",
    "Secretary General",
    "Defense Secretary",
    "Defence Secretary",
    "Foreign Secretary",
    "Home Secretary",
    "Press Secretary",
    "Vice President",
    "Vice-President",
    "Prime Minister",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Interior Minister",
    "Finance Minister",
    "Attorney General",
    "Chief Justice",
    "Chief Executive",
    "Supreme Leader",
    "Lt. Gen.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lt. Col.",
    "President",
    "Secretary",
    "Minister",
    "Chancellor",
    "Premier",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sen.",
    "Senator",
    "Rep.",
    "Representative",
    "Gov.",
    "Governor",
    "Mayor",
    "Judge",
    "Justice",
    "Ambassador",
    "General",
    "Gen.",
    "Col.",
    "Colonel",
    "Lt.",
    "Lieutenant",
    "Maj.",
    "Major",
    "Capt.",
    "Captain",
    "Sgt.",
    "Sergeant",
    "Adm.",
    "Admiral",
    "Cmdr.",
    "Commander",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Professor",
    "Rev.",
    "Sheikh",
    "Ayatollah",
    "Speaker",
    "Chairman",
    "Chairwoman",
    "CEO",
    "Commissioner",
    "Director",
    "Sir",
    "Lord",
    "Dame",
    "Detective",
    "Officer",
    "Sheriff",
    "Chief",
];

/// Nouns that make a phrase a role ("spokesman for ...", "foreign ministry spokesman").
const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "official",
    "leader",
    "commander",
    "chief",
    "head",
    "director",
    "president",
    "secretary",
    "ambassador",
    "envoy",
    "analyst",
    "researcher",
    "professor",
    "lawyer",
    "attorney",
    "judge",
    "prosecutor",
    "mayor",
    "governor",
    "senator",
    "lawmaker",
    "legislator",
    "chairman",
    "chairwoman",
    "executive",
    "founder",
    "correspondent",
    "reporter",
    "editor",
    "officer",
    "general",
    "adviser",
    "advisor",
    "aide",
    "candidate",
    "activist",
    "organizer",
    "organiser",
    "witness",
    "doctor",
    "coach",
    "manager",
    "economist",
    "strategist",
    "negotiator",
    "member",
    "owner",
    "student",
    "teacher",
    "worker",
    "farmer",
    "resident",
    "historian",
    "scientist",
    "expert",
    "representative",
    "chancellor",
    "premier",
    "deputy",
    "ceo",
    "cfo",
    "partner",
    "investor",
    "consultant",
    "fellow",
    "superintendent",
    "sheriff",
    "detective",
    "inspector",
    "captain",
    "colonel",
    "sergeant",
    "pilot",
    "mother",
    "father",
    "daughter",
    "son",
    "wife",
    "husband",
    "victim",
    "suspect",
    "defendant",
    "plaintiff",
];

/// Lower-case words allowed inside a role phrase before a name
/// ("Iranian foreign ministry spokesman").
const ROLE_MODIFIERS: &[&str] = &[
    "founding",
    "operating",
    "outgoing",
    "incoming",
    "financial",
    "technology",
    "marketing",
    "board",
    "foreign",
    "ministry",
    "defense",
    "defence",
    "interior",
    "health",
    "finance",
    "justice",
    "state",
    "party",
    "police",
    "military",
    "army",
    "government",
    "press",
    "former",
    "deputy",
    "senior",
    "chief",
    "top",
    "vice",
    "assistant",
    "acting",
    "interim",
    "regional",
    "local",
    "national",
    "federal",
    "opposition",
    "campaign",
    "company",
    "security",
    "intelligence",
    "public",
    "affairs",
    "communications",
    "media",
    "union",
    "team",
    "trade",
    "economy",
    "energy",
    "oil",
    "news",
    "agency",
    "department",
    "executive",
    "provincial",
    "city",
    "county",
    "district",
    "election",
    "human",
    "rights",
    "militia",
    "rebel",
    "prime",
    "general",
    "managing",
    "political",
    "veteran",
    "longtime",
    "current",
    "then",
    "sports",
    "white",
    "house",
    "council",
    "court",
    "school",
    "university",
    "hospital",
    "fire",
    "emergency",
    "bank",
    "central",
    "spokesman",
    "spokeswoman",
];

/// Collective heads that make a demonym or place modifier into a group actor
/// ("Iraqi militia groups", "the Iraqi military"), with their merge key and kind.
const COLLECTIVE_HEADS: &[(&str, &str, ActorKind)] = &[
    ("militia", "militia", ActorKind::Group),
    ("militias", "militia", ActorKind::Group),
    ("militiamen", "militia", ActorKind::Group),
    ("forces", "forces", ActorKind::Group),
    ("troops", "forces", ActorKind::Group),
    ("soldiers", "forces", ActorKind::Group),
    ("rebels", "rebels", ActorKind::Group),
    ("insurgents", "rebels", ActorKind::Group),
    ("fighters", "fighters", ActorKind::Group),
    ("protesters", "protesters", ActorKind::Group),
    ("protestors", "protesters", ActorKind::Group),
    ("demonstrators", "protesters", ActorKind::Group),
    ("officials", "officials", ActorKind::Group),
    ("authorities", "authorities", ActorKind::Organization),
    ("groups", "groups", ActorKind::Group),
    ("military", "military", ActorKind::Organization),
    ("army", "army", ActorKind::Organization),
    ("navy", "navy", ActorKind::Organization),
    ("government", "government", ActorKind::Organization),
    ("ministry", "ministry", ActorKind::Organization),
    ("police", "police", ActorKind::Organization),
    ("parliament", "parliament", ActorKind::Organization),
    ("administration", "administration", ActorKind::Organization),
    ("cabinet", "cabinet", ActorKind::Organization),
    ("regime", "government", ActorKind::Organization),
    ("coalition", "coalition", ActorKind::Group),
    ("opposition", "opposition", ActorKind::Group),
    ("lawmakers", "lawmakers", ActorKind::Group),
    ("voters", "voters", ActorKind::Group),
    ("workers", "workers", ActorKind::Group),
    ("students", "students", ActorKind::Group),
    ("diplomats", "diplomats", ActorKind::Group),
];

/// Words that end organisation names ("The Jerusalem Post", "Defense Department").
const ORG_FINAL_WORDS: &[&str] = &[
    "Post",
    "Times",
    "News",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Telegraph",
    "Guardian",
    "Press",
    "Agency",
    "Department",
    "Ministry",
    "Office",
    "Party",
    "Council",
    "Court",
    "Bank",
    "Union",
    "Forces",
    "Army",
    "Navy",
    "Corps",
    "Guard",
    "Committee",
    "Commission",
    "Association",
    "Organization",
    "Organisation",
    "Institute",
    "University",
    "College",
    "School",
    "Hospital",
    "Company",
    "Corporation",
    "Corp.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Group",
    "Foundation",
    "Fund",
    "Network",
    "Service",
    "Authority",
    "Board",
    "Bureau",
    "Police",
    "Parliament",
    "Senate",
    "Congress",
    "Assembly",
    "Airlines",
    "Motors",
    "Brigade",
    "Brigades",
    "Front",
    "Movement",
    "Observatory",
    "Reuters",
];

/// Anaphors "the department", "the ministry": nouns that stand for the most recent
/// organisation that has the noun among the words of its names.
const ANAPHOR_NOUNS: &[&str] = &[
    "department",
    "ministry",
    "agency",
    "company",
    "firm",
    "court",
    "council",
    "committee",
    "commission",
    "party",
    "union",
    "bank",
    "newspaper",
    "network",
    "bureau",
    "board",
    "university",
];

/// Well-known organisations under several names. Each row is one organisation; the names
/// are normalised (lower case, no leading "the").
const ORG_ALIASES: &[&[&str]] = &[
    &[
        "pentagon",
        "defense department",
        "department of defense",
        "u.s. defense department",
        "u.s. department of defense",
        "dod",
        "defence department",
    ],
    &[
        "state department",
        "department of state",
        "u.s. state department",
    ],
    &["united nations", "un", "u.n."],
    &[
        "islamic state",
        "isis",
        "isil",
        "daesh",
        "islamic state group",
    ],
    &["european union", "eu", "e.u."],
    &["nato", "north atlantic treaty organization"],
    &["fbi", "federal bureau of investigation"],
    &["cia", "central intelligence agency"],
    &["imf", "international monetary fund"],
    &["world health organization", "who"],
    &["supreme court", "u.s. supreme court"],
    &["congress", "u.s. congress"],
    &["associated press", "ap"],
    &["agence france-presse", "afp"],
];

/// Words never taken as names by the fallback, even when capitalised mid-sentence.
const NOT_NAMES: &[&str] = &[
    "Yesterday",
    "Today",
    "Tomorrow",
    "The",
    "A",
    "An",
    "It",
    "I",
    "He",
    "She",
    "They",
    "We",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "However",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "With",
    "By",
    "From",
    "As",
    "After",
    "Before",
    "Just",
    "Separately",
    "Meanwhile",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Article",
    "II",
    "III",
    "IV",
    "UAV",
    "US",
    "UK",
    "U.S.",
    "U.K.",
    "U.N.",
    "OK",
    "TV",
    "AM",
    "PM",
    "CEO",
    "GMT",
    "EST",
    "EDT",
    "PST",
    "COVID",
    "GDP",
];

/// The word lists above as hash sets, built on first use: the stage asks them about
/// nearly every token and name, and a linear scan of a 90-word list each time was a large
/// part of its cost.
struct WordSets {
    not_names: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    role_nouns: HashSet<&'static str>,
    role_modifiers: HashSet<&'static str>,
    org_final_words: HashSet<&'static str>,
    /// [`COLLECTIVE_HEADS`] by word.
    collective_heads: HashMap<&'static str, &'static (&'static str, &'static str, ActorKind)>,
}

fn word_sets() -> &'static WordSets {
    static SETS: OnceLock<WordSets> = OnceLock::new();
    SETS.get_or_init(|| WordSets {
        not_names: NOT_NAMES.iter().copied().collect(),
        titles: TITLES.iter().copied().collect(),
        role_nouns: ROLE_NOUNS.iter().copied().collect(),
        role_modifiers: ROLE_MODIFIERS.iter().copied().collect(),
        org_final_words: ORG_FINAL_WORDS.iter().copied().collect(),
        collective_heads: COLLECTIVE_HEADS
            .iter()
            .map(|entry| (entry.0, entry))
            .collect(),
    })
}

fn is_not_name(word: &str) -> bool {
    word_sets().not_names.contains(word)
}

fn is_title(word: &str) -> bool {
    word_sets().titles.contains(word)
}

/// Case-sensitive, as [`ROLE_NOUNS`] is written: callers lower-case first where they mean to.
pub(crate) fn is_role_noun(word: &str) -> bool {
    word_sets().role_nouns.contains(word)
}

fn is_role_modifier(word: &str) -> bool {
    word_sets().role_modifiers.contains(word)
}

fn is_org_final_word(word: &str) -> bool {
    word_sets().org_final_words.contains(word)
}

/// [`TITLES`] indexed by the words a name's text can be looked up with, built on first
/// use. Each list keeps the order of [`TITLES`], so the first title found is the one a scan
/// of the whole table would find (longest first where one contains another).
struct TitleIndex {
    /// Titles by their first word: "President Joe Biden" starts with a title whose first
    /// word is the text's first word.
    by_first_word: HashMap<&'static str, Vec<&'static str>>,
    /// Titles by their last word: text ending in a title ends in that title's last word
    /// after a space, quote mark, parenthesis or line break.
    by_last_word: HashMap<&'static str, Vec<&'static str>>,
    /// Multi-word titles cut at each of their spaces, `(title, outside, inside)`, by the
    /// first word of `inside` ("Secretary of" + "State Antony Blinken").
    cuts_by_inside_first_word:
        HashMap<&'static str, Vec<(&'static str, &'static str, &'static str)>>,
}

/// What may stand before a title that ends the text before a name.
const BEFORE_TITLE: [char; 5] = [' ', '(', '“', '"', '\n'];

fn title_index() -> &'static TitleIndex {
    static INDEX: OnceLock<TitleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = TitleIndex {
            by_first_word: HashMap::default(),
            by_last_word: HashMap::default(),
            cuts_by_inside_first_word: HashMap::default(),
        };
        for &title in TITLES {
            let first_word = title.split(' ').next().unwrap_or(title);
            let last_word = title.rsplit(' ').next().unwrap_or(title);
            index
                .by_first_word
                .entry(first_word)
                .or_default()
                .push(title);
            index.by_last_word.entry(last_word).or_default().push(title);
            for (at, _) in title.match_indices(' ') {
                let (outside, inside) = (&title[..at], &title[at + 1..]);
                let inside_first_word = inside.split(' ').next().unwrap_or(inside);
                index
                    .cuts_by_inside_first_word
                    .entry(inside_first_word)
                    .or_default()
                    .push((title, outside, inside));
            }
        }
        index
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixedRole {
    Author,
    Contributor,
    Photographer,
    Credit,
}

impl FixedRole {
    fn role(self) -> Option<&'static str> {
        match self {
            FixedRole::Author => Some("author"),
            FixedRole::Contributor => Some("contributor"),
            FixedRole::Photographer => Some("photographer"),
            FixedRole::Credit => None,
        }
    }
}

/// A mention before clustering.
#[derive(Debug, Clone)]
struct Candidate<'r> {
    start: usize,
    end: usize,
    /// Canonical name: titles and a leading "the" removed.
    name: String,
    kind: ActorKind,
    title: Option<String>,
    role: Option<String>,
    /// Place the mention itself is linked with (its id, borrowed from the resolved places:
    /// copied only into the mention and actor made of it).
    place: Option<&'r str>,
    /// Place or actor the actor belongs to.
    affiliation: Option<&'r str>,
    /// Merge key for group phrases: modifier or place, relation and head.
    group_key: Option<String>,
    /// "the department": the noun to resolve.
    anaphor: Option<&'static str>,
    /// False for a demonym that names no actor (mention only).
    makes_actor: bool,
    fixed_role: Option<FixedRole>,
}

impl Candidate<'_> {
    fn new<'r>(start: usize, end: usize, name: String, kind: ActorKind) -> Candidate<'r> {
        Candidate {
            start,
            end,
            name,
            kind,
            title: None,
            role: None,
            place: None,
            affiliation: None,
            group_key: None,
            anaphor: None,
            makes_actor: true,
            fixed_role: None,
        }
    }
}

pub fn build(context: &Context, entities: &[EntitySpan], resolved: &ResolvedPlaces) -> Cast {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let frame = context.frame;

    let mut fixed = frame_candidates(context);
    fixed.sort_by_key(|candidate| candidate.start);
    let overlaps_fixed = |start: usize, end: usize| {
        fixed
            .iter()
            .any(|candidate| candidate.start < end && start < candidate.end)
    };

    // Tokens covered by any entity span (places included): the fallback looks elsewhere.
    // A LOC span that place resolution turned down (neither a place nor linked to one, e.g.
    // "Biden" after "Joe Biden") stays open, so the known-name fallback can take it up.
    let is_place_at = |idx: usize| resolved.is_place_mention.get(idx).copied().unwrap_or(false);
    let mut covered = vec![false; tokens.len()];
    for (idx, span) in entities.iter().enumerate() {
        let turned_down = span.label == EntityLabel::Loc
            && !is_place_at(idx)
            && resolved.entity_places.get(idx).is_none_or(Option::is_none);
        if turned_down {
            continue;
        }
        for flag in covered.get_mut(span.tokens.clone()).into_iter().flatten() {
            *flag = true;
        }
    }

    let mut candidates: Vec<Candidate> = Vec::with_capacity(entities.len());
    let mut span_idx = 0;
    while span_idx < entities.len() {
        let mut span = entities[span_idx].clone();
        let first_idx = span_idx;
        span_idx += 1;
        if span.end > text.len()
            || span.start >= span.end
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        if frame.in_frame_lines(span.start) || overlaps_fixed(span.start, span.end) {
            continue;
        }
        // Borrowed: most spans make no candidate, and those that do copy it.
        let place = resolved.place_id(first_idx);
        let is_place = is_place_at(first_idx);
        // Names the model cut in two ("Kata’ib" + "Hezbollah"): adjacent name spans with
        // only a space between them are one name.
        if !is_place && span.label != EntityLabel::Loc {
            while let Some(next) = entities.get(span_idx) {
                let joinable = !is_place_at(span_idx)
                    && next.label != EntityLabel::Loc
                    && next.sentence == span.sentence
                    && next.start == span.end + 1
                    && text.get(span.end..next.start) == Some(" ");
                if !joinable {
                    break;
                }
                if next.label == EntityLabel::Org {
                    span.label = EntityLabel::Org;
                }
                span.end = next.end;
                span.tokens.end = next.tokens.end;
                span_idx += 1;
            }
        }
        let span = &span;
        let surface = &text[span.start..span.end];
        if is_junk_name(context, span) {
            continue;
        }
        // A group phrase around a modifier: "Iran-backed militia groups", "U.S. troops".
        let modifier_like =
            is_place || span.label == EntityLabel::Misc || span.label == EntityLabel::Loc;
        if modifier_like {
            if let Some(group) = group_phrase(context, span.tokens.clone(), place, is_place) {
                for token in covered
                    .get_mut(span.tokens.end..group.1)
                    .into_iter()
                    .flatten()
                {
                    *token = true;
                }
                candidates.push(group.0);
                continue;
            }
        }
        if is_place || span.label == EntityLabel::Loc {
            continue;
        }
        match span.label {
            EntityLabel::Misc => {
                if is_acronym(surface) {
                    let mut candidate = Candidate::new(
                        span.start,
                        span.end,
                        surface.to_string(),
                        ActorKind::Organization,
                    );
                    candidate.affiliation = place;
                    candidates.push(candidate);
                } else if is_plural_people(surface) {
                    let mut candidate =
                        Candidate::new(span.start, span.end, surface.to_string(), ActorKind::Group);
                    candidate.place = place;
                    candidate.affiliation = place;
                    candidates.push(candidate);
                } else if place.is_some() {
                    let mut candidate =
                        Candidate::new(span.start, span.end, surface.to_string(), ActorKind::Group);
                    candidate.place = place;
                    candidate.makes_actor = false;
                    candidates.push(candidate);
                }
            }
            _ => {
                candidates.push(name_candidate(context, entities, resolved, span, place));
            }
        }
    }

    // Names already recognised somewhere: the fallback takes them up where the model
    // missed them ("Biden on Monday defended ...", sentence-initial).
    let mut known: HashMap<&str, ActorKind> = HashMap::default();
    for candidate in &candidates {
        if !candidate.makes_actor || candidate.group_key.is_some() {
            continue;
        }
        known.insert(&candidate.name, candidate.kind);
        if candidate.kind == ActorKind::Person {
            if let Some(last) = candidate.name.split_whitespace().last() {
                known.entry(last).or_insert(ActorKind::Person);
            }
        }
    }
    let fallback = fallback_candidates(context, &covered, &fixed, &known);
    candidates.extend(fallback);
    candidates.extend(anaphor_candidates(context, &covered));
    candidates.extend(fixed);
    candidates.sort_by_key(|candidate| (candidate.start, candidate.end));
    let mut candidates = join_split_names(context.text, candidates);
    candidates.retain(|candidate| !spells_common_noun(context.text, candidate));
    for candidate in &mut candidates {
        if is_definite_single_name(context.text, candidate) {
            candidate.kind = ActorKind::Organization;
        }
    }

    cluster(context, candidates)
}

/// "unmanned aerial vehicle (UAV)": an acronym in parentheses whose letters start the
/// lower-case words before it abbreviates a common noun, not a name.
fn spells_common_noun(text: &str, candidate: &Candidate) -> bool {
    let acronym = candidate.name.as_str();
    if acronym.len() < 2 || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let Some(before) = text
        .get(..candidate.start)
        .and_then(|b| b.strip_suffix('('))
    else {
        return false;
    };
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(acronym.len())
        .collect();
    words.len() == acronym.len()
        && words
            .iter()
            .rev()
            .zip(acronym.chars())
            .all(|(word, letter)| {
                word.chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() && c.eq_ignore_ascii_case(&letter))
            })
}

/// "the Hill", "the Kremlin": a lone capitalised word after "the" names an institution,
/// never a person, whatever the recogniser thought.
fn is_definite_single_name(text: &str, candidate: &Candidate) -> bool {
    if candidate.kind != ActorKind::Person || candidate.name.contains(' ') {
        return false;
    }
    let before = text.get(..candidate.start).unwrap_or_default();
    let word_before = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    before.ends_with(' ') && word_before.eq_ignore_ascii_case("the")
}

/// Two plain name candidates separated by a single space are one name that the model and
/// the fallback cut in two ("Kata’ib" + "Sayyid al-Shuhada"), when one of them is an
/// organisation or the first is a lone word.
fn join_split_names<'r>(text: &str, candidates: Vec<Candidate<'r>>) -> Vec<Candidate<'r>> {
    let is_plain = |c: &Candidate| {
        c.group_key.is_none() && c.anaphor.is_none() && c.fixed_role.is_none() && c.makes_actor
    };
    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if let Some(previous) = out.last_mut() {
            let joinable = is_plain(previous)
                && is_plain(&candidate)
                && previous.end + 1 == candidate.start
                && text.get(previous.end..candidate.start) == Some(" ")
                && (previous.kind == ActorKind::Organization
                    || candidate.kind == ActorKind::Organization
                    || !previous.name.contains(' '))
                && matches!(previous.kind, ActorKind::Organization | ActorKind::Person)
                && matches!(candidate.kind, ActorKind::Organization | ActorKind::Person);
            if let (true, Some(joined)) = (joinable, text.get(previous.start..candidate.end)) {
                previous.name = joined.to_string();
                previous.end = candidate.end;
                if candidate.kind == ActorKind::Organization {
                    previous.kind = ActorKind::Organization;
                }
                previous.place = previous.place.take().or(candidate.place);
                previous.affiliation = previous.affiliation.take().or(candidate.affiliation);
                continue;
            }
        }
        out.push(candidate);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Frame actors: byline, contributors, photo credits.

fn frame_candidates<'r>(context: &Context) -> Vec<Candidate<'r>> {
    let text = context.text;
    let frame = context.frame;
    let mut out = Vec::new();
    // Byline authors.
    for range in &frame.byline_ranges {
        let Some(line) = text.get(range.clone()) else {
            continue;
        };
        for name in &frame.byline {
            if let Some(pos) = line.find(name.as_str()) {
                let start = range.start + pos;
                let mut candidate =
                    Candidate::new(start, start + name.len(), name.clone(), ActorKind::Person);
                candidate.fixed_role = Some(FixedRole::Author);
                out.push(candidate);
            }
        }
    }
    // Photo credits "(Carlos Barria/Reuters)", "(AP Photo/John Doe)".
    for range in &frame.caption_ranges {
        let Some(line) = text.get(range.clone()) else {
            continue;
        };
        let trimmed = line.trim_end();
        let (Some(open), true) = (trimmed.rfind('('), trimmed.ends_with(')')) else {
            continue;
        };
        let inside_start = range.start + open + 1;
        let inside = &trimmed[open + 1..trimmed.len() - 1];
        let Some(slash) = inside.find('/') else {
            continue;
        };
        let left = (inside_start, &inside[..slash]);
        let right = (inside_start + slash + 1, &inside[slash + 1..]);
        let (person, agency) = if left.1.to_lowercase().contains("photo") {
            let agency = left.1.trim_end_matches(" Photo").trim_end_matches(" photo");
            ((right.0, right.1), (left.0, agency))
        } else if is_person_name(left.1) || !is_person_name(right.1) {
            (left, right)
        } else {
            (right, left)
        };
        if is_person_name(person.1.trim()) {
            let name = person.1.trim();
            let start = person.0 + (person.1.len() - person.1.trim_start().len());
            let mut candidate = Candidate::new(
                start,
                start + name.len(),
                name.to_string(),
                ActorKind::Person,
            );
            candidate.fixed_role = Some(FixedRole::Photographer);
            out.push(candidate);
        }
        let agency_name = agency.1.trim();
        if !agency_name.is_empty() && agency_name.split_whitespace().count() <= 4 {
            let start = agency.0 + (agency.1.len() - agency.1.trim_start().len());
            let mut candidate = Candidate::new(
                start,
                start + agency_name.len(),
                agency_name.to_string(),
                ActorKind::Organization,
            );
            candidate.fixed_role = Some(FixedRole::Credit);
            out.push(candidate);
        }
    }
    // "Melanie Sun contributed to this report." / "Reporting by Ann Lee and Bo Chen".
    for pos in memmem::find_iter(text.as_bytes(), " contributed") {
        // Up to 40 bytes, cut back to a character boundary.
        let mut after_end = text.len().min(pos + 40);
        while !text.is_char_boundary(after_end) {
            after_end -= 1;
        }
        let after = &text[pos..after_end];
        if !(after.contains("report") || after.contains("story") || after.contains("article")) {
            continue;
        }
        let line_start = text[..pos].rfind(['\n', '.']).map_or(0, |p| p + 1);
        for (start, name) in split_names(text, line_start, pos) {
            let mut candidate = Candidate::new(
                start,
                start + name.len(),
                name.to_string(),
                ActorKind::Person,
            );
            candidate.fixed_role = Some(FixedRole::Contributor);
            out.push(candidate);
        }
    }
    for pos in memmem::find_iter(text.as_bytes(), "Reporting by ") {
        let start = pos + "Reporting by ".len();
        let end = text[start..]
            .find(['\n', ';', '.'])
            .map_or(text.len(), |p| start + p);
        for (name_start, name) in split_names(text, start, end) {
            let mut candidate = Candidate::new(
                name_start,
                name_start + name.len(),
                name.to_string(),
                ActorKind::Person,
            );
            candidate.fixed_role = Some(FixedRole::Contributor);
            out.push(candidate);
        }
    }
    out
}

/// Names in `text[start..end]` separated by commas and "and", each with its offset.
fn split_names(text: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    let Some(segment) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for part in segment.split([',', ';']) {
        let part_start = offset;
        offset += part.len() + 1;
        let mut sub_offset = 0;
        for piece in part.split(" and ") {
            let piece_start = part_start + sub_offset;
            sub_offset += piece.len() + " and ".len();
            let name = piece.trim();
            if is_person_name(name) {
                let lead = piece.len() - piece.trim_start().len();
                out.push((start + piece_start + lead, name));
            }
        }
    }
    out
}

/// Two to four capitalised words (name particles allowed), no digits.
fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let particles = [
        "van", "von", "de", "der", "da", "di", "del", "la", "le", "bin", "al",
    ];
    (2..=4).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(|c| c.is_uppercase()) || particles.contains(word)
        })
        && !name.chars().any(|c| c.is_ascii_digit())
        && words
            .first()
            .is_some_and(|word| word.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// Spans that name no actor: "Article II", a person's name right after "in" (a place the
/// gazetteer missed), an acronym spelling out the lower-case words before it ("unmanned
/// aerial vehicle (UAV)").
fn is_junk_name(context: &Context, span: &EntitySpan) -> bool {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let surface = text.get(span.start..span.end).unwrap_or("");
    let first_word = surface.split_whitespace().next().unwrap_or("");
    if matches!(
        first_word,
        "Article" | "Section" | "Chapter" | "Amendment" | "Title" | "Part" | "Phase"
    ) {
        return true;
    }
    let previous = span
        .tokens
        .start
        .checked_sub(1)
        .and_then(|idx| tokens.get(idx))
        .map_or("", |token| token_text(text, token));
    if span.label == EntityLabel::Per && matches!(previous, "in" | "near" | "at") {
        return true;
    }
    if previous == "(" && is_acronym(surface) {
        let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
        let n = letters.len();
        let first = span.tokens.start.saturating_sub(1 + n);
        let words: Vec<&str> = tokens
            .get(first..span.tokens.start.saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .map(|token| token_text(text, token))
            .collect();
        let initials: String = words
            .iter()
            .filter_map(|word| word.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        let lower = words
            .iter()
            .all(|word| word.chars().next().is_some_and(char::is_lowercase));
        if lower && initials == letters.iter().collect::<String>() {
            return true;
        }
    }
    false
}

/// Two to seven letters, all upper case, one word, not a listed non-name ("TV", "U.S.").
fn is_acronym(word: &str) -> bool {
    if word.contains(' ') {
        return false;
    }
    // Counted without collecting the letters: most words fail at their second letter.
    let mut n_letters = 0;
    for letter in word.chars().filter(|c| c.is_alphabetic()) {
        if !letter.is_uppercase() || n_letters == 7 {
            return false;
        }
        n_letters += 1;
    }
    n_letters >= 2 && !is_not_name(word)
}

/// "Democrats", "Kurds", "Palestinians": a capitalised plural naming people.
fn is_plural_people(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
        && !word.contains(' ')
        && word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
}

// ---------------------------------------------------------------------------------------
// Candidates from names, with titles and roles.

fn token_text<'t>(text: &'t str, token: &Token) -> &'t str {
    text.get(token.start..token.end).unwrap_or("")
}

fn lower_is(text: &str, token: Option<&Token>, words: &[&str]) -> bool {
    token.is_some_and(|token| with_lowercase(token_text(text, token), |word| words.contains(&word)))
}

/// A PER or ORG span: strips titles, finds title, role and kind.
fn name_candidate<'r>(
    context: &Context,
    entities: &[EntitySpan],
    resolved: &'r ResolvedPlaces,
    span: &EntitySpan,
    place: Option<&'r str>,
) -> Candidate<'r> {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let sentence = context
        .segmented
        .sentence_tokens
        .get(span.sentence)
        .cloned()
        .unwrap_or(span.tokens.clone());
    let mut surface = &text[span.start..span.end];
    let mut start = span.start;
    let mut title = None;
    let sentence_start = tokens
        .get(sentence.start)
        .map_or(span.start, |token| token.start);
    // Titles inside the span ("President Joe Biden" tagged whole) or cut by it
    // ("Secretary of" + "State Antony Blinken").
    let before_span = text
        .get(sentence_start.min(span.start)..span.start)
        .unwrap_or("");
    let before_span_trimmed = before_span.trim_end();
    let titles = title_index();
    // Only titles whose first word is the span's first word can start it.
    let surface_first_word = surface.split(' ').next().unwrap_or(surface);
    // Cut the title at each of its spaces: `outside` ends the text before the span,
    // `inside` (and a space) starts the span.
    let cuts = titles
        .cuts_by_inside_first_word
        .get(surface_first_word)
        .map_or(&[][..], Vec::as_slice);
    for &(candidate_title, outside, inside) in cuts {
        let cut = surface
            .strip_prefix(inside)
            .and_then(|rest| rest.strip_prefix(' '))
            .filter(|_| before_span_trimmed.ends_with(outside));
        if let Some(rest) = cut {
            title = Some(candidate_title.to_string());
            start += surface.len() - rest.len();
            surface = rest;
            break;
        }
    }
    let starting_titles = titles
        .by_first_word
        .get(surface_first_word)
        .map_or(&[][..], Vec::as_slice);
    for &candidate_title in starting_titles {
        if title.is_some() {
            break;
        }
        if let Some(rest) = surface.strip_prefix(candidate_title) {
            if rest.starts_with(' ') && rest.trim().chars().next().is_some_and(char::is_uppercase) {
                title = Some(candidate_title.to_string());
                let skip = surface.len() - rest.trim_start().len();
                start += skip;
                surface = rest.trim_start();
                break;
            }
        }
    }
    let prefix = before_span_trimmed;
    let mut affiliation_range = None;
    if title.is_none() {
        // Only titles whose last word is the prefix's last word can end it.
        let prefix_last_word = prefix.rsplit(BEFORE_TITLE).next().unwrap_or(prefix);
        let ending_titles = titles
            .by_last_word
            .get(prefix_last_word)
            .map_or(&[][..], Vec::as_slice);
        for &candidate_title in ending_titles {
            if let Some(before) = prefix.strip_suffix(candidate_title) {
                if before.is_empty() || before.ends_with(BEFORE_TITLE) {
                    title = Some(candidate_title.to_string());
                    let title_start = sentence_start.min(span.start) + before.len();
                    affiliation_range = Some((sentence_start.min(title_start), title_start));
                    break;
                }
            }
        }
    }
    let mut kind = match span.label {
        EntityLabel::Per => ActorKind::Person,
        _ => ActorKind::Organization,
    };
    let last_word = surface.split_whitespace().last().unwrap_or("");
    if kind == ActorKind::Person && is_org_final_word(last_word) {
        kind = ActorKind::Organization;
    }
    if kind == ActorKind::Organization
        && title
            .as_deref()
            .is_some_and(|t| t != "Chief" && t != "Director")
        && surface.split_whitespace().count() <= 3
        && !is_org_final_word(last_word)
    {
        kind = ActorKind::Person;
    }
    if kind == ActorKind::Person && in_group_list(context, span.tokens.start) {
        kind = ActorKind::Organization;
    }
    let name = strip_article(surface).to_string();
    let mut candidate = Candidate::new(start, span.end, name, kind);
    candidate.place = place;
    if kind == ActorKind::Person {
        candidate.title = title;
        // A role before the name: "Iranian foreign ministry spokesman Saeed Khatibzadeh".
        let title_tokens = candidate
            .title
            .as_deref()
            .map_or(0, |t| t.split_whitespace().count());
        let first_token = span.tokens.start.saturating_sub(title_tokens);
        if let Some((role_start, role)) = role_before(context, first_token, sentence.start) {
            affiliation_range = Some((role_start, start));
            candidate.role = Some(role);
        } else if let Some((role_start, role_end, role)) =
            appositive_role(context, span.tokens.end, sentence.end)
        {
            affiliation_range = Some((role_start, role_end));
            candidate.role = Some(role);
        }
        if let Some((from, to)) = affiliation_range {
            candidate.affiliation = place_in_range(entities, resolved, from, to);
        }
    } else {
        candidate.affiliation = place;
    }
    candidate
}

fn strip_article(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
}

/// The first place linked to an entity span inside `from..to`.
fn place_in_range<'r>(
    entities: &[EntitySpan],
    resolved: &'r ResolvedPlaces,
    from: usize,
    to: usize,
) -> Option<&'r str> {
    let first = entities.partition_point(|span| span.start < from);
    entities
        .iter()
        .enumerate()
        .skip(first)
        .take_while(|(_, span)| span.start < to)
        .find_map(|(idx, _)| resolved.place_id(idx))
}

/// "several terrorist groups, including Kata’ib Hezbollah and ...": a name listed after a
/// collective noun and "including"/"such as".
fn in_group_list(context: &Context, token_idx: usize) -> bool {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let from = token_idx.saturating_sub(12);
    let window = tokens.get(from..token_idx).unwrap_or(&[]);
    let mut saw_including = false;
    for token in window.iter().rev() {
        let word = token_text(text, token);
        let verdict = with_lowercase(word, |word| {
            if word == "including" || word == "as" {
                saw_including = true;
                None
            } else if saw_including
                && matches!(
                    word,
                    "groups"
                        | "organizations"
                        | "organisations"
                        | "militias"
                        | "companies"
                        | "parties"
                        | "factions"
                        | "agencies"
                        | "firms"
                        | "banks"
                        | "outlets"
                        | "newspapers"
                )
            {
                Some(true)
            } else if word == "." {
                Some(false)
            } else {
                None
            }
        });
        if let Some(verdict) = verdict {
            return verdict;
        }
    }
    false
}

/// A role phrase right before a name, ending in a role noun.
fn role_before(
    context: &Context,
    name_token: usize,
    sentence_start: usize,
) -> Option<(usize, String)> {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let previous = name_token.checked_sub(1)?;
    if previous < sentence_start {
        return None;
    }
    let head = token_text(text, tokens.get(previous)?);
    if !is_role_noun(head) {
        return None;
    }
    let mut first = previous;
    while first > sentence_start && previous - first < 6 {
        let word = token_text(text, &tokens[first - 1]);
        let capitalised = word.chars().next().is_some_and(|c| c.is_uppercase());
        let allowed =
            (capitalised && !is_not_name(word)) || is_role_modifier(word) || is_role_noun(word);
        if !allowed {
            break;
        }
        first -= 1;
    }
    let start = tokens[first].start;
    let end = tokens[previous].end;
    Some((start, text.get(start..end)?.to_string()))
}

/// ", a spokesman for the U.S.-led mission in Syria," after a name.
fn appositive_role(
    context: &Context,
    after_name: usize,
    sentence_end: usize,
) -> Option<(usize, usize, String)> {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    if token_text(text, tokens.get(after_name)?) != "," {
        return None;
    }
    let mut first = after_name + 1;
    if lower_is(text, tokens.get(first), &["a", "an", "the"]) {
        first += 1;
    }
    let mut last = first;
    let mut has_role_noun = false;
    while last < sentence_end && last - first < 14 {
        let word = token_text(text, &tokens[last]);
        if word == "," || word == "." || word == ";" || word == "said" || word == "who" {
            break;
        }
        if last - first < 4 && with_lowercase(word, is_role_noun) {
            has_role_noun = true;
        }
        last += 1;
    }
    if !has_role_noun || last == first {
        return None;
    }
    let start = tokens.get(first)?.start;
    let end = tokens.get(last - 1)?.end;
    Some((start, end, text.get(start..end)?.to_string()))
}

/// After the tokens of a modifier span: up to two lower-case modifiers, a collective head,
/// optionally "groups"; not followed by a role noun. Returns the candidate and the token
/// index after the phrase.
fn group_phrase<'r>(
    context: &Context,
    modifier: std::ops::Range<usize>,
    place: Option<&'r str>,
    modifier_is_place: bool,
) -> Option<(Candidate<'r>, usize)> {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let sentence = tokens.get(modifier.start)?.sentence;
    let mut idx = modifier.end;
    let mut head = None;
    while idx < tokens.len() && idx < modifier.end + 3 && tokens[idx].sentence == sentence {
        let word = token_text(text, &tokens[idx]);
        let (head_entry, function_word) = with_lowercase(word, |lower| {
            (
                word_sets().collective_heads.get(lower).copied(),
                matches!(
                    lower,
                    "and" | "or" | "of" | "the" | "a" | "in" | "on" | "to" | "for" | "is" | "was"
                ),
            )
        });
        if let Some(entry) = head_entry {
            head = Some((idx, entry));
            break;
        }
        let plain_modifier = word.chars().all(|c| c.is_lowercase() || c == '-') && !function_word;
        if !plain_modifier {
            return None;
        }
        idx += 1;
    }
    let (head_idx, &(_, head_key, kind)) = head?;
    let mut end_idx = head_idx + 1;
    // "militia groups": a second collective word belongs to the phrase.
    if tokens.get(end_idx).is_some_and(|token| {
        matches!(token_text(text, token), "groups" | "forces" | "members")
            && token.sentence == sentence
    }) {
        end_idx += 1;
    }
    if tokens
        .get(end_idx)
        .is_some_and(|token| with_lowercase(token_text(text, token), is_role_noun))
    {
        return None;
    }
    let modifier_text = text.get(tokens[modifier.start].start..tokens[modifier.end - 1].end)?;
    let relation = if modifier_text.ends_with("-backed") {
        "backed"
    } else if modifier_text.ends_with("-led") {
        "led"
    } else {
        ""
    };
    // Merge key "modifier|relation|head": the place id, or else the lower-cased modifier.
    let mut group_key = String::with_capacity(modifier_text.len() + 32);
    match place {
        Some(place_id) => group_key.push_str(place_id),
        None => with_lowercase(modifier_text, |lower| {
            group_key.push_str(lower.trim_end_matches("-backed").trim_end_matches("-led"));
        }),
    }
    for part in ["|", relation, "|", head_key] {
        group_key.push_str(part);
    }
    let phrase_start = tokens[modifier.start].start;
    let phrase_end = tokens[end_idx - 1].end;
    let name = text.get(phrase_start..phrase_end)?.to_string();
    // When the modifier is itself a place mention, the group mention covers only the
    // words after it, so mentions never overlap.
    let mention_start = if modifier_is_place {
        tokens[modifier.end].start
    } else {
        phrase_start
    };
    let mut candidate = Candidate::new(mention_start, phrase_end, name, kind);
    candidate.place = place;
    candidate.affiliation = place;
    candidate.group_key = Some(group_key);
    Some((candidate, end_idx))
}

// ---------------------------------------------------------------------------------------
// Fallback for names the recogniser missed, and anaphors.

fn fallback_candidates(
    context: &Context,
    covered: &[bool],
    fixed: &[Candidate],
    known: &HashMap<&str, ActorKind>,
) -> Vec<Candidate<'static>> {
    let text = context.text;
    let segmented = context.segmented;
    let tokens = &segmented.tokens;
    let frame = context.frame;
    let mut out = Vec::new();
    for range in &segmented.sentence_tokens {
        let Some(first_token) = tokens.get(range.start) else {
            continue;
        };
        if frame.in_frame_lines(first_token.start)
            || frame.in_caption(first_token.start)
            || frame
                .title_range
                .as_ref()
                .is_some_and(|title| title.contains(&first_token.start))
        {
            continue;
        }
        let mut idx = range.start;
        while idx < range.end {
            let is_name_word = |i: usize| {
                if covered.get(i).copied().unwrap_or(true) {
                    return false;
                }
                let word = token_text(text, &tokens[i]);
                word.chars().next().is_some_and(|c| c.is_uppercase())
                    || (word.starts_with("al-") && word.len() > 3)
            };
            if !is_name_word(idx) {
                idx += 1;
                continue;
            }
            let run_start = idx;
            while idx < range.end
                && (is_name_word(idx)
                    || (idx + 1 < range.end
                        && idx > run_start
                        && matches!(token_text(text, &tokens[idx]), "of" | "for" | "de")
                        && is_name_word(idx + 1)))
            {
                idx += 1;
            }
            let mut first = run_start;
            // A sentence-initial capital is no evidence: drop a first word that is a
            // function word, keep "The" only in front of a name ending in an org word.
            while first < idx && is_not_name(token_text(text, &tokens[first])) {
                first += 1;
            }
            if first >= idx {
                continue;
            }
            let start = tokens[first].start;
            let end = tokens[idx - 1].end;
            let Some(surface) = text.get(start..end) else {
                continue;
            };
            let as_span = EntitySpan {
                start,
                end,
                tokens: first..idx,
                sentence: tokens[first].sentence,
                label: EntityLabel::Org,
            };
            if is_junk_name(context, &as_span) {
                continue;
            }
            if fixed.iter().any(|c| c.start < end && start < c.end) {
                continue;
            }
            let n_words = idx - first;
            let last_word = token_text(text, &tokens[idx - 1]);
            let with_the = first > run_start
                && token_text(text, &tokens[first - 1]) == "The"
                && first - 1 > range.start;
            let kind = if let Some(kind) = known.get(surface) {
                Some(*kind)
            } else if (n_words == 1 && is_acronym(surface))
                || is_org_final_word(last_word)
                || (in_group_list(context, first) && n_words <= 5)
            {
                Some(ActorKind::Organization)
            } else if (2..=3).contains(&n_words)
                && first > range.start
                && is_title(token_text(text, &tokens[first - 1]))
            {
                Some(ActorKind::Person)
            } else {
                None
            };
            let Some(kind) = kind else {
                continue;
            };
            // Sentence-initial single words are too weak unless they are acronyms.
            if first == range.start
                && n_words == 1
                && !is_acronym(surface)
                && !known.contains_key(surface)
            {
                continue;
            }
            let (start, name) = if with_the {
                let the_start = tokens[first - 1].start;
                (
                    the_start,
                    text.get(the_start..end).unwrap_or(surface).to_string(),
                )
            } else {
                (start, surface.to_string())
            };
            out.push(Candidate::new(start, end, name, kind));
        }
    }
    out
}

fn anaphor_candidates<'r>(context: &Context, covered: &[bool]) -> Vec<Candidate<'r>> {
    let text = context.text;
    let tokens = &context.segmented.tokens;
    let frame = context.frame;
    let mut out = Vec::new();
    for idx in 1..tokens.len() {
        // The article first: it rules out most tokens, by its length before its text.
        let before = &tokens[idx - 1];
        if before.end.wrapping_sub(before.start) != 3 {
            continue;
        }
        let article = token_text(text, before);
        if !(article == "the" || article == "The") || covered.get(idx).copied().unwrap_or(true) {
            continue;
        }
        let word = token_text(text, &tokens[idx]);
        let Some(noun) = ANAPHOR_NOUNS.iter().find(|noun| **noun == word) else {
            continue;
        };
        if tokens.get(idx + 1).is_some_and(|next| {
            let next_word = token_text(text, next);
            next_word == "of" || next_word.chars().next().is_some_and(|c| c.is_uppercase())
        }) {
            continue;
        }
        if frame.in_frame_lines(tokens[idx].start) {
            continue;
        }
        let start = tokens[idx - 1].start;
        let end = tokens[idx].end;
        let mut candidate = Candidate::new(
            start,
            end,
            text.get(start..end).unwrap_or(word).to_string(),
            ActorKind::Organization,
        );
        candidate.anaphor = Some(noun);
        out.push(candidate);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Clustering.

/// Normalised organisation key: lower case, no leading "the", through the alias table.
/// Written in `buffer` (reused from call to call) unless the alias table has it.
fn org_key<'b>(name: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    // Trimmed before lower-casing, which is the same: no letter lower-cases to a space.
    push_lowercase(buffer, strip_article(name).trim());
    match alias_rows().get(buffer.as_str()) {
        Some(&row) => row[0],
        None => buffer.as_str(),
    }
}

/// [`ORG_ALIASES`] by each of its names, built on first use; the first row naming a name
/// wins, as in a scan of the table.
fn alias_rows() -> &'static HashMap<&'static str, &'static [&'static str]> {
    static ROWS: OnceLock<HashMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: HashMap<&'static str, &'static [&'static str]> = HashMap::default();
        for &row in ORG_ALIASES {
            for &alias in row {
                rows.entry(alias).or_insert(row);
            }
        }
        rows
    })
}

/// Initials of the capitalised words of a multi-word name ("Syrian Observatory for Human
/// Rights" -> "SOHR"), written in `letters`; false for a single word or fewer than two.
fn initials(name: &str, letters: &mut String) -> bool {
    letters.clear();
    let mut n_words = 0;
    let mut n_letters = 0;
    for word in strip_article(name).split_whitespace() {
        n_words += 1;
        if let Some(initial) = word.chars().next().filter(|c| c.is_uppercase()) {
            letters.push(initial);
            n_letters += 1;
        }
    }
    n_words >= 2 && n_letters >= 2
}

/// The [`ANAPHOR_NOUNS`] among the words of an actor's names, a bit per noun by its index:
/// anaphors ask for no other word, so none other is kept.
type NounSet = u32;

const _: () = assert!(ANAPHOR_NOUNS.len() <= NounSet::BITS as usize);

/// The bit of an anaphor noun in a [`NounSet`] (none for a word that is not one).
fn noun_bit(word: &str) -> NounSet {
    ANAPHOR_NOUNS
        .iter()
        .position(|noun| *noun == word)
        .map_or(0, |idx| 1 << idx)
}

/// Adds to `words` the anaphor nouns among the words of `lower_name` (a name in lower case)
/// and of the alias-table names of its key `key`: the words anaphors ("the department")
/// look for. The lower-cased name's words are the lower-cased words of the name:
/// lower-casing neither makes nor removes spaces.
fn add_name_words(words: &mut NounSet, lower_name: &str, key: &str) {
    let mut add = |word: &str| *words |= noun_bit(word);
    lower_name.split_whitespace().for_each(&mut add);
    if let Some(row) = alias_rows().get(key).filter(|row| row[0] == key) {
        for alias in row.iter() {
            alias.split_whitespace().for_each(&mut add);
        }
    }
}

/// `index[key] = actor_idx`, allocating the key only the first time: the same names come
/// back mention after mention.
fn set_index(index: &mut HashMap<String, usize>, key: &str, actor_idx: usize) {
    match index.get_mut(key) {
        Some(slot) => *slot = actor_idx,
        None => {
            index.insert(key.to_string(), actor_idx);
        }
    }
}

/// `index[key] = actor_idx` unless the key is taken.
fn index_if_absent(index: &mut HashMap<String, usize>, key: &str, actor_idx: usize) {
    if !index.contains_key(key) {
        index.insert(key.to_string(), actor_idx);
    }
}

fn cluster(context: &Context, candidates: Vec<Candidate<'_>>) -> Cast {
    let text = context.text;
    let mut cast = Cast {
        actors: Vec::new(),
        mentions: Vec::with_capacity(candidates.len()),
    };
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut by_last_name: HashMap<String, usize> = HashMap::default();
    let mut by_first_name: HashMap<String, usize> = HashMap::default();
    // "monex" for "Monex Group": an organisation's name without its corporate suffix.
    let mut by_org_stem: HashMap<String, usize> = HashMap::default();
    let mut by_initials: HashMap<String, usize> = HashMap::default();
    let mut by_group: HashMap<String, usize> = HashMap::default();
    // Per actor: the words of its names, for anaphors; and the last mention position.
    let mut words_of: Vec<NounSet> = Vec::new();
    let mut last_seen: Vec<usize> = Vec::new();
    // Organisations in order of their latest mention, for anaphors (small: scanned back).
    let mut recent_orgs: Vec<usize> = Vec::new();
    // Lower-cased names, organisation keys and initials are written in these, reused from
    // candidate to candidate: allocating them each time was much of the cost here.
    let mut candidate_lower = String::new();
    let mut actor_lower = String::new();
    let mut candidate_key_buffer = String::new();
    let mut actor_key_buffer = String::new();
    let mut initials_buffer = String::new();

    // Headline mentions come last and only join actors of the body: headline case makes
    // every word look like a name ("Airstrikes Against Iran-Backed Militia").
    let in_title = |candidate: &Candidate| {
        context
            .frame
            .title_range
            .as_ref()
            .is_some_and(|range| range.contains(&candidate.start))
    };
    let mut body_candidates = Vec::with_capacity(candidates.len());
    let mut title_candidates = Vec::new();
    for candidate in candidates {
        if in_title(&candidate) {
            title_candidates.push(candidate);
        } else {
            body_candidates.push(candidate);
        }
    }
    let n_body = body_candidates.len();
    let mut last_end = 0;
    for (position, candidate) in body_candidates
        .into_iter()
        .chain(title_candidates)
        .enumerate()
    {
        let attach_only = position >= n_body;
        if position == n_body {
            last_end = 0;
        }
        // Overlapping candidates (a fallback inside a group phrase): the first wins.
        if candidate.start < last_end {
            continue;
        }
        let surface = text.get(candidate.start..candidate.end).unwrap_or("");
        if surface.is_empty() {
            continue;
        }
        if !candidate.makes_actor {
            last_end = candidate.end;
            cast.mentions.push(Mention {
                id: String::new(),
                start: candidate.start,
                end: candidate.end,
                text: surface.to_string(),
                kind: MentionKind::Group,
                reference: None,
                place: candidate.place.map(str::to_string),
            });
            continue;
        }
        candidate_lower.clear();
        push_lowercase(&mut candidate_lower, &candidate.name);
        // The candidate's organisation key, computed once: lookups and indexing both use it.
        let mut candidate_key: Option<&str> = None;
        let actor_idx = if let Some(noun) = candidate.anaphor {
            // The most recent organisation with the noun among its names' words.
            let bit = noun_bit(noun);
            let found = recent_orgs
                .iter()
                .rev()
                .take(12)
                .find(|&&idx| words_of[idx] & bit != 0)
                .copied();
            match found {
                Some(idx) => idx,
                None => continue,
            }
        } else {
            let name_lower = candidate_lower.as_str();
            let single_word = !candidate.name.contains(' ');
            let found = match candidate.kind {
                ActorKind::Person => by_name
                    .get(name_lower)
                    .copied()
                    .or_else(|| {
                        let last = name_lower.split_whitespace().last().unwrap_or("");
                        by_last_name
                            .get(last)
                            .copied()
                            .filter(|&idx| cast.actors[idx].kind == ActorKind::Person)
                    })
                    .or_else(|| {
                        // "Mahathir" for "Mahathir Mohamad": names used by the given name.
                        single_word
                            .then(|| by_first_name.get(name_lower).copied())
                            .flatten()
                    }),
                ActorKind::Group | ActorKind::Organization if candidate.group_key.is_some() => {
                    let key =
                        *candidate_key.insert(org_key(&candidate.name, &mut candidate_key_buffer));
                    candidate
                        .group_key
                        .as_ref()
                        .and_then(|group_key| by_group.get(group_key))
                        .copied()
                        .or_else(|| by_name.get(key).copied())
                }
                _ => {
                    let key =
                        *candidate_key.insert(org_key(&candidate.name, &mut candidate_key_buffer));
                    by_name.get(key).copied().or_else(|| {
                        // A single word that is a known person's last name ("Maratto"
                        // mislabelled as an organisation).
                        if single_word && !is_acronym(&candidate.name) {
                            by_last_name
                                .get(name_lower)
                                .or_else(|| by_first_name.get(name_lower))
                                .or_else(|| by_org_stem.get(name_lower))
                                .copied()
                        } else if is_acronym(&candidate.name) {
                            by_initials.get(&candidate.name).copied()
                        } else {
                            None
                        }
                    })
                }
            };
            match found {
                Some(idx) => idx,
                None if attach_only => continue,
                None => {
                    let idx = cast.actors.len();
                    cast.actors.push(Actor {
                        id: numbered_id('a', idx + 1),
                        name: candidate.name.clone(),
                        kind: candidate.kind,
                        titles: Vec::new(),
                        roles: Vec::new(),
                        affiliation: None,
                        aliases: Vec::new(),
                        n_mentions: 0,
                    });
                    words_of.push(0);
                    last_seen.push(0);
                    idx
                }
            }
        };
        last_end = candidate.end;
        let actor = &mut cast.actors[actor_idx];
        // A fuller name replaces a shorter one ("Biden" then "Joe Biden").
        if actor.kind == ActorKind::Person
            && candidate.anaphor.is_none()
            && candidate.name.len() > actor.name.len()
            && candidate.name.ends_with(actor.name.as_str())
            && candidate.name.split_whitespace().count() > actor.name.split_whitespace().count()
        {
            actor.name = candidate.name.clone();
        }
        actor.n_mentions += 1;
        if !actor.aliases.iter().any(|alias| alias == surface) {
            actor.aliases.push(surface.to_string());
        }
        if let Some(title) = candidate.title {
            if !actor.titles.contains(&title) {
                actor.titles.push(title);
            }
        }
        let role = candidate
            .role
            .as_deref()
            .or_else(|| candidate.fixed_role.and_then(FixedRole::role));
        if let Some(role) = role {
            if !actor.roles.iter().any(|known| known == role) {
                actor.roles.push(role.to_string());
            }
        }
        if actor.affiliation.is_none() {
            actor.affiliation = candidate.affiliation.map(str::to_string);
        }
        let actor = &cast.actors[actor_idx];
        let kind = actor.kind;
        let name = actor.name.as_str();
        let mention_kind = match kind {
            ActorKind::Person => MentionKind::Person,
            ActorKind::Organization => MentionKind::Organization,
            ActorKind::Group | ActorKind::Country => MentionKind::Group,
        };
        // Index the names.
        let name_lower = if name == candidate.name {
            candidate_lower.as_str()
        } else {
            actor_lower.clear();
            push_lowercase(&mut actor_lower, name);
            actor_lower.as_str()
        };
        if kind == ActorKind::Person {
            set_index(&mut by_name, name_lower, actor_idx);
            if let Some(last) = name_lower.split_whitespace().last() {
                set_index(&mut by_last_name, last, actor_idx);
            }
            let mut words = name_lower.split_whitespace();
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                index_if_absent(&mut by_first_name, first, actor_idx);
            }
        } else {
            let candidate_key = match candidate_key {
                Some(key) => key,
                None => org_key(&candidate.name, &mut candidate_key_buffer),
            };
            if name != candidate.name {
                set_index(
                    &mut by_name,
                    org_key(name, &mut actor_key_buffer),
                    actor_idx,
                );
            }
            set_index(&mut by_name, candidate_key, actor_idx);
            if let Some(key) = &candidate.group_key {
                set_index(&mut by_group, key, actor_idx);
            }
            let mut stem_words = name_lower.split_whitespace();
            if let (Some(stem), Some(suffix), None) =
                (stem_words.next(), stem_words.next(), stem_words.next())
            {
                if matches!(
                    suffix,
                    "group"
                        | "corp."
                        | "corp"
                        | "inc."
                        | "inc"
                        | "co."
                        | "ltd."
                        | "holdings"
                        | "company"
                        | "corporation"
                        | "bank"
                        | "airlines"
                ) {
                    index_if_absent(&mut by_org_stem, stem, actor_idx);
                }
            }
            if initials(&candidate.name, &mut initials_buffer) {
                index_if_absent(&mut by_initials, &initials_buffer, actor_idx);
            }
            if candidate.anaphor.is_none() {
                add_name_words(&mut words_of[actor_idx], &candidate_lower, candidate_key);
            }
            if kind == ActorKind::Organization {
                recent_orgs.retain(|&idx| idx != actor_idx);
                recent_orgs.push(actor_idx);
            }
        }
        last_seen[actor_idx] = candidate.start;
        cast.mentions.push(Mention {
            id: String::new(),
            start: candidate.start,
            end: candidate.end,
            text: surface.to_string(),
            kind: mention_kind,
            reference: Some(cast.actors[actor_idx].id.clone()),
            place: candidate.place.map(str::to_string),
        });
    }
    cast
}

#[cfg(test)]
mod tests {
    use crate::{AnalyzeOptions, Engine};

    fn actor<'d>(document: &'d crate::Document, name: &str) -> &'d crate::Actor {
        document
            .actors
            .iter()
            .find(|actor| actor.name == name)
            .unwrap_or_else(|| panic!("no actor {name}: {:?}", document.actors))
    }

    #[test]
    fn lone_names_after_the_and_spelled_out_acronyms() {
        let text = "Senators up in the Hill objected to unmanned aerial vehicle (UAV) strikes.";
        let candidate = |start: usize, name: &str| {
            let mut c = super::Candidate::new(
                start,
                start + name.len(),
                name.into(),
                crate::ActorKind::Person,
            );
            c.kind = crate::ActorKind::Person;
            c
        };
        let hill = text.find("Hill").unwrap();
        assert!(super::is_definite_single_name(
            text,
            &candidate(hill, "Hill")
        ));
        let uav = text.find("UAV").unwrap();
        assert!(super::spells_common_noun(text, &candidate(uav, "UAV")));
        assert!(!super::spells_common_noun(
            "the United Nations (UN)",
            &candidate(20, "UN")
        ));
    }

    #[test]
    fn frame_actors_from_byline_credit_and_contributor() {
        let text = "Strikes Hit Syria Again\n\nIsabel van Brugen\n6/29/2021\nThe building is seen in Arlington, Va., on Oct. 9, 2020. (Carlos Barria/Reuters)\n\nU.S. troops in eastern Syria came under rocket fire on Monday night, officials said.\n\nMelanie Sun contributed to this report.";
        let document = Engine::default().analyze(text, &AnalyzeOptions::default());
        assert_eq!(actor(&document, "Isabel van Brugen").roles, ["author"]);
        assert_eq!(actor(&document, "Melanie Sun").roles, ["contributor"]);
        assert_eq!(actor(&document, "Carlos Barria").roles, ["photographer"]);
        assert_eq!(
            actor(&document, "Reuters").kind,
            crate::ActorKind::Organization
        );
    }

    #[test]
    fn org_keys_follow_the_alias_table() {
        let (mut pentagon, mut department) = (String::new(), String::new());
        assert_eq!(
            super::org_key("the Pentagon", &mut pentagon),
            super::org_key("Defense Department", &mut department)
        );
        let mut letters = String::new();
        assert!(super::initials(
            "Syrian Observatory for Human Rights",
            &mut letters
        ));
        assert_eq!(letters, "SOHR");
        assert_eq!(crate::document::numbered_id('a', 7), "a7");
        assert_eq!(crate::document::numbered_id('e', 120), "e120");
        assert_eq!(crate::document::numbered_id('a', 0), "a0");
    }
}
