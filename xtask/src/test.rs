//! `cargo xtask test`: every test of the project, in the order that fails fastest.
//!
//! 1. set-up (installs what is missing);
//! 2. `cargo fmt --check`;
//! 3. clippy with warnings denied, natively and for wasm32;
//! 4. native tests;
//! 5. the engine's wasm-bindgen tests in headless Chromium;
//! 6. the release web build and its sizes;
//! 7. browser end-to-end tests (`node --test tests/e2e/`).
//!
//! Prints how long each step took.

use std::process::Command;
use std::time::Instant;

use anyhow::Result;

use crate::setup::{self, run, step};
use crate::{project_root, web};

pub fn test(args: &[String]) -> Result<()> {
    let root = project_root();
    let skip_browser = args.iter().any(|arg| arg == "--no-browser");
    let mut timings: Vec<(&str, f64)> = Vec::new();
    let mut timed = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        let started = Instant::now();
        let result = f();
        timings.push((name, started.elapsed().as_secs_f64()));
        result
    };
    let cargo = |args: &[&str]| -> Result<()> {
        run(Command::new("cargo").args(args).current_dir(project_root()))
    };

    timed("set-up", &mut || {
        setup::ensure(setup::Needs {
            browser: !skip_browser,
        })
    })?;
    timed("fmt", &mut || {
        step("cargo fmt --check");
        cargo(&["fmt", "--all", "--check"])
    })?;
    timed("clippy", &mut || {
        step("cargo clippy (native, all targets) -D warnings");
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])?;
        step("cargo clippy (wasm32: app, engine, wasm benchmark) -D warnings");
        cargo(&[
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "dateline-app",
            "-p",
            "dateline-engine",
            "-p",
            "dateline-wasm-bench",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    timed("native tests", &mut || {
        step("cargo test (native)");
        cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "dateline-app",
            "--profile",
            "tools",
            "--quiet",
        ])
    })?;
    if !skip_browser {
        timed("wasm tests", &mut || {
            step("engine tests compiled to wasm32, in headless Chromium (wasm-bindgen-test)");
            run(Command::new("cargo")
                .args([
                    "test",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "dateline-engine",
                    "--test",
                    "wasm",
                    "--profile",
                    "wasm-test",
                    "--",
                    "--nocapture",
                ])
                .env("CHROMEDRIVER", "/usr/bin/chromedriver")
                .current_dir(&root))
        })?;
        timed("web build", &mut || {
            web::build_release()?;
            web::print_sizes()
        })?;
        timed("browser e2e", &mut || {
            step("end-to-end tests in headless Chromium (node --test tests/e2e/)");
            run(Command::new("node")
                .args(["--test", "--test-concurrency=1", "tests/e2e/"])
                .current_dir(&root))
        })?;
    }
    println!("\ntest steps (seconds):");
    let mut total = 0.0;
    for (name, seconds) in &timings {
        println!("  {name:<14} {seconds:>7.1}");
        total += seconds;
    }
    println!("  {:<14} {total:>7.1}", "total");
    Ok(())
}
