//! The release web build: Trunk, then a strict-CSP pass over its output, then a size table.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::project_root;
use crate::setup::{run, step};

/// dist/, or $DATELINE_DIST: lets several builds (and their browser tests) live side by side.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("DATELINE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("dist"))
}

/// `cargo xtask build-web`: the release build alone (set-up included).
pub fn build_web(_args: &[String]) -> Result<()> {
    crate::setup::ensure(crate::setup::Needs { browser: false })?;
    build_release()?;
    print_sizes()
}

/// `trunk build --release` into dist/, offline, with the tools `setup` installed.
pub fn build_release() -> Result<()> {
    let root = project_root();
    // Trunk runs cargo with --offline (Trunk.toml): make sure every crate is downloaded.
    run(Command::new("cargo")
        .args(["fetch", "--quiet"])
        .current_dir(&root))?;
    step("building the web app (trunk build --release)");
    run(Command::new("trunk")
        .args(["build", "--release", "--dist"])
        .arg(dist_dir())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .current_dir(&root))?;
    let index = dist_dir().join("index.html");
    move_inline_scripts(&index)?;
    write_worker_script(&index)?;
    write_embed_script(&index)
}

/// dist/embed.js, the loader news pages include (src/embed/mod.rs): web/embed.template.js
/// with the hashed module, wasm and stylesheet names of this build filled in.
fn write_embed_script(index: &Path) -> Result<()> {
    let html = std::fs::read_to_string(index)?;
    let file_name = |part: &str| part.rsplit('/').next().unwrap_or(part).to_string();
    let glue = html
        .split('"')
        .find(|part| part.ends_with(".js") && part.contains("dateline-app"))
        .map(file_name)
        .context("no dateline-app JS module named in dist/index.html")?;
    let wasm = glue.replace(".js", "_bg.wasm");
    let mut styles: Vec<String> = html
        .split('"')
        .filter(|part| part.ends_with(".css"))
        .map(file_name)
        .collect();
    styles.dedup();
    let styles = format!(
        "[{}]",
        styles
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let template_path = project_root().join("web").join("embed.template.js");
    let template = std::fs::read_to_string(&template_path)
        .with_context(|| format!("reading {}", template_path.display()))?;
    let script = template
        .replace("__MODULE__", &glue)
        .replace("__WASM__", &wasm)
        .replace("__STYLES__", &styles);
    std::fs::write(index.with_file_name("embed.js"), script)?;
    Ok(())
}

/// The analysis worker loads the same wasm module as the page (src/analysis_worker.rs).
/// Its script must name the module's hashed file, known only after the build: read it from
/// the page's module preload link and write dist/worker.js.
fn write_worker_script(index: &Path) -> Result<()> {
    let html = std::fs::read_to_string(index)?;
    let glue = html
        .split('"')
        .find(|part| part.ends_with(".js") && part.contains("dateline-app"))
        .context("no dateline-app JS module named in dist/index.html")?;
    let glue_name = glue.rsplit('/').next().unwrap_or(glue);
    let wasm_name = glue_name.replace(".js", "_bg.wasm");
    let script = format!(
        "// Written by `cargo xtask build-web`: starts the app's wasm module as the analysis worker.\n\
         import init from './{glue_name}';\n\
         init({{ module_or_path: './{wasm_name}' }});\n"
    );
    std::fs::write(index.with_file_name("worker.js"), script)?;
    Ok(())
}

/// Trunk starts the wasm with an inline `<script type="module">`, which a strict
/// Content-Security-Policy (`script-src 'self'`) refuses. Move it into a file beside the
/// page so the page loads under the CSP it declares.
fn move_inline_scripts(index: &Path) -> Result<()> {
    let html =
        std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    let mut n_moved = 0;
    while let Some(open) = rest.find("<script") {
        let tag_end = rest[open..]
            .find('>')
            .map(|i| open + i + 1)
            .context("unclosed <script")?;
        let tag = &rest[open..tag_end];
        let close = rest[tag_end..]
            .find("</script>")
            .map(|i| tag_end + i)
            .context("no </script>")?;
        let body = &rest[tag_end..close];
        out.push_str(&rest[..open]);
        if tag.contains("src=") || body.trim().is_empty() {
            out.push_str(&rest[open..close + "</script>".len()]);
        } else {
            n_moved += 1;
            let name = format!("boot-{n_moved}.js");
            std::fs::write(index.with_file_name(&name), body)?;
            let module = if tag.contains("module") {
                " type=\"module\""
            } else {
                ""
            };
            out.push_str(&format!("<script{module} src=\"./{name}\"></script>"));
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    std::fs::write(index, out)?;
    Ok(())
}

/// Raw and gzip sizes of dist/'s top-level files (what a reader downloads) and of assets/.
pub fn print_sizes() -> Result<()> {
    let dist = dist_dir();
    let mut rows = Vec::new();
    for dir in [dist.clone(), dist.join("assets")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                let bytes = std::fs::read(&path)?;
                let relative = path
                    .strip_prefix(&dist)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                rows.push((relative, bytes.len(), gzip_len(&bytes)));
            }
        }
    }
    rows.sort();
    println!("release build sizes (bytes):");
    println!("{:<44} {:>12} {:>12}", "file", "raw", "gzip -9");
    let (mut first_raw, mut first_gzip) = (0, 0);
    for (name, raw, gzip) in &rows {
        println!("{name:<44} {raw:>12} {gzip:>12}");
        if !name.starts_with("assets") {
            first_raw += raw;
            first_gzip += gzip;
        }
    }
    println!(
        "{:<44} {first_raw:>12} {first_gzip:>12}",
        "page without data (first paint)"
    );
    Ok(())
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}
