//! dateline's engine: article text in, [`Document`] out.
//!
//! Pure Rust with no web, file or clock dependency, so the CLI, the web worker and the tests
//! all run the very same code. Data (the entity model, the gazetteer) comes in as bytes;
//! whoever embeds the engine decides where those bytes come from.
//!
//! The pipeline, one module per stage, each enriching the same [`Document`]:
//!
//! 1. [`normalize`]: clean the input, strip HTML, read the frame (headline, byline, dates,
//!    captions).
//! 2. [`segment`]: sentences and tokens.
//! 3. [`entities`]: the statistical recogniser (people, organisations, places, groups).
//! 4. [`places`]: resolve place names against the gazetteer, in context.
//! 5. [`actors`]: people, organisations and groups with titles, roles and aliases merged.
//! 6. [`times`]: TIMEX3 tagging and normalisation against the publication date.
//! 7. [`events`] and [`quotes`]: who did what to whom, where and when; who said what.
//!
//! **Invariant:** `analyze` never panics, whatever the input (fuzzed in `tests/fuzz.rs`).
//!
//! ```
//! use dateline_engine::{Engine, AnalyzeOptions};
//! let engine = Engine::default();
//! let document = engine.analyze("Troops came under fire on Monday.", &AnalyzeOptions::default());
//! assert_eq!(document.schema, "dateline/1");
//! ```

pub mod actors;
pub mod calendar;
pub mod document;
pub mod entities;
pub mod events;
#[doc(hidden)]
pub mod fuzz_input;
pub mod normalize;
pub mod places;
pub mod quotes;
pub mod segment;
pub mod times;

pub use document::*;

use calendar::CalendarDate;
use normalize::Frame;
use segment::Segmented;

/// Options for one analysis.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Publication date given by the caller (`--dct`, the app's date field). Wins over the
    /// date read from the text.
    pub dct: Option<CalendarDate>,
    /// The reader's date (the app passes the browser's), used only to complete a dateline
    /// that gives a month and day but no year ("WASHINGTON, Aug 11 (Reuters) -"): the
    /// latest such day not after it. The engine reads no clock itself.
    pub today: Option<CalendarDate>,
}

/// Errors in the data given to the engine (never in the text: any text is analysable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// The entity model bytes are not a model of the version this engine reads.
    BadNerModel(String),
    /// The gazetteer bytes are not a gazetteer of the version this engine reads.
    BadGazetteer(String),
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataError::BadNerModel(why) => write!(f, "the entity model could not be read: {why}"),
            DataError::BadGazetteer(why) => write!(f, "the gazetteer could not be read: {why}"),
        }
    }
}

impl std::error::Error for DataError {}

/// What every stage after segmentation can read: the text, its frame, its segmentation and
/// the publication date.
pub struct Context<'a> {
    pub text: &'a str,
    pub frame: &'a Frame,
    pub segmented: &'a Segmented,
    pub dct: Option<CalendarDate>,
}

/// The engine with its data loaded. Without data it still runs (rules only), which is what
/// the app shows while the model and gazetteer download.
#[derive(Default)]
pub struct Engine {
    ner_model: Option<entities::NerModel>,
    gazetteer: Option<places::Gazetteer>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Loads the entity model (assets/ner.bin). The bytes are kept, not copied.
    pub fn load_ner_model(&mut self, bytes: Vec<u8>) -> Result<(), DataError> {
        self.ner_model =
            Some(entities::NerModel::from_bytes(bytes).map_err(DataError::BadNerModel)?);
        Ok(())
    }

    /// Loads the gazetteer (assets/gazetteer.bin). The bytes are kept, not copied.
    pub fn load_gazetteer(&mut self, bytes: Vec<u8>) -> Result<(), DataError> {
        self.gazetteer =
            Some(places::Gazetteer::from_bytes(bytes).map_err(DataError::BadGazetteer)?);
        Ok(())
    }

    pub fn has_ner_model(&self) -> bool {
        self.ner_model.is_some()
    }

    pub fn has_gazetteer(&self) -> bool {
        self.gazetteer.is_some()
    }

    pub fn gazetteer(&self) -> Option<&places::Gazetteer> {
        self.gazetteer.as_ref()
    }

    pub fn ner_model(&self) -> Option<&entities::NerModel> {
        self.ner_model.as_ref()
    }

