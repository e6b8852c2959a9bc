//! Normalise pasted input and read the article's frame.
//!
//! Users paste whatever their browser copied: plain text, HTML from a CMS, text with
//! Windows line ends, non-breaking spaces, zero-width characters, NUL bytes. This stage turns
//! it into the *analysed text* that every offset of the `Document` indexes, and then reads
//! the frame around the story: the headline (and its repetition, which CMS copies often
//! carry), byline, publication date and photo captions with their credits.
//!
//! The frame is found from the shape of the first lines (short, no full stop, a date alone on
//! a line, "Updated:", "By ...", a credit in parentheses "(Carlos Barria/Reuters)"), because
//! that is how every news CMS lays out an article; nothing here needs a model.
//!
//! ```
//! use dateline_engine::normalize::prepare;
//! let prepared = prepare("<h1>Strikes Hit Syria</h1><p>By Ann Lee</p><p>U.S. forces struck the sites on Sunday, officials said.</p>");
//! assert_eq!(prepared.frame.title.as_deref(), Some("Strikes Hit Syria"));
//! assert_eq!(prepared.frame.byline, ["Ann Lee"]);
//! ```

use std::ops::Range;

/// The analysed text with what was learned about its frame.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub text: String,
    pub frame: Frame,
    /// True when the input looked like HTML and tags were stripped.
    pub was_html: bool,
    /// Characters dropped because they were control characters or invalid.
    pub n_dropped_chars: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub title: Option<String>,
    /// Byte range of the title line in the text.
    pub title_range: Option<Range<usize>>,
    /// Byte ranges of lines that repeat the title (not counted again as story text).
    pub repeated_title_ranges: Vec<Range<usize>>,
    pub byline: Vec<String>,
    pub byline_ranges: Vec<Range<usize>>,
    /// Byte ranges of photo captions and credits: their dates and places belong to the photo.
    pub caption_ranges: Vec<Range<usize>>,
    /// Lines near the top that hold a date alone or after "Updated:"/"Published", and wire
    /// datelines alone on their line ("HAVANA (AP) --"); the publication date is read from
    /// them by the time stage.
    pub date_line_ranges: Vec<Range<usize>>,
    /// Byte offset where the story body starts (after headline, byline, dates).
    pub body_start: usize,
}

impl Frame {
    pub fn in_caption(&self, byte: usize) -> bool {
        self.caption_ranges.iter().any(|r| r.contains(&byte))
    }

    pub fn in_repeated_title(&self, byte: usize) -> bool {
        self.repeated_title_ranges.iter().any(|r| r.contains(&byte))
    }

    /// In the frame (headline repetition, byline, date lines), not story text.
    pub fn in_frame_lines(&self, byte: usize) -> bool {
        self.in_repeated_title(byte)
            || self.byline_ranges.iter().any(|r| r.contains(&byte))
            || self.date_line_ranges.iter().any(|r| r.contains(&byte))
    }
}

/// The largest input analysed. Longer input is cut at a line break before this size and
/// a diagnostic says so: a browser tab must stay responsive.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

pub fn prepare(input: &str) -> Prepared {
    let was_html = looks_like_html(input);
    let stripped;
    let source = if was_html {
        stripped = strip_html(input);
        stripped.as_str()
    } else {
        input
    };
    let (text, n_dropped_chars) = clean_characters(source);
    let frame = read_frame(&text);
    Prepared {
        text,
        frame,
        was_html,
        n_dropped_chars,
    }
}

fn looks_like_html(input: &str) -> bool {
    // Every tag below starts with "<"; most pastes have none.
    if !input.contains('<') {
        return false;
    }
    let head: String = input
        .chars()
        .take(4000)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<p>",
        "<p ",
        "<div",
        "<br",
        "<html",
        "<body",
        "<h1",
        "<h2",
        "<span",
        "<article",
        "<!doctype",
        "<a href",
        "<li>",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Block-level tags become line breaks so headlines and paragraphs stay lines of their own.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "figure",
    "figcaption",
    "blockquote",
    "time",
    "hr",
    "title",
    "aside",
    "main",
    "nav",
];

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

