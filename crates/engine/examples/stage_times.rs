//! Per-stage timings of the pipeline, to find the slow or non-linear stage.
//!
//! Run from the workspace root: `cargo run --profile tools -p dateline-engine --example
//! stage_times -- N` analyses the seed article repeated N times.
use dateline_engine::*;
use std::time::Instant;
fn main() {
    let mut engine = Engine::new();
    engine
        .load_ner_model(std::fs::read("assets/ner.bin").unwrap())
        .unwrap();
    engine
        .load_gazetteer(std::fs::read("assets/gazetteer.bin").unwrap())
        .unwrap();
    let seed = std::fs::read_to_string("samples/us-forces-syria-2021.txt").unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1);
    let text = seed.repeat(n);
    let t = Instant::now();
    let prepared = normalize::prepare(&text);
    eprintln!("prepare {:?}", t.elapsed());
    let t = Instant::now();
    let segmented = segment::segment(&prepared.text);
    eprintln!("segment {:?}", t.elapsed());
    let context = Context {
        text: &prepared.text,
        frame: &prepared.frame,
        segmented: &segmented,
        dct: calendar::CalendarDate::new(2021, 6, 29),
    };
    let t = Instant::now();
    let ents = entities::recognise(engine.ner_model(), &context);
    eprintln!("entities {:?}", t.elapsed());
    let t = Instant::now();
    let places = places::resolve(engine.gazetteer(), &context, &ents);
    eprintln!("places {:?}", t.elapsed());
    let t = Instant::now();
    let cast = actors::build(&context, &ents, &places);
    eprintln!("actors {:?}", t.elapsed());
    let t = Instant::now();
    let times = times::tag(&context);
    eprintln!(
        "times {:?} {}",
        t.elapsed(),
        times.len() + cast.actors.len()
    );
    let t = Instant::now();
    let doc = engine.analyze(&text, &AnalyzeOptions::default());
    eprintln!("total {:?} {}", t.elapsed(), doc.events.len());
}
