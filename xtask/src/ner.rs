//! `cargo xtask train-ner | eval-ner | bench-ner`: the entity model's training, scoring and
//! speed test.
//!
//! Training is a structured averaged perceptron over the engine's own feature extractor and
//! Viterbi decoder (`dateline_engine::entities`), so what is trained is exactly what runs:
//! each sentence is decoded whole with the current weights, and where the best sequence
//! differs from the gold one, the gold tags' feature weights and tag transitions go up and
//! the predicted ones' go down. Averaging uses the usual
//! lazy trick (`w_avg = w - u / c`, with `u` accumulating `c × update`). After every epoch
//! the averaged, quantised model is scored on the dev file; the best epoch is kept and
//! training stops after three epochs without improvement.
//!
//! A share of training sentences (50%) is learned twice: as written, and read in caseless
//! mode as a Title Case or ALL CAPS copy would be, so the caseless weights that headlines
//! use get enough data without taking any from the cased ones.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use dateline_engine::entities::clusters::Clusters;
use dateline_engine::entities::model::{END_ROW, N_TRANSITION_ROWS, START_ROW};
use dateline_engine::entities::{
    bucket_of, chunks, BioTag, CaseMode, DocumentContext, EntityLabel, NerModel, SentenceFeatures,
    Tagger, Viterbi, N_TAGS,
};

use crate::{flag_value, project_root};

/// One sentence of a CoNLL file.
struct Sentence {
    words: Vec<String>,
    tags: Vec<BioTag>,
    /// Index of the document (`-DOCSTART-` section) the sentence belongs to.
    document: usize,
}

/// The document context of every document, indexed like `Sentence::document`.
fn document_contexts(sentences: &[Sentence]) -> Vec<DocumentContext> {
    let mut documents: Vec<DocumentContext> = Vec::new();
    for sentence in sentences {
        while documents.len() <= sentence.document {
            documents.push(DocumentContext::default());
        }
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        documents[sentence.document].add_sentence(&words);
    }
    documents
}

fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sentences = Vec::new();
    let mut document = 0;
    let mut current = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
        document,
    };
    for (line_idx, line) in text.lines().enumerate() {
        let line = line.trim_end();
        let new_document = line.starts_with("-DOCSTART-");
        if line.is_empty() || new_document {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                        document,
                    },
                ));
            }
            if new_document && !sentences.is_empty() {
                document += 1;
                current.document = document;
            }
            continue;
        }
        let columns: Vec<&str> = line.split(' ').collect();
        let (Some(word), Some(tag)) = (columns.first(), columns.last()) else {
            bail!("{}:{}: empty line", path.display(), line_idx + 1);
        };
        let Some(tag) = BioTag::parse(tag) else {
            bail!("{}:{}: unknown tag {tag:?}", path.display(), line_idx + 1);
        };
        current.words.push((*word).to_string());
        current.tags.push(tag);
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// splitmix64: a tiny seeded generator, so training is reproducible without a crate.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

struct Perceptron {
    n_buckets: usize,
    weights: Vec<f32>,
    /// Sum of `instance counter × update` per weight, for the lazy average.
    accumulated: Vec<f64>,
    transitions: [[f32; N_TAGS]; N_TRANSITION_ROWS],
    accumulated_transitions: [[f64; N_TAGS]; N_TRANSITION_ROWS],
    n_instances: f64,
    /// Share of training sentences that also get a caseless copy, in percent.
    caseless_percent: usize,
}

/// Feature buckets of every token of one sentence, flat, with each token's range.
#[derive(Default)]
struct SentenceBuckets {
    buckets: Vec<usize>,
    ranges: Vec<(usize, usize)>,
}

impl Perceptron {
    fn new(n_buckets: usize) -> Perceptron {
        Perceptron {
            n_buckets,
            weights: vec![0.0; n_buckets * N_TAGS],
            accumulated: vec![0.0; n_buckets * N_TAGS],
            transitions: [[0.0; N_TAGS]; N_TRANSITION_ROWS],
            accumulated_transitions: [[0.0; N_TAGS]; N_TRANSITION_ROWS],
            n_instances: 1.0,
            caseless_percent: 50,
        }
    }