/// Strips tags, drops script/style content, decodes the common entities.
fn strip_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            // A lone '<' is text ("a < b").
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[gt + 1..];
        if tag.starts_with("!--") {
            // Comment: skip to its end.
            let comment_rest = &after[3..];
            rest = comment_rest
                .find("-->")
                .map_or("", |end| &comment_rest[end + 3..]);
            continue;
        }
        if !tag.starts_with('/') && SKIPPED_ELEMENTS.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(pos) => {
                    let after_close = &rest[pos..];
                    after_close
                        .find('>')
                        .map_or("", |gt| &after_close[gt + 1..])
                }
                None => "",
            };
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|ch| (ch, end))
        });
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Windows and old-Mac line ends to `\n`, odd spaces to ' ', control and zero-width
/// characters dropped, runs of blank lines kept (they mark paragraphs).
fn clean_characters(source: &str) -> (String, usize) {
    let mut out = String::with_capacity(source.len());
    let mut n_dropped = 0;
    let mut rest = source;
    loop {
        // Printable ASCII, line feeds and tabs stay as they are: copy each run of them at
        // once (nearly all of an English article) and look at the other characters one by
        // one.
        let run = rest
            .bytes()
            .position(|b| !matches!(b, b' '..=b'~' | b'\n' | b'\t'))
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        let Some(ch) = chars.next() else {
            break;
        };
        rest = chars.as_str();
        match ch {
            '\r' => {
                if !rest.starts_with('\n') {
                    out.push('\n');
                }
            }
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{FEFF}' | '\u{200B}' | '\u{FFFD}' => n_dropped += 1,
            c if c.is_control() => n_dropped += 1,
            c => out.push(c),
        }
    }
    (out, n_dropped)
}

/// Lines with their byte ranges, trimmed.
fn lines(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let s = start + lead;
            out.push((s..s + trimmed.len(), trimmed));
        }
        start += line.len() + 1;
    }
    out
}

fn is_sentence_like(line: &str) -> bool {
    let n_words = line.split_whitespace().count();
    n_words > 25 || line.ends_with('.') && n_words > 8 && !has_credit(line)
}

/// "(Carlos Barria/Reuters)", "Photo: AP", "(AP Photo/John Doe)", "Getty Images".
fn has_credit(line: &str) -> bool {
    if let (Some(open), true) = (line.rfind('('), line.ends_with(')')) {
        let inside = &line[open + 1..line.len() - 1];
        if inside.contains('/') && inside.split_whitespace().count() <= 6 {
            return true;
        }
    }
    let lower = line.to_ascii_lowercase();
    lower.starts_with("photo:")
        || lower.starts_with("photo by")
        || lower.contains("getty images")
        || lower.contains("ap photo")
        || lower.contains("/reuters)")
        || lower.contains("/afp)")
}

/// "WASHINGTON, August 11 (Xinhua) --", "HAVANA (AP) --": a short line that ends with the
/// agency in brackets and a dash.
fn is_dateline_alone(line: &str) -> bool {
    let Some(head) = ["--", "-", "\u{2014}", "\u{2013}", "_"]
        .iter()
        .find_map(|dash| line.trim_end().strip_suffix(dash))
    else {
        return false;
    };
    let head = head.trim_end();
    head.ends_with(')') && head.contains('(') && head.split_whitespace().count() <= 8
}

