//! `eval-time` and `bench-time`: the time tagger against TempEval-3 style data.
//!
//! The data (see `/work/shared/data/time/README.md`) is one JSON document per line with its
//! creation date and gold TIMEX3s. The texts are plain ASCII, so the byte offsets the
//! engine works in are the code point offsets of the gold. `normalize::prepare` is not used:
//! it would change the text and its offsets. Each document gets an empty frame, its own
//! segmentation and its `dct`, and goes straight to `times::tag`.
//!
//! Scores are TempEval-3's: strict (identical span) and relaxed (overlapping span) P/R/F1;
//! over relaxed matches (each gold expression paired with the first prediction overlapping
//! it), type and value accuracy; and type F1 / value F1 as the official scorer
//! (`evaluate_entities.py` of the TempEval-3 toolkit) computes them: that accuracy times
//! relaxed P, R and F1. The `type*` / `value*` lines count expressions instead (a
//! prediction counts when a gold expression overlapping it has the same value): a little
//! stricter when two predictions overlap one gold expression ("the past" and "three years"
//! for "the past three years"), as the official formula credits the second one at the
//! accuracy rate and this one not at all.
//! The development split is every fifth document (index % 5 == 4); rules are tuned on the
//! rest.

use anyhow::{bail, Context as _, Result};
use dateline_engine::calendar::CalendarDate;
use dateline_engine::normalize::Frame;
use dateline_engine::{segment, times, Context, Time};
use serde::Deserialize;
use std::io::Write as _;
use std::time::Instant;

#[derive(Deserialize)]
struct GoldDocument {
    id: String,
    dct: String,
    text: String,
    timexes: Vec<GoldTimex>,
}

#[derive(Deserialize)]
struct GoldTimex {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    time_type: String,
    value: String,
}

fn default_data_path() -> std::path::PathBuf {
    std::path::PathBuf::from("/work/shared/data/time/tbaq-train.jsonl")
}

fn load(path: &std::path::Path) -> Result<Vec<GoldDocument>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(idx, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("line {} of {}", idx + 1, path.display()))
        })
        .collect()
}

fn tag_document(document: &GoldDocument) -> Vec<Time> {
    let frame = Frame::default();
    let segmented = segment::segment(&document.text);
    let context = Context {
        text: &document.text,
        frame: &frame,
        segmented: &segmented,
        dct: CalendarDate::parse(&document.dct),
    };
    times::tag(&context)
}

fn type_name(time: &Time) -> String {
    serde_json::to_value(time.time_type)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Default)]
