//! dateline's web app: Yew components over the engine's `Document`.
//!
//! **Invariant:** the app never does NLP itself: text goes to the engine, the `Document`
//! comes back, and the views only draw it. See ARCHITECTURE.md.

mod analysis_worker;
mod app;
mod components;
mod corrections;
mod embed;
mod engine_host;
mod export;
mod share;
mod state;
mod text_index;
mod worker_client;

fn main() {
    // The same module runs the page and the analysis worker (see analysis_worker.rs).
    // embed.js starts it a third way: explorers in a news page's host elements (src/embed/).
    if analysis_worker::in_worker() {
        analysis_worker::run_worker();
    } else if embed::embed_requested() {
        embed::start_embedded();
    } else {
        embed::api::install();
        yew::Renderer::<app::App>::new().render();
    }
}
