//! Installs what the build and the tests need, skipping what is already there at the right
//! version: a fresh machine gets everything, a warm one loses a few seconds.
//!
//! Versions come from ../shared/TOOLCHAIN.md: Trunk 0.21.14 (0.22 needs a newer rustc),
//! wasm-bindgen-cli equal to Cargo.lock's wasm-bindgen, wasm-opt from npm's binaryen@132
//! (Debian's is too old to read wasm-bindgen 0.2.130 output), Debian's Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::project_root;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// What to make sure of.
pub struct Needs {
    pub browser: bool,
}

pub fn ensure(needs: Needs) -> Result<()> {
    prepend_path(&cargo_bin_dir());
    prepend_path(&project_root().join("tests/e2e/node_modules/.bin"));
    ensure_wasm_target()?;
    if !version_of("trunk", &["--version"]).is_some_and(|v| v.contains(TRUNK_VERSION)) {
        step(&format!(
            "installing trunk {TRUNK_VERSION} (several minutes, once)"
        ));
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
        ]))?;
    }
    if !version_of("wasm-bindgen", &["--version"]).is_some_and(|v| v.contains(WASM_BINDGEN_VERSION))
    {
        step(&format!(
            "installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (about two minutes, once)"
        ));
        // Without --locked: its lock file pins a crate version the registry here lacks.
        run(Command::new("cargo").args([
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            WASM_BINDGEN_VERSION,
        ]))?;
    }
    if version_of("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    if needs.browser
        && (!Path::new("/usr/bin/chromium").exists()
            || !Path::new("/usr/bin/chromedriver").exists())
    {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    ensure_npm_packages()?;
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let installed = version_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.contains("wasm32-unknown-unknown") {
        step("adding the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// `npm ci` in tests/e2e when node_modules is missing or older than the lock file.
fn ensure_npm_packages() -> Result<()> {
    let e2e = project_root().join("tests/e2e");
    let lock = e2e.join("package-lock.json");
    let stamp = e2e.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(lock), Ok(stamp)) => stamp.modified()? >= lock.modified()?,
        _ => false,
    };
    if !fresh {
        step("installing npm packages in tests/e2e (playwright-core, binaryen, axe-core)");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e))?;
    }
    Ok(())
}

fn apt_install(packages: &[&str]) -> Result<()> {
    step(&format!("installing {} with apt-get", packages.join(", ")));
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let mut update = Command::new(sudo.first().copied().unwrap_or("apt-get"));
    if !sudo.is_empty() {
        update.arg("apt-get");
    }
    run(update.arg("update").arg("-q"))?;
    let mut install = Command::new(sudo.first().copied().unwrap_or("apt-get"));
    if !sudo.is_empty() {
        install.arg("apt-get");
    }
    run(install
        .args(["install", "-y", "-q"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn is_root() -> bool {
    version_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

fn prepend_path(dir: &Path) {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let mut paths: Vec<PathBuf> = std::env::split_paths(&current).collect();
    if !paths.iter().any(|p| p == dir) {
        paths.insert(0, dir.to_path_buf());
        if let Ok(joined) = std::env::join_paths(paths) {
            // Safety of set_var: xtask is single-threaded at this point.
            std::env::set_var("PATH", joined);
        }
    }
}

/// Standard output of `program args`, or None when it cannot run or fails.
pub fn version_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn step(message: &str) {
    eprintln!("==> {message}");
}

/// Runs a command with inherited output; fails with the command line when it fails.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}
