//! Direct quotes and their speakers.
//!
//! **Finding quotes.** One pass over the characters. Curly quotes open with “ and close
//! with ”; a straight `"` opens after a space, a bracket or the start of a line and closes
//! otherwise. News style continues a quote over paragraphs by leaving the paragraph open
//! and starting the next one with an opening mark: such a quote runs on. An opening mark
//! whose paragraph ends without a close, and whose next paragraph does not start with a
//! mark, ends with its paragraph. A quote's span is its content without the marks.
//!
//! **Finding speakers**, in order of preference:
//! 1. the attribution after the quote, up to the end of its sentence:
//!    "…,” Maratto said on Twitter", "…,” said Maratto", "…,” he said" (the latest person
//!    before the quote), "…,” it said" (the latest organisation), "…,” the statement said"
//!    (whoever issued the latest statement: "the Pentagon said in a statement");
//! 2. a colon or comma attribution before it ("Blinken said: “…”");
//! 3. the subject of the sentence that holds the quote ("Blinken had told reporters ... to
//!    “limit the risk of escalation”": the first actor mention that is not the object of a
//!    preposition);
//! 4. a quote that opens its sentence with no attribution continues the previous quote's
//!    speaker when that quote is in the same or the previous paragraph.
//!
//! Cost: linear in the text; speaker look-ups binary-search the sorted mentions.
//!
//! ```
//! use dateline_engine::{Engine, AnalyzeOptions};
//! let document = Engine::default().analyze("Title Line Here\n\nOfficials met on Monday.\n\n“We acted,” Maratto said.", &AnalyzeOptions::default());
//! assert_eq!(document.quotes.len(), 1);
//! ```

use crate::actors::is_role_noun;
use crate::document::{Document, Mention, MentionKind, Quote};
use crate::events::lexicon::is_speech_verb;
use crate::segment::lowercase;
use crate::Context;

/// Longest quote kept, in bytes: an unbalanced mark must not swallow a whole paste.
const MAX_QUOTE_BYTES: usize = 20_000;

pub fn find(context: &Context, document: &Document) -> Vec<Quote> {
    let statements = statement_issuers(context, &document.mentions);
    find_with(context, document, &statements)
}

/// [`find`] with the document's [`statement_issuers`], which event extraction needs too:
/// the analysis finds them once for both.
pub(crate) fn find_with(
    context: &Context,
    document: &Document,
    statements: &[(usize, String)],
) -> Vec<Quote> {
    let text = context.text;
    let spans = quote_spans(text);
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    let mut previous: Option<(usize, Option<String>)> = None; // (end, speaker)
    for (start, end) in spans {
        if context.frame.in_frame_lines(start) || context.frame.in_caption(start) {
            continue;
        }
        let mut speaker = after_attribution(context, document, statements, start, end);
        if speaker.is_none() {
            speaker = before_attribution(context, &document.mentions, start);
        }
        if speaker.is_none() {
            if let Some((previous_end, previous_speaker)) = &previous {
                // Same paragraph, or the next one.
                let between = text.get(*previous_end..start).unwrap_or("");
                if between.matches("\n\n").count() <= 1 && between.len() < 400 {
                    speaker = previous_speaker.clone();
                }
            }
        }
        previous = Some((end, speaker.clone()));
        quotes.push(Quote {
            start,
            end,
            speaker,
        });
    }
    quotes
}

/// The quote marks and line breaks of `text` with their offsets: the only characters
/// [`quote_spans`] acts on. Found by byte ('"', '\n', and 0xE2, the first byte of “ and ”)
/// rather than by decoding every character of the article, several times the cost.
fn marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let pos = from + memchr::memchr3(b'"', b'\n', 0xE2, bytes.get(from..)?)?;
        // Each byte sought starts a character (0xE2 is a lead byte), so `pos` is a boundary.
        let ch = text.get(pos..)?.chars().next()?;
        from = pos + ch.len_utf8();
        if matches!(ch, '“' | '”' | '"' | '\n') {
            return Some((pos, ch));
        }
    })
}

