//! dateline's web app: Yew components over the engine's `Document`.
//!
//! **Invariant:** the app never does NLP itself: text goes to the engine, the `Document`
//! comes back, and the views only draw it. See ARCHITECTURE.md.

mod app;
mod components;
mod engine_host;
mod state;
mod text_index;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