    /// Analyses one article. Never fails: problems with the input become diagnostics.
    pub fn analyze(&self, input: &str, options: &AnalyzeOptions) -> Document {
        let mut diagnostics = Vec::new();
        let input = cut_to_limit(input, &mut diagnostics);
        let prepared = normalize::prepare(input);
        if prepared.was_html {
            diagnostics.push(info(
                "The input looked like HTML: tags were removed and only the text was analysed.",
            ));
        }
        if prepared.n_dropped_chars > 0 {
            diagnostics.push(info(&format!(
                "{} control or invalid characters were removed.",
                prepared.n_dropped_chars
            )));
        }
        let text = prepared.text.as_str();
        let frame = &prepared.frame;
        let segmented = segment::segment(text);

        let (dct, dct_source) = match options.dct {
            Some(date) => (Some(date), DctSource::Given),
            None => match times::publication_date(text, frame) {
                Some(date) => (Some(date), DctSource::Text),
                None => yearless_dateline_date(text, frame, options.today, &mut diagnostics),
            },
        };
        let context = Context {
            text,
            frame,
            segmented: &segmented,
            dct,
        };

        let entity_spans = entities::recognise(self.ner_model.as_ref(), &context);
        let resolved_places = places::resolve(self.gazetteer.as_ref(), &context, &entity_spans);
        let cast = actors::build(&context, &entity_spans, &resolved_places);
        let times = times::tag(&context);

        let mut document = Document {
            schema: SCHEMA.to_string(),
            text: String::new(),
            meta: Meta {
                title: frame.title.clone(),
                byline: frame.byline.clone(),
                published: dct.map(|date| date.to_string()),
                dct_source,
            },
            sentences: segmented.sentences.clone(),
            mentions: Vec::new(),
            places: resolved_places.places,
            actors: cast.actors,
            times,
            events: Vec::new(),
            quotes: Vec::new(),
            diagnostics,
        };
        document.mentions = resolved_places.mentions;
        document.mentions.extend(cast.mentions);
        document.mentions.extend(times::mentions(&document.times));
        // Stable, like `sort_by_key`, but sorting (key, index) pairs and then moving each
        // mention once: a mention is 120 bytes, and a merge sort moved them many times.
        document
            .mentions
            .sort_by_cached_key(|mention| (mention.start, mention.end));
        // Stages leave mention ids empty; nothing refers to a mention by id, so number them
        // here, in text order.
        for (idx, mention) in document.mentions.iter_mut().enumerate() {
            mention.id = document::numbered_id('m', idx + 1);
        }
        let statements = quotes::statement_issuers(&context, &document.mentions);
        document.quotes = quotes::find_with(&context, &document, &statements);
        document.events = events::extract_with(&context, &document, &statements);

        if text.trim().is_empty() {
            document
                .diagnostics
                .push(warning("The text is empty: paste an article to analyse."));
        } else {
            if document.times.is_empty() {
                document
                    .diagnostics
                    .push(info("No dates or times were found in the text."));
            }
            if document.places.is_empty() {
                document
                    .diagnostics
                    .push(info("No places were found in the text."));
            }
        }
        document.text = prepared.text;
        document.into_code_points()
    }
}

fn cut_to_limit<'t>(input: &'t str, diagnostics: &mut Vec<Diagnostic>) -> &'t str {
    if input.len() <= normalize::MAX_INPUT_BYTES {
        return input;
    }
    let mut cut = normalize::MAX_INPUT_BYTES;
    while !input.is_char_boundary(cut) {
        cut -= 1;
    }
    // Prefer to cut at a paragraph end.
    if let Some(newline) = input[..cut].rfind('\n') {
        if newline > cut / 2 {
            cut = newline;
        }
    }
    diagnostics.push(warning(&format!(
        "The text is {} KB; only its first {} KB were analysed.",
        input.len() / 1024,
        cut / 1024
    )));
    &input[..cut]
}

/// The publication date of a story whose dateline gives no year, completed from the
/// reader's date; without one, a diagnostic says why "on Tuesday" stays unplaced.
fn yearless_dateline_date(
    text: &str,
    frame: &Frame,
    today: Option<CalendarDate>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<CalendarDate>, DctSource) {
    let Some((month, day)) = times::dct::yearless_dateline(text, frame) else {
        return (None, DctSource::None);
    };
    match today.and_then(|today| times::dct::complete_year(month, day, today)) {
        Some(date) => {
            diagnostics.push(info(&format!(
                "The dateline gives no year: {date} is assumed (the latest {} not after \
                 today). Set the publication date if the story is older.",
                calendar::month_day_name(month, day)
            )));
            (Some(date), DctSource::Assumed)
        }
        None => {
            diagnostics.push(info(&format!(
                "The dateline gives {} but no year: set the publication date to place \
                 relative dates such as \"on Tuesday\".",
                calendar::month_day_name(month, day)
            )));
            (None, DctSource::None)
        }
    }
}

fn info(message: &str) -> Diagnostic {
    Diagnostic {
        level: "info".into(),
        message: message.into(),
    }
}

fn warning(message: &str) -> Diagnostic {
    Diagnostic {
        level: "warning".into(),
        message: message.into(),
    }
}
