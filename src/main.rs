//! dateline's web app: Yew components over the engine's `Document`.
//!
//! **Invariant:** the app never does NLP itself: text goes to the engine, the `Document`
//! comes back, and the views only draw it. See ARCHITECTURE.md.

mod analysis_worker;
mod app;
mod components;
mod engine_host;
mod state;
mod text_index;
mod worker_client;

fn main() {
    // The same module runs the page and the analysis worker (see analysis_worker.rs).
    if analysis_worker::in_worker() {
        analysis_worker::run_worker();
    } else {
        yew::Renderer::<app::App>::new().render();
    }
}
