//! `cargo xtask <command>`: the project's chores, in Rust (see ARCHITECTURE.md).
//!
//! Each command lives in a module named for its area; this file only dispatches.

mod basemap;
mod bench;
mod clusters;
mod geo;
mod ner;
mod serve;
mod setup;
mod test;
mod time;
mod web;

use anyhow::{bail, Result};

/// The allocator the CLI uses (see crates/cli/src/main.rs), so that `bench` times the engine
/// as the native binary runs it; training and evaluation get it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const HELP: &str = "\
usage: cargo xtask <command> [args]

set-up:
  serve [--port N] [--no-build]                  build the release app and serve it on 127.0.0.1
  test [--no-browser]                            every test (installs what is missing first)
  build-web                                      the release web build into dist/ ($DATELINE_DIST)

  bench                                          whole-document analysis speed (seed, 1 MB)
  bench-wasm [RUNS]                              the same in wasm, in headless Chromium (seed)
  fuzz [N] [--seed S]                            N random inputs through the engine, no panic

data and models:
  build-clusters [--words N]                     word clusters for train-ner (spaCy en_core_web_md)
  train-ner --data DIR [--seed N] [--out FILE]   train the entity model from CoNLL-2003
  eval-ner FILE [--title-case]                   conlleval-style P/R/F1 of the model on FILE
  bench-ner                                      tagger speed, tokens per second
  build-gazetteer --naturalearth DIR [--out FILE] build assets/gazetteer.bin from registry packages
  build-basemap                                  assets/basemap-{110m,50m}.bin from world-atlas (npm)
  eval-geo FILE.jsonl                            geoparsing scores on GeoWebNews-style JSONL
  bench-geo                                      gazetteer lookup and resolution speed
  eval-time FILE.jsonl [--split S] [--errors|--pairs] TempEval-3 style scores
  bench-time                                     time tagger speed
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(error) = run(&args) {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some(command) = args.first() else {
        print!("{HELP}");
        return Ok(());
    };
    let rest = &args[1..];
    match command.as_str() {
        "serve" => serve::serve(rest),
        "test" => test::test(rest),
        "bench" => bench::bench(rest),
        "bench-wasm" => bench::bench_wasm(rest),
        "fuzz" => bench::fuzz(rest),
        "build-web" => web::build_web(rest),
        "build-clusters" => clusters::build(rest),
        "train-ner" => ner::train(rest),
        "eval-ner" => ner::eval(rest),
        "bench-ner" => ner::bench(rest),
        "build-gazetteer" => geo::build_gazetteer(rest),
        "build-basemap" => basemap::build(rest),
        "eval-geo" => geo::eval(rest),
        "bench-geo" => geo::bench(rest),
        "eval-time" => time::eval(rest),
        "bench-time" => time::bench(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command {other:?}\n{HELP}"),
    }
}

/// The value after `--name` in `args`, if any.
pub fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Path of the workspace root (xtask's parent), so commands work from any folder.
pub fn project_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default()
}