    fn update(&mut self, buckets: &[usize], tag: usize, delta: f32) {
        let c = self.n_instances;
        for &bucket in buckets {
            let idx = bucket * N_TAGS + tag;
            self.weights[idx] += delta;
            self.accumulated[idx] += c * f64::from(delta);
        }
    }

    fn update_transition(&mut self, row: usize, tag: usize, delta: f32) {
        self.transitions[row][tag] += delta;
        self.accumulated_transitions[row][tag] += self.n_instances * f64::from(delta);
    }

    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.n_instances;
        let weights = self
            .weights
            .iter()
            .zip(&self.accumulated)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect();
        let transitions = self
            .transitions
            .iter()
            .flatten()
            .zip(self.accumulated_transitions.iter().flatten())
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect();
        (weights, transitions)
    }

    /// One epoch over `sentences` in the given order; returns the token error rate.
    ///
    /// Every sentence is learned as written; `caseless_percent` of them are learned a
    /// second time read caseless, as a Title Case or ALL CAPS copy would be (in caseless
    /// mode both read exactly like the lower-cased sentence, so one copy covers both).
    fn train_epoch(
        &mut self,
        sentences: &[Sentence],
        documents: &[DocumentContext],
        clusters: Clusters<'_>,
        order: &[usize],
        rng: &mut Rng,
    ) -> f64 {
        let mut features = SentenceFeatures::default();
        let mut hashes = Vec::new();
        let mut sentence_buckets = SentenceBuckets::default();
        let mut words: Vec<&str> = Vec::new();
        let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
        let mut search = Viterbi::default();
        let mut predicted = Vec::new();
        let (mut n_tokens, mut n_errors) = (0usize, 0usize);
        for &sentence_idx in order {
            let sentence = &sentences[sentence_idx];
            words.clear();
            words.extend(sentence.words.iter().map(String::as_str));
            let with_copy = rng.below(100) < self.caseless_percent;
            let modes: &[CaseMode] = if with_copy {
                &[CaseMode::Detect, CaseMode::ForceCaseless]
            } else {
                &[CaseMode::Detect]
            };
            for &case_mode in modes {
                // A sentence read as caseless only for training gets no document context:
                // that context comes from the cased article around it, which a Title Case
                // or ALL CAPS article does not have.
                let document = match case_mode {
                    CaseMode::ForceCaseless => None,
                    _ => documents.get(sentence.document),
                };
                features.prepare_in_document(&words, case_mode, document, clusters);
                sentence_buckets.buckets.clear();
                sentence_buckets.ranges.clear();
                emissions.clear();
                for idx in 0..words.len() {
                    hashes.clear();
                    features.token_features(idx, &mut hashes);
                    let start = sentence_buckets.buckets.len();
                    sentence_buckets
                        .buckets
                        .extend(hashes.iter().map(|&h| bucket_of(h, self.n_buckets)));
                    let range = (start, sentence_buckets.buckets.len());
                    sentence_buckets.ranges.push(range);
                    let mut scores = [0.0f32; N_TAGS];
                    for &bucket in &sentence_buckets.buckets[range.0..range.1] {
                        let row = &self.weights[bucket * N_TAGS..(bucket + 1) * N_TAGS];
                        for (score, w) in scores.iter_mut().zip(row) {
                            *score += w;
                        }
                    }
                    emissions.push(scores);
                }
                search.decode(&emissions, &self.transitions, &mut predicted);
                n_tokens += words.len();
                if predicted != sentence.tags {
                    for (idx, (&gold, &found)) in sentence.tags.iter().zip(&predicted).enumerate() {
                        if gold != found {
                            n_errors += 1;
                            let (start, end) = sentence_buckets.ranges[idx];
                            let buckets = std::mem::take(&mut sentence_buckets.buckets);
                            self.update(&buckets[start..end], gold.index(), 1.0);
                            self.update(&buckets[start..end], found.index(), -1.0);
                            sentence_buckets.buckets = buckets;
                        }
                        let gold_prev = if idx == 0 {
                            START_ROW
                        } else {
                            sentence.tags[idx - 1].index()
                        };
                        let found_prev = if idx == 0 {
                            START_ROW
                        } else {
                            predicted[idx - 1].index()
                        };
                        if (gold_prev, gold) != (found_prev, found) {
                            self.update_transition(gold_prev, gold.index(), 1.0);
                            self.update_transition(found_prev, found.index(), -1.0);
                        }
                    }
                    if let (Some(gold), Some(found)) = (sentence.tags.last(), predicted.last()) {
                        if gold != found {
                            self.update_transition(END_ROW, gold.index(), 1.0);
                            self.update_transition(END_ROW, found.index(), -1.0);
                        }
                    }
                }
                self.n_instances += 1.0;
            }
        }
        n_errors as f64 / n_tokens.max(1) as f64
    }
}

