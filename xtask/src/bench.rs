//! `cargo xtask bench`: whole-document analysis speed, natively, single thread.
//! `cargo xtask bench-wasm [RUNS]`: the same in wasm in headless Chromium (crates/wasm-bench).
//! `cargo xtask fuzz N`: N random inputs through the whole engine (see engine's fuzz_input).
//!
//! Medians over repeated runs rather than a criterion harness: the figure we track is one
//! number per article, printed in the same form every time.

use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use dateline_engine::fuzz_input::{random_text, Rng};
use dateline_engine::{AnalyzeOptions, Engine};

use crate::project_root;
use crate::setup::{self, run, step, Needs};

/// The engine with the committed assets.
pub fn load_engine() -> Result<Engine> {
    let assets = project_root().join("assets");
    let mut engine = Engine::new();
    let ner = std::fs::read(assets.join("ner.bin")).context("reading assets/ner.bin")?;
    engine.load_ner_model(ner)?;
    let gazetteer =
        std::fs::read(assets.join("gazetteer.bin")).context("reading assets/gazetteer.bin")?;
    engine.load_gazetteer(gazetteer)?;
    Ok(engine)
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

pub fn bench(_args: &[String]) -> Result<()> {
    let engine = load_engine()?;
    let seed = std::fs::read_to_string(project_root().join("samples/us-forces-syria-2021.txt"))?;
    let options = AnalyzeOptions::default();
    for _ in 0..20 {
        engine.analyze(&seed, &options);
    }
    let samples: Vec<f64> = (0..300)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(engine.analyze(&seed, &options));
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let mut sorted = samples.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let (fastest, p90) = (sorted[0], sorted[sorted.len() * 9 / 10]);
    println!(
        "whole-document analysis, seed article ({} bytes):",
        seed.len()
    );
    // The fastest run says what the code can do when nothing else runs on the machine.
    println!(
        "  median {:.3} ms   p90 {:.3} ms   fastest {:.3} ms   (300 runs, native, 1 thread, mimalloc; load average {})",
        median_ms(samples),
        p90,
        fastest,
        load_average()
    );

    let megabyte = seed.repeat(1024 * 1024 / seed.len() + 1);
    let started = Instant::now();
    let document = engine.analyze(&megabyte, &options);
    println!(
        "  1 MB of text: {:.0} ms ({} mentions, {} events)",
        started.elapsed().as_secs_f64() * 1e3,
        document.mentions.len(),
        document.events.len()
    );
    Ok(())
}

/// The machine's one-minute load average, or "unknown": benchmarks on a shared machine are
/// only comparable at similar loads.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|line| line.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn bench_wasm(args: &[String]) -> Result<()> {
    let runs: u32 = match args.first() {
        Some(n) => n.parse().context("bench-wasm takes a number of runs")?,
        None => 600,
    };
    setup::ensure(Needs { browser: true })?;
    let root = project_root();
    step("building crates/wasm-bench for wasm32 (release profile, as shipped)");
    run(Command::new("cargo")
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dateline-wasm-bench",
        ])
        .current_dir(&root))?;
    let out = root.join("target/wasm-bench");
    std::fs::create_dir_all(&out)?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&out)
        .arg(root.join("target/wasm32-unknown-unknown/release/dateline_wasm_bench.wasm")))?;
    for (from, to) in [
        ("assets/ner.bin", "ner.bin"),
        ("assets/gazetteer.bin", "gazetteer.bin"),
        ("samples/us-forces-syria-2021.txt", "seed.txt"),
    ] {
        std::fs::copy(root.join(from), out.join(to)).with_context(|| format!("copying {from}"))?;
    }
    std::fs::write(
        out.join("index.html"),
        "<!doctype html><title>dateline bench</title>\n",
    )?;
    run(Command::new("node")
        .arg(root.join("crates/wasm-bench/run.mjs"))
        .arg(&out)
        .arg(runs.to_string()))?;
    println!("  (load average {})", load_average());
    Ok(())
}

pub fn fuzz(args: &[String]) -> Result<()> {
    let n_inputs: usize = match args.first() {
        Some(n) => n.parse().context("fuzz takes a number of inputs")?,
        None => 20_000,
    };
    let seed: u64 = crate::flag_value(args, "--seed").unwrap_or("1").parse()?;
    let engine = load_engine()?;
    let mut rng = Rng::new(seed);
    let mut n_bytes = 0;
    let started = Instant::now();
    for i in 0..n_inputs {
        let text = random_text(&mut rng, 200);
        n_bytes += text.len();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.analyze(&text, &AnalyzeOptions::default())
        }));
        if result.is_err() {
            std::fs::write(project_root().join("target/fuzz-crash.txt"), &text)?;
            bail!("input {i} (seed {seed}) panicked; saved to target/fuzz-crash.txt");
        }
    }
    println!(
        "fuzz: {n_inputs} inputs, {:.1} MB, no panic ({:.1} s, seed {seed})",
        n_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