/// Byte spans of quote contents (without the marks), in order.
pub fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None; // content start, opening mark
    let bytes = text.as_bytes();
    let mut iter = marks(text).peekable();
    while let Some((pos, ch)) = iter.next() {
        match ch {
            '“' | '”' | '"' => {}
            '\n' => {
                let Some((content_start, _)) = open else {
                    continue;
                };
                // End of a line inside a quote: runs on when the next paragraph opens with a
                // mark, else the quote ends here.
                let rest = &text[pos..];
                let next_line_start = rest
                    .char_indices()
                    .find(|&(_, c)| !c.is_whitespace())
                    .map(|(offset, c)| (pos + offset, c));
                match next_line_start {
                    Some((next_pos, '“')) | Some((next_pos, '"'))
                        if next_pos - pos < 8 && next_pos - content_start < MAX_QUOTE_BYTES =>
                    {
                        // Skip ahead past the continuing mark.
                        while let Some(&(p, _)) = iter.peek() {
                            if p > next_pos {
                                break;
                            }
                            iter.next();
                        }
                    }
                    _ => {
                        push_span(text, &mut spans, content_start, pos);
                        open = None;
                    }
                }
                continue;
            }
            _ => continue,
        }
        let previous_char = text[..pos].chars().next_back();
        let next_char = text[pos + ch.len_utf8()..].chars().next();
        match (open, ch) {
            (None, '“') => open = Some((pos + ch.len_utf8(), ch)),
            (None, '"') => {
                let after_space = previous_char
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-'));
                if after_space && next_char.is_some_and(|c| !c.is_whitespace()) {
                    open = Some((pos + 1, ch));
                }
            }
            (Some((content_start, _)), '”') => {
                push_span(text, &mut spans, content_start, pos);
                open = None;
            }
            (Some((content_start, '"')), '"') => {
                push_span(text, &mut spans, content_start, pos);
                open = None;
            }
            // A new opening mark inside an open quote: the old one was never closed.
            (Some((content_start, _)), '“')
                if content_start + MAX_QUOTE_BYTES < pos
                    || bytes.get(pos.wrapping_sub(1)) == Some(&b' ') =>
            {
                push_span(text, &mut spans, content_start, pos);
                open = Some((pos + ch.len_utf8(), ch));
            }
            _ => {}
        }
    }
    if let Some((content_start, _)) = open {
        push_span(text, &mut spans, content_start, text.len());
    }
    spans
}

fn push_span(text: &str, spans: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let Some(content) = text.get(start..end) else {
        return;
    };
    let lead = content.len() - content.trim_start().len();
    let trimmed = content.trim();
    if trimmed.is_empty() || trimmed.len() > MAX_QUOTE_BYTES {
        return;
    }
    spans.push((start + lead, start + lead + trimmed.len()));
}

fn is_actor_mention(mention: &Mention) -> bool {
    mention.reference.is_some()
        && matches!(
            mention.kind,
            MentionKind::Person | MentionKind::Organization | MentionKind::Group
        )
}

/// Mentions starting within `from..to` (mentions are sorted by start).
pub(crate) fn mentions_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let first = mentions.partition_point(|mention| mention.start < from);
    let last = mentions.partition_point(|mention| mention.start < to);
    mentions.get(first..last.max(first)).unwrap_or(&[])
}

/// The latest actor mention of one of `kinds` that starts before `before`.
pub(crate) fn latest_actor<'m>(
    mentions: &'m [Mention],
    before: usize,
    kinds: &[MentionKind],
) -> Option<&'m str> {
    let last = mentions.partition_point(|mention| mention.start < before);
    mentions[..last]
        .iter()
        .rev()
        .take(400)
        .find(|mention| is_actor_mention(mention) && kinds.contains(&mention.kind))
        .and_then(|mention| mention.reference.as_deref())
}

/// Who issued each statement: positions of "statement" with the first actor of its
/// sentence before the word ("the Pentagon said in a statement").
pub(crate) fn statement_issuers(context: &Context, mentions: &[Mention]) -> Vec<(usize, String)> {
    let text = context.text;
    let mut out = Vec::new();
    for (pos, _) in text.match_indices("statement") {
        let sentence_idx = context.segmented.sentence_at(pos);
        let Some(sentence) = context.segmented.sentences.get(sentence_idx) else {
            continue;
        };
        let before = text.get(sentence.start..pos).unwrap_or("");
        // "the statement said" refers back; "in a statement", "issued a statement" issue.
        if before.ends_with("the ") && !before.ends_with("in the ") {
            continue;
        }
        if let Some(mention) = mentions_in(mentions, sentence.start, pos)
            .iter()
            .find(|mention| is_actor_mention(mention))
        {
            if let Some(reference) = &mention.reference {
                out.push((pos, reference.clone()));
            }
        }
    }
    out
}

