//! The engine never panics (a panic in wasm kills the page): random inputs, a megabyte of
//! text, and the shapes users really paste. `cargo xtask fuzz N` runs more.

use dateline_engine::fuzz_input::{random_text, Rng};
use dateline_engine::{AnalyzeOptions, Document, Engine};

fn engine() -> Engine {
    let mut engine = Engine::new();
    engine
        .load_ner_model(include_bytes!("../../../assets/ner.bin").to_vec())
        .expect("ner.bin loads");
    engine
        .load_gazetteer(include_bytes!("../../../assets/gazetteer.bin").to_vec())
        .expect("gazetteer.bin loads");
    engine
}

/// Every offset lies on the text and every reference points at something.
fn check_consistent(document: &Document) {
    let n_chars = document.text.chars().count();
    for mention in &document.mentions {
        assert!(
            mention.start <= mention.end && mention.end <= n_chars,
            "{mention:?}"
        );
        if let Some(reference) = &mention.reference {
            assert!(
                document.name_of(reference).is_some(),
                "dangling ref {reference}"
            );
        }
    }
    for time in &document.times {
        assert!(time.start <= time.end && time.end <= n_chars);
    }
    for quote in &document.quotes {
        assert!(quote.start <= quote.end && quote.end <= n_chars);
    }
    for sentence in &document.sentences {
        assert!(sentence.start <= sentence.end && sentence.end <= n_chars);
    }
    for event in &document.events {
        assert!(event.sentence < document.sentences.len().max(1));
    }
}

#[test]
fn random_inputs_never_panic() {
    let engine = engine();
    let mut rng = Rng::new(20_211_206);
    // `cargo xtask test` runs this optimised; an unoptimised `cargo test` gets a tenth.
    let n_inputs = if cfg!(debug_assertions) { 200 } else { 2_000 };
    for _ in 0..n_inputs {
        let text = random_text(&mut rng, 60);
        let document = engine.analyze(&text, &AnalyzeOptions::default());
        check_consistent(&document);
    }
}

#[test]
fn a_megabyte_of_news_finishes_and_says_nothing_was_lost() {
    let engine = engine();
    let seed = include_str!("../../../samples/us-forces-syria-2021.txt");
    let megabyte = if cfg!(debug_assertions) {
        100 * 1024
    } else {
        1024 * 1024
    };
    let big = seed.repeat(megabyte / seed.len() + 1);
    let document = engine.analyze(&big, &AnalyzeOptions::default());
    check_consistent(&document);
    assert!(!document.places.is_empty());

    // Beyond the limit, the cut is announced. (Mostly blank, to keep the test quick.)
    let huge = format!("{seed}{}", " ".repeat(3 * 1024 * 1024));
    let document = engine.analyze(&huge, &AnalyzeOptions::default());
    assert!(document
        .diagnostics
        .iter()
        .any(|d| d.message.contains("only its first")));
}

#[test]
fn what_users_paste_gets_clear_messages() {
    let engine = engine();
    let options = AnalyzeOptions::default();
    let empty = engine.analyze("   \n ", &options);
    assert!(empty
        .diagnostics
        .iter()
        .any(|d| d.message.contains("empty")));

    let html = engine.analyze("<html><body><h1>Strikes in Syria</h1><p>U.S. forces struck sites in Syria on Sunday.</p><script>x()</script></body></html>", &options);
    assert!(html.diagnostics.iter().any(|d| d.message.contains("HTML")));
    assert!(!html.text.contains("<p>") && !html.text.contains("x()"));

    let no_dates_no_places =
        engine.analyze("this is a sentence with nothing in it at all.", &options);
    assert!(no_dates_no_places
        .diagnostics
        .iter()
        .any(|d| d.message.contains("No dates")));
    assert!(no_dates_no_places
        .diagnostics
        .iter()
        .any(|d| d.message.contains("No places")));

    let binary: String = (0u8..=255).map(char::from).collect::<String>().repeat(100);
    check_consistent(&engine.analyze(&binary, &options));

    let rtl = engine.analyze(
        "قالت وزارة الدفاع الأمريكية يوم الأحد إن الضربات استهدفت مواقع في سوريا والعراق.\nשלום עולם",
        &options,
    );
    check_consistent(&rtl);
    assert_eq!(rtl.text.chars().count(), rtl.text.chars().count());
}