/// A line that is only a date, a time stamp or "Updated:"/"Published".
fn is_date_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let stripped = lower
        .trim_start_matches("updated:")
        .trim_start_matches("updated")
        .trim_start_matches("published:")
        .trim_start_matches("published")
        .trim_start_matches("posted:")
        .trim_start_matches("posted")
        .trim_start_matches("last updated:")
        .trim();
    if stripped.is_empty() {
        return lower.starts_with("updated")
            || lower.starts_with("published")
            || lower.starts_with("posted");
    }
    let n_words = stripped.split_whitespace().count();
    if n_words > 8 {
        return false;
    }
    let has_digit = stripped.chars().any(|c| c.is_ascii_digit());
    let only_date_chars = stripped
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " ,./-:|".contains(c));
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let has_month = months.iter().any(|m| stripped.contains(m));
    let numeric = stripped
        .chars()
        .all(|c| c.is_ascii_digit() || "/-. :apm".contains(c));
    // An ISO time stamp: "2021-06-29T10:30:00Z".
    let iso_stamp = stripped.len() >= 16
        && stripped.as_bytes().get(10) == Some(&b't')
        && stripped
            .chars()
            .all(|c| c.is_ascii_digit() || "-:.tz".contains(c));
    has_digit && only_date_chars && (has_month || numeric || iso_stamp)
}

/// "By Ann Lee", "Ann Lee and Bo Chen", "Isabel van Brugen": short lines of capitalised
/// words (name particles allowed), no digits, no final stop.
fn byline_names(line: &str) -> Option<Vec<String>> {
    let body = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))
        .unwrap_or(line);
    let explicit = body.len() != line.len();
    let body = body.split(" | ").next().unwrap_or(body).trim();
    let body = body.split(',').next().unwrap_or(body).trim();
    if body.is_empty() || body.ends_with('.') || body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let names: Vec<String> = body
        .split(" and ")
        .flat_map(|part| part.split(" & "))
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect();
    let particles = [
        "van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "bin", "al", "el", "dos",
        "du", "ter", "ten",
    ];
    let plausible = names.iter().all(|name| {
        let words: Vec<&str> = name.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase()) || particles.contains(w)
            })
            && words
                .first()
                .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
    });
    if names.is_empty() || !plausible || (!explicit && names.len() > 3) {
        return None;
    }
    Some(names)
}

