//! One file per view; each is a `Props` struct and one function component.

pub mod actors_view;
pub mod entity_lists;
pub mod input_panel;
pub mod map_view;
pub mod text_view;
pub mod timeline_view;