struct Counts {
    n_gold: usize,
    n_predicted: usize,
    strict_predicted: usize,
    strict_gold: usize,
    relaxed_predicted: usize,
    relaxed_gold: usize,
    /// Relaxed pairs (one per gold) and how many agree on type / value.
    pairs: usize,
    pair_type: usize,
    pair_value: usize,
    type_predicted: usize,
    type_gold: usize,
    value_predicted: usize,
    value_gold: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn score(
    document: &GoldDocument,
    predicted: &[Time],
    counts: &mut Counts,
    lines: &mut Vec<(bool, String)>,
) {
    counts.n_gold += document.timexes.len();
    counts.n_predicted += predicted.len();
    let predicted_types: Vec<String> = predicted.iter().map(type_name).collect();
    for (time, time_type) in predicted.iter().zip(&predicted_types) {
        let span = (time.start, time.end);
        let mut any = false;
        let mut strict = false;
        let mut same_type = false;
        let mut same_value = false;
        for gold in &document.timexes {
            if overlaps(span, (gold.start, gold.end)) {
                any = true;
                strict |= span == (gold.start, gold.end);
                same_type |= *time_type == gold.time_type;
                same_value |= time.value == gold.value;
            }
        }
        counts.relaxed_predicted += usize::from(any);
        counts.strict_predicted += usize::from(strict);
        counts.type_predicted += usize::from(same_type);
        counts.value_predicted += usize::from(same_value);
        if !any {
            lines.push((
                false,
                format!(
                    "FP  {:?} {} [{}]",
                    time.text,
                    time.value,
                    context_of(&document.text, time.start, time.end)
                ),
            ));
        }
    }
    for gold in &document.timexes {
        let span = (gold.start, gold.end);
        let mut matched: Option<(&Time, &String)> = None;
        let mut strict = false;
        let mut same_type = false;
        let mut same_value = false;
        for (time, time_type) in predicted.iter().zip(&predicted_types) {
            if overlaps(span, (time.start, time.end)) {
                matched.get_or_insert((time, time_type));
                strict |= span == (time.start, time.end);
                same_type |= *time_type == gold.time_type;
                same_value |= time.value == gold.value;
            }
        }
        counts.strict_gold += usize::from(strict);
        counts.type_gold += usize::from(same_type);
        counts.value_gold += usize::from(same_value);
        match matched {
            None => lines.push((
                false,
                format!(
                    "FN  {:?} {} {} [{}]",
                    gold.text,
                    gold.time_type,
                    gold.value,
                    context_of(&document.text, gold.start, gold.end)
                ),
            )),
            Some((time, time_type)) => {
                counts.relaxed_gold += 1;
                counts.pairs += 1;
                counts.pair_type += usize::from(*time_type == gold.time_type);
                counts.pair_value += usize::from(time.value == gold.value);
                let right = time.value == gold.value && strict;
                let label = if right { "OK " } else { "VAL" };
                lines.push((
                    right,
                    format!(
                        "{label} {:?}/{:?} gold {} {} got {} {} dct {} [{}]",
                        gold.text,
                        time.text,
                        gold.time_type,
                        gold.value,
                        time_type,
                        time.value,
                        document.dct,
                        context_of(&document.text, gold.start, gold.end)
                    ),
                ));
            }
        }
    }
}

fn context_of(text: &str, start: usize, end: usize) -> String {
    let from = start.saturating_sub(50);
    let to = (end + 40).min(text.len());
    let mut from = from;
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = to;
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].replace('\n', " ")
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

fn report(label: &str, n_documents: usize, counts: &Counts) {
    println!(
        "{label}: {n_documents} documents, {} gold, {} predicted",
        counts.n_gold, counts.n_predicted
    );
    let line = |name: &str, predicted: usize, gold: usize| {
        let precision = ratio(predicted, counts.n_predicted);
        let recall = ratio(gold, counts.n_gold);
        println!(
            "  {name:<8} P {precision:.3}  R {recall:.3}  F1 {:.3}",
            f1(precision, recall)
        );
    };
    line("strict", counts.strict_predicted, counts.strict_gold);
    line("relaxed", counts.relaxed_predicted, counts.relaxed_gold);
    // Attribute F1 as TempEval-3's scorer (evaluate_entities.py) computes it: the
    // attribute's accuracy over the relaxed matches times relaxed P, R and F1.
    let relaxed_precision = ratio(counts.relaxed_predicted, counts.n_predicted);
    let relaxed_recall = ratio(counts.relaxed_gold, counts.n_gold);
    let attribute = |name: &str, n_correct: usize| {
        let accuracy = ratio(n_correct, counts.pairs);
        let (precision, recall) = (accuracy * relaxed_precision, accuracy * relaxed_recall);
        println!(
            "  {name:<8} P {precision:.3}  R {recall:.3}  F1 {:.3}",
            f1(precision, recall)
        );
    };
    attribute("type", counts.pair_type);
    attribute("value", counts.pair_value);
    // The same by counting expressions: a prediction (a gold expression) is right when
    // some expression overlapping it has the same attribute.
    line("type*", counts.type_predicted, counts.type_gold);
    line("value*", counts.value_predicted, counts.value_gold);
    println!(
        "  type accuracy {:.3}  value accuracy {:.3}  (over {} relaxed matches)",
        ratio(counts.pair_type, counts.pairs),
        ratio(counts.pair_value, counts.pairs),
        counts.pairs
    );
}

/// `cargo xtask eval-time [FILE.jsonl] [--split all|train|dev] [--errors | --pairs]
/// [--predictions OUT.jsonl]`
pub fn eval(args: &[String]) -> Result<()> {
    let path = args
        .first()
        .filter(|arg| !arg.starts_with("--"))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(default_data_path);
    let split = crate::flag_value(args, "--split").unwrap_or("all");
    if !matches!(split, "all" | "train" | "dev") {
        bail!("--split must be all, train or dev, not {split:?}");
    }
    let show_errors = args.iter().any(|arg| arg == "--errors");
    // `--pairs`: the mistakes and every right answer ("OK"), to see a family whole.
    let show_pairs = args.iter().any(|arg| arg == "--pairs");
    // `--predictions OUT.jsonl`: what the tagger found, one line per document
    // ({"id", "times": [[start, end, type, value], ...]}), to compare two runs or count a
    // word's readings outside this command.
    let mut predictions_out = match crate::flag_value(args, "--predictions") {
        Some(out) => Some(std::io::BufWriter::new(
            std::fs::File::create(out).with_context(|| format!("creating {out}"))?,
        )),
        None => None,
    };
    let documents = load(&path)?;
    let mut counts = Counts::default();
    let mut n_documents = 0;
    for (idx, document) in documents.iter().enumerate() {
        let is_dev = idx % 5 == 4;
        if (split == "train" && is_dev) || (split == "dev" && !is_dev) {
            continue;
        }
        n_documents += 1;
        let predicted = tag_document(document);
        if let Some(out) = predictions_out.as_mut() {
            let times: Vec<_> = predicted
                .iter()
                .map(|time| (time.start, time.end, type_name(time), &time.value))
                .collect();
            let line = serde_json::json!({ "id": document.id, "times": times });
            writeln!(out, "{line}")?;
        }
        let mut lines = Vec::new();
        score(document, &predicted, &mut counts, &mut lines);
        for (is_right, line) in lines {
            if show_pairs || (show_errors && !is_right) {
                println!("{} {line}", document.id);
            }
        }
    }
    if let Some(mut out) = predictions_out {
        out.flush()?;
    }
    report(
        &format!("{} ({split})", path.display()),
        n_documents,
        &counts,
    );
    Ok(())
}

/// `cargo xtask bench-time [FILE.jsonl] [--text FILE.txt [--repeat N]]`: MB/s of
/// segmentation + tagging over the whole file; with `--text`, the time of one `times::tag`
/// call on a plain-text article (repeated N times, to check the stage stays linear).
pub fn bench(args: &[String]) -> Result<()> {
    if let Some(text_path) = crate::flag_value(args, "--text") {
        let repeat: usize = crate::flag_value(args, "--repeat")
            .map(str::parse)
            .transpose()
            .context("--repeat takes a number")?
            .unwrap_or(1);
        return bench_text(std::path::Path::new(text_path), repeat);
    }
    let path = args
        .first()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(default_data_path);
    let documents = load(&path)?;
    let n_bytes: usize = documents.iter().map(|document| document.text.len()).sum();
    let mut tag_only = Vec::new();
    let mut with_segmentation = Vec::new();
    let mut n_times = 0;
    let segmented: Vec<_> = documents
        .iter()
        .map(|document| segment::segment(&document.text))
        .collect();
    let cpu_started = cpu_seconds();
    for _ in 0..7 {
        let started = Instant::now();
        for (document, segmented) in documents.iter().zip(&segmented) {
            let frame = Frame::default();
            let context = Context {
                text: &document.text,
                frame: &frame,
                segmented,
                dct: CalendarDate::parse(&document.dct),
            };
            n_times = std::hint::black_box(times::tag(&context)).len();
        }
        tag_only.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        for document in &documents {
            std::hint::black_box(tag_document(document));
        }
        with_segmentation.push(started.elapsed().as_secs_f64());
    }
    let cpu_used = cpu_started
        .zip(cpu_seconds())
        .map(|(start, end)| end - start);
    let median = |runs: &mut Vec<f64>| {
        runs.sort_by(f64::total_cmp);
        runs[runs.len() / 2]
    };
    let megabytes = n_bytes as f64 / 1e6;
    let _ = n_times;
    println!(
        "{}: {} documents, {:.2} MB",
        path.display(),
        documents.len(),
        megabytes
    );
    println!(
        "  times::tag alone           {:8.1} MB/s (median of 7)",
        megabytes / median(&mut tag_only)
    );
    println!(
        "  segment + times::tag       {:8.1} MB/s (median of 7)",
        megabytes / median(&mut with_segmentation)
    );
    if let Some(cpu_used) = cpu_used.filter(|seconds| *seconds > 0.0) {
        // Wall time suffers when the machine is shared; CPU time does not.
        println!(
            "  segment + tag, CPU time    {:8.1} MB/s (both loops, 7 runs: {cpu_used:.2} s)",
            megabytes * 14.0 / cpu_used
        );
    }
    if documents.iter().any(|document| document.id.is_empty()) {
        bail!("a document has no id");
    }
    Ok(())
}

fn bench_text(path: &std::path::Path, repeat: usize) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {}", path.display()))?
        .repeat(repeat.max(1));
    let frame = Frame::default();
    let segmented = segment::segment(&text);
    let context = Context {
        text: &text,
        frame: &frame,
        segmented: &segmented,
        dct: CalendarDate::new(2021, 6, 29),
    };
    // Enough calls for about a second of work on a small article.
    let n_calls = (4_000_000 / text.len().max(1)).clamp(5, 2000);
    let mut runs = Vec::with_capacity(n_calls);
    let mut n_times = 0;
    for _ in 0..n_calls {
        let started = Instant::now();
        n_times = std::hint::black_box(times::tag(&context)).len();
        runs.push(started.elapsed().as_secs_f64());
    }
    runs.sort_by(f64::total_cmp);
    let best = runs[0];
    let median = runs[runs.len() / 2];
    println!(
        "{} x{repeat}: {} bytes, {n_times} times; times::tag best {:.1} µs, median {:.1} µs ({:.1} MB/s at best)",
        path.display(),
        text.len(),
        best * 1e6,
        median * 1e6,
        text.len() as f64 / best / 1e6
    );
    Ok(())
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}