/// "…,” Maratto said on Twitter." and its variants.
fn after_attribution(
    context: &Context,
    document: &Document,
    statements: &[(usize, String)],
    start: usize,
    end: usize,
) -> Option<String> {
    let text = context.text;
    let segmented = context.segmented;
    let tokens = &segmented.tokens;
    let close = end; // content end; the closing mark follows
    let first_token = tokens.partition_point(|token| token.start < close);
    let sentence_idx = segmented.sentence_at(close);
    let sentence_end = segmented.sentences.get(sentence_idx)?.end;
    // Tail tokens: after the closing mark, to the end of the sentence or the next quote.
    let mut tail = Vec::new();
    for (idx, token) in tokens.iter().enumerate().skip(first_token) {
        let word = text.get(token.start..token.end).unwrap_or("");
        if token.start >= sentence_end.max(close + 2) || tail.len() >= 14 {
            break;
        }
        if idx > first_token && (word == "“" || word == "\n") {
            break;
        }
        tail.push((idx, word));
    }
    let verb_position = tail
        .iter()
        .take(10)
        .position(|(_, word)| is_speech_verb(&lowercase(word)))?;
    let (verb_idx, _) = tail[verb_position];
    let verb_start = tokens.get(verb_idx)?.start;
    // A name between the quote and the verb.
    if let Some(mention) = mentions_in(&document.mentions, close, verb_start)
        .iter()
        .find(|mention| is_actor_mention(mention))
    {
        return mention.reference.clone();
    }
    for (_, word) in &tail[..verb_position] {
        match word.to_lowercase().as_str() {
            "he" | "she" => {
                return latest_actor(&document.mentions, start, &[MentionKind::Person])
                    .map(str::to_string);
            }
            "it" | "they" => {
                return latest_actor(
                    &document.mentions,
                    start,
                    &[MentionKind::Organization, MentionKind::Group],
                )
                .map(str::to_string);
            }
            "statement" => {
                let last = statements.partition_point(|&(pos, _)| pos < start);
                return last
                    .checked_sub(1)
                    .and_then(|idx| statements.get(idx))
                    .map(|(_, issuer)| issuer.clone());
            }
            _ => {}
        }
    }
    // "…,” said Maratto." / "…,” according to the Pentagon."
    let after_verb = tail
        .get(verb_position + 1..)
        .unwrap_or(&[])
        .iter()
        .take(6)
        .filter_map(|(idx, _)| tokens.get(*idx))
        .next_back()
        .map_or(verb_start, |token| token.end);
    mentions_in(&document.mentions, verb_start, after_verb)
        .iter()
        .find(|mention| is_actor_mention(mention))
        .and_then(|mention| mention.reference.clone())
}

/// The subject of the sentence before the quote's opening mark.
fn before_attribution(context: &Context, mentions: &[Mention], start: usize) -> Option<String> {
    let text = context.text;
    let segmented = context.segmented;
    let sentence_idx = segmented.sentence_at(start);
    let sentence = segmented.sentences.get(sentence_idx)?;
    if sentence.start >= start {
        return None;
    }
    let prefix = text.get(sentence.start..start)?;
    // Only the opening mark (and maybe a dash) before the content: no attribution here.
    if prefix
        .trim_matches(|c: char| c.is_whitespace() || "“\"—–-".contains(c))
        .is_empty()
    {
        return None;
    }
    sentence_subject(context, mentions, sentence.start, start)
}

/// The first actor mention in `from..to` that is not the object of a preposition.
pub(crate) fn sentence_subject(
    context: &Context,
    mentions: &[Mention],
    from: usize,
    to: usize,
) -> Option<String> {
    let text = context.text;
    let in_range = mentions_in(mentions, from, to);
    let subject = in_range
        .iter()
        .enumerate()
        .filter(|(_, mention)| is_actor_mention(mention))
        .find(|(_, mention)| {
            let before = text.get(from..mention.start).unwrap_or("");
            let previous_word = before
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let previous_word = if previous_word == "the" {
                before
                    .split_whitespace()
                    .rev()
                    .nth(1)
                    .unwrap_or("")
                    .to_lowercase()
            } else {
                previous_word
            };
            !matches!(
                previous_word.as_str(),
                "of" | "in"
                    | "at"
                    | "for"
                    | "from"
                    | "with"
                    | "against"
                    | "on"
                    | "to"
                    | "by"
                    | "near"
                    | "about"
                    | "into"
                    | "over"
                    | "under"
                    | "between"
            )
        })?;
    // "Pribumi party official Wan Saiful Wan Jan said": an organisation that opens a
    // person's role phrase is not the subject; the person is.
    let (idx, mention) = subject;
    if mention.kind != MentionKind::Person {
        if let Some(next) = in_range
            .get(idx + 1)
            .filter(|next| next.kind == MentionKind::Person)
        {
            let between = text.get(mention.end..next.start).unwrap_or(",");
            let words: Vec<&str> = between.split_whitespace().collect();
            if !between.contains(',')
                && words.len() <= 4
                && words.last().is_some_and(|word| is_role_noun(word))
            {
                return next.reference.clone();
            }
        }
    }
    mention.reference.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        quote_spans(text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect()
    }

    #[test]
    fn curly_straight_and_multi_paragraph_quotes() {
        assert_eq!(
            contents("He said “yes.” Then “no,” she said."),
            ["yes.", "no,"]
        );
        assert_eq!(contents("He said \"go now\" and left."), ["go now"]);
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(contents(text), ["First part.\n\n“Second part,"]);
        assert_eq!(contents("“Unclosed\n\nNext paragraph."), ["Unclosed"]);
    }

    #[test]
    fn odd_marks_do_not_panic() {
        for text in ["“", "”", "\"", "“\n", "a \"b", "“”", "\n“\n“\n"] {
            for (start, end) in quote_spans(text) {
                assert!(start <= end && end <= text.len());
            }
        }
    }
}
