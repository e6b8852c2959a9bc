//! Actors from entity mentions. First cut: one actor per distinct name.

use crate::document::{Actor, ActorKind, Mention, MentionKind};
use crate::entities::{EntityLabel, EntitySpan};
use crate::places::ResolvedPlaces;
use crate::Context;

#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
}

pub fn build(context: &Context, entities: &[EntitySpan], resolved: &ResolvedPlaces) -> Cast {
    let mut cast = Cast::default();
    for (idx, span) in entities.iter().enumerate() {
        if resolved.is_place_mention.get(idx).copied().unwrap_or(false) {
            continue;
        }
        let name = &context.text[span.start..span.end];
        let (kind, mention_kind) = match span.label {
            EntityLabel::Per => (ActorKind::Person, MentionKind::Person),
            EntityLabel::Misc => (ActorKind::Group, MentionKind::Group),
            _ => (ActorKind::Organization, MentionKind::Organization),
        };
        let actor_idx = match cast.actors.iter().position(|actor| actor.name == name) {
            Some(i) => i,
            None => {
                cast.actors.push(Actor {
                    id: format!("a{}", cast.actors.len() + 1),
                    name: name.to_string(),
                    kind,
                    titles: Vec::new(),
                    roles: Vec::new(),
                    affiliation: None,
                    aliases: vec![name.to_string()],
                    n_mentions: 0,
                });
                cast.actors.len() - 1
            }
        };
        cast.actors[actor_idx].n_mentions += 1;
        cast.mentions.push(Mention {
            id: String::new(),
            start: span.start,
            end: span.end,
            text: name.to_string(),
            kind: mention_kind,
            reference: Some(cast.actors[actor_idx].id.clone()),
            place: resolved.entity_places.get(idx).cloned().flatten(),
        });
    }
    cast
}