/// Entity counts for conlleval-style scores.
#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    found: usize,
    correct: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.found += other.found;
        self.correct += other.correct;
    }

    fn precision(&self) -> f64 {
        100.0 * self.correct as f64 / self.found.max(1) as f64
    }

    fn recall(&self) -> f64 {
        100.0 * self.correct as f64 / self.gold.max(1) as f64
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

struct Scores {
    per_label: [Counts; 4],
    n_sentences: usize,
    n_tokens: usize,
}

impl Scores {
    fn overall(&self) -> Counts {
        let mut total = Counts::default();
        for counts in &self.per_label {
            total.add(*counts);
        }
        total
    }

    fn without_misc(&self) -> Counts {
        let mut total = Counts::default();
        for (label, counts) in EntityLabel::ALL.iter().zip(&self.per_label) {
            if *label != EntityLabel::Misc {
                total.add(*counts);
            }
        }
        total
    }

    fn print(&self, title: &str) {
        println!(
            "{title}: {} sentences, {} tokens",
            self.n_sentences, self.n_tokens
        );
        println!(
            "  {:<13} {:>9} {:>8} {:>8} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found", "correct"
        );
        let row = |name: &str, counts: Counts| {
            println!(
                "  {:<13} {:>9.2} {:>8.2} {:>8.2} {:>7} {:>7} {:>7}",
                name,
                counts.precision(),
                counts.recall(),
                counts.f1(),
                counts.gold,
                counts.found,
                counts.correct
            );
        };
        row("overall", self.overall());
        for (label, counts) in EntityLabel::ALL.iter().zip(&self.per_label) {
            row(label.as_str(), *counts);
        }
        row("without MISC", self.without_misc());
    }
}

/// "the U.S. army" -> "The U.S. Army": the first letter of every word in capitals.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn score(
    model: &NerModel,
    sentences: &[Sentence],
    title: bool,
    mut dump: Option<&mut String>,
) -> Scores {
    let mut tagger = Tagger::new(model);
    // Title Case applies to whole documents, so their contexts are built from it too.
    let title_sentences: Vec<Sentence> = sentences
        .iter()
        .map(|sentence| Sentence {
            words: if title {
                sentence.words.iter().map(|w| title_case(w)).collect()
            } else {
                sentence.words.clone()
            },
            tags: Vec::new(),
            document: sentence.document,
        })
        .collect();
    let documents = document_contexts(&title_sentences);
    let mut per_label = [Counts::default(); 4];
    let mut predicted = Vec::new();
    let mut n_tokens = 0;
    for sentence in sentences {
        let title_cased: Vec<String> = if title {
            sentence.words.iter().map(|w| title_case(w)).collect()
        } else {
            Vec::new()
        };
        let words: Vec<&str> = if title {
            title_cased.iter().map(String::as_str).collect()
        } else {
            sentence.words.iter().map(String::as_str).collect()
        };
        tagger.tag_in_document(&words, documents.get(sentence.document), &mut predicted);
        n_tokens += words.len();
        if let Some(dump) = dump.as_mut() {
            for ((word, gold), found) in words.iter().zip(&sentence.tags).zip(&predicted) {
                dump.push_str(&format!("{word} {gold} {found}\n"));
            }
            dump.push('\n');
        }
        let gold_chunks = chunks(&sentence.tags);
        let found_chunks = chunks(&predicted);
        let label_idx = |label: EntityLabel| {
            EntityLabel::ALL
                .iter()
                .position(|l| *l == label)
                .unwrap_or(0)
        };
        for (_, label) in &gold_chunks {
            per_label[label_idx(*label)].gold += 1;
        }
        for chunk in &found_chunks {
            per_label[label_idx(chunk.1)].found += 1;
            if gold_chunks.contains(chunk) {
                per_label[label_idx(chunk.1)].correct += 1;
            }
        }
    }
    Scores {
        per_label,
        n_sentences: sentences.len(),
        n_tokens,
    }
}

