//! One file per view; each is a `Props` struct and one function component.

pub mod actors_view;
pub mod correction_card;
pub mod entity_lists;
pub mod export_menu;
pub mod input_panel;
pub mod map;
pub mod text_view;
pub mod timeline;
