//! `cargo xtask train-ner | eval-ner | bench-ner`: the entity model's training, scoring and
//! speed test.
//!
//! Training is a structured averaged perceptron over the engine's own feature extractor and
//! greedy decoder (`dateline_engine::entities`), so what is trained is exactly what runs:
//! each token is decoded with the tags the model itself chose before it, and on a mistake
//! the gold tag's weights go up and the predicted tag's go down. Averaging uses the usual
//! lazy trick (`w_avg = w - u / c`, with `u` accumulating `c × update`). After every epoch
//! the averaged, quantised model is scored on the dev file; the best epoch is kept and
//! training stops after three epochs without improvement.
//!
//! A share of training sentences (25%) is read in caseless mode, as if it were a headline,
//! so the caseless weights that Title Case and ALL CAPS sentences use get enough data.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use dateline_engine::entities::{
    bucket_of, chunks, BioTag, CaseMode, DocumentContext, EntityLabel, NerModel, SentenceFeatures,
    Tagger, N_TAGS,
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
    n_instances: f64,
    /// Share of training sentences read in caseless mode, in percent.
    caseless_percent: usize,
}

impl Perceptron {
    fn new(n_buckets: usize) -> Perceptron {
        Perceptron {
            n_buckets,
            weights: vec![0.0; n_buckets * N_TAGS],
            accumulated: vec![0.0; n_buckets * N_TAGS],
            n_instances: 1.0,
            caseless_percent: 25,
        }
    }

    fn update(&mut self, buckets: &[usize], gold: usize, predicted: usize) {
        let c = self.n_instances;
        for &bucket in buckets {
            let row = bucket * N_TAGS;
            self.weights[row + gold] += 1.0;
            self.accumulated[row + gold] += c;
            self.weights[row + predicted] -= 1.0;
            self.accumulated[row + predicted] -= c;
        }
    }

    fn averaged(&self) -> Vec<f32> {
        let c = self.n_instances;
        self.weights
            .iter()
            .zip(&self.accumulated)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect()
    }

    /// One epoch over `sentences` in the given order; returns the token error rate.
    fn train_epoch(
        &mut self,
        sentences: &[Sentence],
        documents: &[DocumentContext],
        order: &[usize],
        rng: &mut Rng,
    ) -> f64 {
        let mut features = SentenceFeatures::default();
        let mut hashes = Vec::new();
        let mut buckets = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let (mut n_tokens, mut n_errors) = (0usize, 0usize);
        for &sentence_idx in order {
            let sentence = &sentences[sentence_idx];
            words.clear();
            words.extend(sentence.words.iter().map(String::as_str));
            let case_mode = if rng.below(100) < self.caseless_percent {
                CaseMode::ForceCaseless
            } else {
                CaseMode::Detect
            };
            features.prepare_in_document(&words, case_mode, documents.get(sentence.document));
            let mut prev = BioTag::Outside;
            let mut prev_prev = BioTag::Outside;
            for (idx, &gold) in sentence.tags.iter().enumerate() {
                hashes.clear();
                features.token_features(idx, prev, prev_prev, &mut hashes);
                buckets.clear();
                buckets.extend(hashes.iter().map(|&h| bucket_of(h, self.n_buckets)));
                let mut scores = [0.0f32; N_TAGS];
                for &bucket in &buckets {
                    let row = &self.weights[bucket * N_TAGS..(bucket + 1) * N_TAGS];
                    for (score, w) in scores.iter_mut().zip(row) {
                        *score += w;
                    }
                }
                let predicted = dateline_engine::entities::tagger::best_tag(&scores, prev);
                if predicted != gold {
                    self.update(&buckets, gold.index(), predicted.index());
                    n_errors += 1;
                }
                n_tokens += 1;
                self.n_instances += 1.0;
                prev_prev = prev;
                prev = predicted;
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

pub fn train(args: &[String]) -> Result<()> {
    let data = PathBuf::from(flag_value(args, "--data").unwrap_or("/work/shared/data/ner"));
    let seed: u64 = flag_value(args, "--seed").unwrap_or("1").parse()?;
    let max_epochs: usize = flag_value(args, "--epochs").unwrap_or("20").parse()?;
    let buckets_log2: u32 = flag_value(args, "--buckets-log2").unwrap_or("20").parse()?;
    let weight_bytes: u8 = flag_value(args, "--weight-bytes").unwrap_or("1").parse()?;
    let out = flag_value(args, "--out").map_or_else(default_model_path, PathBuf::from);
    let fixed_epochs = args.iter().any(|arg| arg == "--no-early-stop");

    let train_sentences = read_conll(&data.join("conll2003.train.txt"))?;
    let dev_sentences = read_conll(&data.join("conll2003.dev.txt"))?;
    println!(
        "train: {} sentences; dev: {} sentences; seed {seed}; up to {max_epochs} epochs; 2^{buckets_log2} buckets, {weight_bytes}-byte weights",
        train_sentences.len(),
        dev_sentences.len()
    );

    let train_documents = document_contexts(&train_sentences);
    let n_buckets = 1usize << buckets_log2;
    let mut perceptron = Perceptron::new(n_buckets);
    perceptron.caseless_percent = flag_value(args, "--caseless-percent")
        .unwrap_or("25")
        .parse()?;
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..train_sentences.len()).collect();
    let mut best: Option<(f64, usize, Vec<u8>)> = None;
    for epoch in 1..=max_epochs {
        let started = Instant::now();
        rng.shuffle(&mut order);
        let error_rate =
            perceptron.train_epoch(&train_sentences, &train_documents, &order, &mut rng);
        let bytes = NerModel::encode(&perceptron.averaged(), n_buckets, weight_bytes);
        let model = NerModel::from_bytes(bytes.clone()).map_err(anyhow::Error::msg)?;
        let dev = score(&model, &dev_sentences, false, None);
        let f1 = dev.overall().f1();
        println!(
            "epoch {epoch:>2}: train token errors {:.2}%, dev F1 {f1:.2} ({:.1}s)",
            100.0 * error_rate,
            started.elapsed().as_secs_f64()
        );
        let improved = best.as_ref().is_none_or(|(best_f1, _, _)| f1 > *best_f1);
        if improved || fixed_epochs {
            best = Some((f1, epoch, bytes));
        } else if let Some((_, best_epoch, _)) = &best {
            if epoch >= best_epoch + 3 {
                println!("no improvement for 3 epochs: stopping");
                break;
            }
        }
    }
    let Some((f1, epoch, bytes)) = best else {
        bail!("no epochs were run (--epochs 0?)");
    };
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