fn default_model_path() -> PathBuf {
    project_root().join("assets/ner.bin")
}

fn gzip_size(bytes: &[u8]) -> Option<usize> {
    use std::io::Write;
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    // Feed stdin from another thread: gzip's output would otherwise fill its pipe and both
    // sides would wait for ever.
    let mut stdin = child.stdin.take()?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).is_ok());
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?;
    Some(output.stdout.len())
}

/// Rows whose largest weight is smaller than this are left out of the model file.
const DEFAULT_PRUNE: &str = "1";

pub fn train(args: &[String]) -> Result<()> {
    let data = PathBuf::from(flag_value(args, "--data").unwrap_or("/work/shared/data/ner"));
    let seed: u64 = flag_value(args, "--seed").unwrap_or("1").parse()?;
    let max_epochs: usize = flag_value(args, "--epochs").unwrap_or("20").parse()?;
    let buckets_log2: u32 = flag_value(args, "--buckets-log2").unwrap_or("19").parse()?;
    let prune: f32 = flag_value(args, "--prune")
        .unwrap_or(DEFAULT_PRUNE)
        .parse()?;
    let out = flag_value(args, "--out").map_or_else(default_model_path, PathBuf::from);
    let clusters_path = flag_value(args, "--clusters")
        .map_or_else(crate::clusters::default_clusters_path, PathBuf::from);
    let cluster_file = if args.iter().any(|arg| arg == "--no-clusters") {
        Vec::new()
    } else {
        std::fs::read(&clusters_path).with_context(|| {
            format!(
                "reading {} (run `cargo xtask build-clusters`, or pass --no-clusters)",
                clusters_path.display()
            )
        })?
    };
    let (n_cluster_words, cluster_table) = crate::clusters::split_cluster_file(&cluster_file)?;
    let clusters = Clusters::parse(cluster_table, n_cluster_words).unwrap_or_default();
    let fixed_epochs = args.iter().any(|arg| arg == "--no-early-stop");

    let train_sentences = read_conll(&data.join("conll2003.train.txt"))?;
    let dev_sentences = read_conll(&data.join("conll2003.dev.txt"))?;
    println!(
        "train: {} sentences; dev: {} sentences; seed {seed}; up to {max_epochs} epochs; 2^{buckets_log2} buckets; prune below {prune}; {n_cluster_words} cluster words",
        train_sentences.len(),
        dev_sentences.len()
    );

    let train_documents = document_contexts(&train_sentences);
    let n_buckets = 1usize << buckets_log2;
    let mut perceptron = Perceptron::new(n_buckets);
    perceptron.caseless_percent = flag_value(args, "--caseless-percent")
        .unwrap_or("50")
        .parse()?;
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..train_sentences.len()).collect();
    // Dev F1, epoch, model bytes, and the averaged weights and transitions.
    type Kept = (f64, usize, Vec<u8>, Vec<f32>, Vec<f32>);
    let mut best: Option<Kept> = None;
    for epoch in 1..=max_epochs {
        let started = Instant::now();
        rng.shuffle(&mut order);
        let error_rate = perceptron.train_epoch(
            &train_sentences,
            &train_documents,
            clusters,
            &order,
            &mut rng,
        );
        let (weights, transitions) = perceptron.averaged();
        let bytes = NerModel::encode(
            &weights,
            n_buckets,
            &transitions,
            cluster_table,
            n_cluster_words,
            prune,
        );
        let model = NerModel::from_bytes(bytes.clone()).map_err(anyhow::Error::msg)?;
        let dev = score(&model, &dev_sentences, false, None);
        let f1 = dev.overall().f1();
        println!(
            "epoch {epoch:>2}: train token errors {:.2}%, dev F1 {f1:.2} ({:.1}s)",
            100.0 * error_rate,
            started.elapsed().as_secs_f64()
        );
        let improved = best
            .as_ref()
            .is_none_or(|(best_f1, _, _, _, _)| f1 > *best_f1);
        if improved || fixed_epochs {
            best = Some((f1, epoch, bytes, weights, transitions));
        } else if let Some((_, best_epoch, _, _, _)) = &best {
            if epoch >= best_epoch + 3 {
                println!("no improvement for 3 epochs: stopping");
                break;
            }
        }
    }
    let Some((f1, epoch, bytes, weights, transitions)) = best else {
        bail!("no epochs were run (--epochs 0?)");
    };
    if let Some(sweep) = flag_value(args, "--prune-sweep") {
        // What pruning costs: size and dev F1 of the kept epoch at other thresholds.
        for threshold in sweep.split(',') {
            let threshold: f32 = threshold.parse()?;
            let bytes = NerModel::encode(
                &weights,
                n_buckets,
                &transitions,
                cluster_table,
                n_cluster_words,
                threshold,
            );
            let model = NerModel::from_bytes(bytes.clone()).map_err(anyhow::Error::msg)?;
            let dev = score(&model, &dev_sentences, false, None);
            let title = score(&model, &dev_sentences, true, None);
            println!(
                "prune below {threshold}: {} rows, {} bytes, {} gzip; dev F1 {:.2}, Title Case {:.2}",
                model.n_rows(),
                bytes.len(),
                gzip_size(&bytes).map_or("?".to_string(), |n| n.to_string()),
                dev.overall().f1(),
                title.overall().f1()
            );
        }
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "kept epoch {epoch} (dev F1 {f1:.2}); wrote {} ({} bytes, {} gzip)",
        out.display(),
        bytes.len(),
        gzip_size(&bytes).map_or("?".to_string(), |n| n.to_string())
    );
    Ok(())
}

