//! Per-stage timings of the pipeline, to find the slow or non-linear stage.
//!
//! Run from the workspace root: `cargo run --profile tools -p dateline-engine --example
//! stage_times -- N [RUNS]` analyses the seed article repeated N times, RUNS times (default
//! 1 run, which shows first-run costs), and prints each stage's median.
use dateline_engine::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts allocations, to show which stage allocates (allocation is a large part of the
/// engine's time, and more so in wasm).
struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn main() {
    let mut engine = Engine::new();
    engine
        .load_ner_model(std::fs::read("assets/ner.bin").unwrap())
        .unwrap();
    engine
        .load_gazetteer(std::fs::read("assets/gazetteer.bin").unwrap())
        .unwrap();
    let seed = std::fs::read_to_string("samples/us-forces-syria-2021.txt").unwrap();
    let mut args = std::env::args()
        .skip(1)
        .map(|s| s.parse::<usize>().unwrap());
    let repeats = args.next().unwrap_or(1);
    let runs = args.next().unwrap_or(1).max(1);
    let text = seed.repeat(repeats);

    const STAGES: [&str; 7] = [
        "prepare", "segment", "entities", "places", "actors", "times", "analyze",
    ];
    let mut timings: Vec<Vec<Duration>> = vec![Vec::new(); STAGES.len()];
    let mut allocations = [0usize; STAGES.len()];
    let mut timed = |stage: usize, start: Instant| {
        timings[stage].push(start.elapsed());
        allocations[stage] += ALLOCATIONS.swap(0, Ordering::Relaxed);
    };
    for _ in 0..runs {
        ALLOCATIONS.store(0, Ordering::Relaxed);
        let t = Instant::now();
        let prepared = normalize::prepare(&text);
        timed(0, t);
        let t = Instant::now();
        let segmented = segment::segment(&prepared.text);
        timed(1, t);
        let context = Context {
            text: &prepared.text,
            frame: &prepared.frame,
            segmented: &segmented,
            dct: calendar::CalendarDate::new(2021, 6, 29),
        };
        let t = Instant::now();
        let ents = entities::recognise(engine.ner_model(), &context);
        timed(2, t);
        let t = Instant::now();
        let places = places::resolve(engine.gazetteer(), &context, &ents);
        timed(3, t);
        let t = Instant::now();
        let cast = actors::build(&context, &ents, &places);
        timed(4, t);
        let t = Instant::now();
        let times = times::tag(&context);
        timed(5, t);
        std::hint::black_box((cast, times));
        ALLOCATIONS.store(0, Ordering::Relaxed);
        let t = Instant::now();
        let doc = engine.analyze(&text, &AnalyzeOptions::default());
        timed(6, t);
        std::hint::black_box(doc);
    }
    eprintln!("    stage  median µs  allocations/run");
    for ((stage, mut times), allocated) in STAGES.iter().zip(timings).zip(allocations) {
        times.sort();
        eprintln!(
            "{stage:>9} {:>10.1} {:>8}",
            times[times.len() / 2].as_secs_f64() * 1e6,
            allocated / runs
        );
    }
}