/// Reads headline, byline, dates and captions from the first lines of the text.
fn read_frame(text: &str) -> Frame {
    let mut frame = Frame::default();
    let all_lines = lines(text);
    // The frame sits in the first few lines; the story starts at the first sentence-like
    // line. Captions can also appear further down, so they are looked for everywhere.
    let mut body_start = None;
    let mut past_dateline = false;
    for (idx, (range, line)) in all_lines.iter().enumerate() {
        let in_head = body_start.is_none() && idx < 12;
        if has_credit(line) && line.split_whitespace().count() <= 60 {
            frame.caption_ranges.push(range.clone());
            continue;
        }
        if !in_head {
            continue;
        }
        if is_sentence_like(line) {
            body_start = Some(range.start);
            continue;
        }
        if let Some(title) = &frame.title {
            if line.eq_ignore_ascii_case(title) {
                frame.repeated_title_ranges.push(range.clone());
                continue;
            }
        }
        if is_date_line(line) {
            frame.date_line_ranges.push(range.clone());
            continue;
        }
        // A wire dateline alone on its line ("WASHINGTON, August 11 (Xinhua) --", "HAVANA
        // (AP) --") is no headline, and the headline comes before it, never after. It
        // joins the date lines: its date is the publication's and its agency no actor of
        // the story (its place is still found on the map).
        if is_dateline_alone(line) {
            frame.date_line_ranges.push(range.clone());
            past_dateline = true;
            continue;
        }
        if frame.title.is_none()
            && !past_dateline
            && line.split_whitespace().count() >= 2
            && !line.ends_with(':')
        {
            if frame.byline.is_empty() && line.starts_with("By ") {
                // A byline before any title.
            } else {
                frame.title = Some(line.to_string());
                frame.title_range = Some(range.clone());
                continue;
            }
        }
        if frame.byline.is_empty() {
            if let Some(names) = byline_names(line) {
                frame.byline = names;
                frame.byline_ranges.push(range.clone());
                continue;
            }
        }
    }
    frame.body_start = body_start.unwrap_or(0);
    frame
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_HEAD: &str = "US Forces Come Under Fire in Syria\n\nUS Forces Come Under Fire in Syria\nThe Pentagon building is seen in Arlington, Va., on Oct. 9, 2020. (Carlos Barria/Reuters)\nIsabel van Brugen\n6/29/2021\nUpdated:\n6/29/2021\n\nU.S. troops in eastern Syria came under rocket fire on Monday night, shortly after President Joe Biden ordered airstrikes.\n";

    #[test]
    fn reads_the_seed_frame() {
        let prepared = prepare(SEED_HEAD);
        let frame = &prepared.frame;
        assert_eq!(
            frame.title.as_deref(),
            Some("US Forces Come Under Fire in Syria")
        );
        assert_eq!(frame.repeated_title_ranges.len(), 1);
        assert_eq!(frame.byline, ["Isabel van Brugen"]);
        assert_eq!(frame.caption_ranges.len(), 1);
        assert_eq!(frame.date_line_ranges.len(), 3);
        assert!(prepared.text[frame.body_start..].starts_with("U.S. troops"));
    }

    #[test]
    fn an_iso_time_stamp_is_a_date_line() {
        let prepared = prepare("Strikes Hit Syria\nPublished 2021-06-29T10:30:00Z\nTroops came under fire on Monday night, officials in Washington said on Tuesday.");
        assert_eq!(prepared.frame.date_line_ranges.len(), 1);
    }

    #[test]
    fn a_wire_dateline_alone_is_no_headline() {
        let prepared = prepare("HAVANA (AP) --\n\nThe grandmother said she would go to Miami.");
        assert_eq!(prepared.frame.title, None);
        assert_eq!(prepared.frame.date_line_ranges.len(), 1);
        // The headline comes before the dateline; the first paragraph is never taken for it.
        let prepared = prepare(
            "Cyprus Condemns Bombings\nNICOSIA, August 8 (Xinhua) --\nThe Cypriot government condemned two attacks, calling them \"atrocious.\"",
        );
        assert_eq!(
            prepared.frame.title.as_deref(),
            Some("Cyprus Condemns Bombings")
        );
        let prepared = prepare(
            "NICOSIA, August 8 (Xinhua) --\nThe Cypriot government condemned two attacks, calling them \"atrocious.\"",
        );
        assert_eq!(prepared.frame.title, None);
    }

    #[test]
    fn strips_html_and_keeps_paragraphs() {
        let prepared = prepare("<html><head><title>x</title><style>p{}</style></head><body><h1>Big &amp; Bold</h1><script>alert(1)</script><p>First&nbsp;para.</p><p>Second &#8217;one&#x2019;.</p></body></html>");
        assert!(prepared.was_html);
        assert!(!prepared.text.contains("alert"));
        assert!(!prepared.text.contains('<'));
        assert!(prepared.text.contains("Big & Bold\n"));
        assert!(prepared.text.contains("First para."));
        assert!(prepared.text.contains("’one’"));
    }

    #[test]
    fn drops_control_characters_and_normalises_line_ends() {
        let prepared = prepare("a\u{0}b\r\nc\rd\u{FEFF}");
        assert_eq!(prepared.text, "ab\nc\nd");
        assert_eq!(prepared.n_dropped_chars, 2);
    }

    #[test]
    fn cleans_every_kind_of_character_between_ascii_runs() {
        let cases = [
            ("", "", 0),
            (
                "plain text,\ttabs\nand lines ~",
                "plain text,\ttabs\nand lines ~",
                0,
            ),
            ("\r", "\n", 0),
            ("a\r\r\nb\r", "a\n\nb\n", 0),
            ("Sa\u{00A0}Paulo\u{2009}x\u{3000}y", "Sa Paulo x y", 0),
            ("one\u{2028}two\u{2029}", "one\ntwo\n", 0),
            ("\u{FEFF}zero\u{200B}width\u{FFFD}", "zerowidth", 3),
            ("\u{7}bell\u{7F}del\u{85}", "belldel", 3),
            ("Zürich – «Москва» دمشق 🙂", "Zürich – «Москва» دمشق 🙂", 0),
        ];
        for (input, text, n_dropped) in cases {
            assert_eq!(
                clean_characters(input),
                (text.to_string(), n_dropped),
                "{input:?}"
            );
        }
    }
}