fn load_model(args: &[String]) -> Result<NerModel> {
    let path = flag_value(args, "--model").map_or_else(default_model_path, PathBuf::from);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    NerModel::from_bytes(bytes).map_err(|why| anyhow::anyhow!("{}: {why}", path.display()))
}

pub fn eval(args: &[String]) -> Result<()> {
    let Some(file) = args.iter().find(|arg| !arg.starts_with("--")) else {
        bail!("usage: cargo xtask eval-ner FILE [--title-case] [--model FILE]");
    };
    if flag_value(args, "--model") == Some(file.as_str())
        || flag_value(args, "--dump") == Some(file.as_str())
    {
        bail!("usage: cargo xtask eval-ner FILE [--title-case] [--model FILE]");
    }
    let model = load_model(args)?;
    let sentences = read_conll(Path::new(file))?;
    let mut dump = String::new();
    score(&model, &sentences, false, Some(&mut dump)).print(&format!("{file} (as written)"));
    if let Some(dump_path) = flag_value(args, "--dump") {
        std::fs::write(dump_path, &dump)?;
    }
    if args.iter().any(|arg| arg == "--title-case") {
        score(&model, &sentences, true, None).print(&format!("{file} (Title Case)"));
    }
    Ok(())
}

pub fn bench(args: &[String]) -> Result<()> {
    let model = load_model(args)?;
    let file = flag_value(args, "--data").map_or_else(
        || PathBuf::from("/work/shared/data/ner/conll2003.dev.txt"),
        PathBuf::from,
    );
    let sentences = read_conll(&file)?;
    let sentence_words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let n_tokens: usize = sentence_words.iter().map(Vec::len).sum();
    let mut tagger = Tagger::new(&model);
    let mut tags = Vec::new();
    let mut rates = Vec::new();
    let mut n_entities = 0;
    for _ in 0..7 {
        let started = Instant::now();
        // The document contexts are part of the work the pipeline does, so they are timed.
        let documents = document_contexts(&sentences);
        for (words, sentence) in sentence_words.iter().zip(&sentences) {
            tagger.tag_in_document(words, documents.get(sentence.document), &mut tags);
            n_entities += tags
                .iter()
                .filter(|t| matches!(t, BioTag::Begin(_)))
                .count();
        }
        rates.push(n_tokens as f64 / started.elapsed().as_secs_f64());
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "bench-ner: {} tokens x {} runs, single thread; median {:.0} tokens/s (min {:.0}, max {:.0}); {} entities tagged",
        n_tokens,
        rates.len(),
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1],
        n_entities
    );
    Ok(())
}
