//! Copies the committed assets into OUT_DIR so the binary can `include_bytes!` them, and
//! writes empty files when an asset is missing (a fresh checkout before the first
//! `cargo xtask train-ner` still builds; the engine then runs on rules alone).
use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets");
    for name in ["ner.bin", "gazetteer.bin"] {
        let source = assets.join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let bytes = std::fs::read(&source).unwrap_or_default();
        std::fs::write(Path::new(&out_dir).join(name), bytes).expect("OUT_DIR is writable");
    }
}
