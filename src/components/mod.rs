//! One file per view; each is a `Props` struct and one function component.

pub mod entity_lists;
pub mod input_panel;
pub mod text_view;
