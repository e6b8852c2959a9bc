//! The event taxonomy and the trigger lexicon.
//!
//! A deliberately small set of event types, each mapped to the top levels of the two coding
//! schemes that newsrooms and researchers already use: ACLED's event types (Battles,
//! Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic
//! developments) and CAMEO's root codes (01 make public statement ... 20 use unconventional
//! mass violence). A type with no counterpart says "-".
//!
//! | type        | ACLED                                   | CAMEO root                         |
//! |-------------|-----------------------------------------|------------------------------------|
//! | attack      | Violence against civilians / Explosions | 18 Assault, 19 Fight               |
//! | strike      | Explosions/Remote violence (air strike) | 19 Fight (195 aerial weapons)      |
//! | fight       | Battles                                 | 19 Fight                           |
//! | threat      | Strategic developments                  | 13 Threaten                        |
//! | protest     | Protests / Riots                        | 14 Protest                         |
//! | statement   | -                                       | 01 Make public statement           |
//! | accusation  | -                                       | 11 Disapprove (112 accuse)         |
//! | defence     | -                                       | 01 Make public statement (verbal)  |
//! | appeal      | -                                       | 02 Appeal, 10 Demand               |
//! | meeting     | Strategic developments                  | 04 Consult                         |
//! | agreement   | Strategic developments (agreement)      | 05/06 Cooperate (057 sign)         |
//! | casualty    | (fatalities of any violent event)       | 18/19 (their consequence)          |
//! | arrest      | Strategic developments (arrests)        | 17 Coerce (173 arrest)             |
//! | legal       | -                                       | 11 Disapprove (115 bring lawsuit)  |
//! | election    | Strategic developments                  | -                                  |
//! | disaster    | -                                       | -                                  |
//! | economic    | -                                       | 06 Material cooperation (loosely)  |
//! | deployment  | Strategic developments                  | 15 Exhibit force posture           |
//! | sanction    | Strategic developments                  | 16 Reduce relations (163 sanction) |
//!
//! Triggers are lower-case word forms, not lemmas: the few inflections news prose uses are
//! listed, which is cheaper and more predictable than a stemmer. A trigger of several words
//! matches with up to two other words between its words ("came under rocket fire").

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// One event type with its mappings.
#[derive(Debug, Clone, Copy)]
pub struct EventType {
    pub name: &'static str,
    pub acled: &'static str,
    pub cameo: &'static str,
    /// Types that happen in the world (merged across sentences by reference); the others
    /// are speech acts and merge only with the same speaker.
    pub occurrence: bool,
}

pub const TAXONOMY: &[EventType] = &[
    EventType {
        name: "attack",
        acled: "Violence against civilians; Explosions/Remote violence",
        cameo: "18 Assault; 19 Fight",
        occurrence: true,
    },
    EventType {
        name: "strike",
        acled: "Explosions/Remote violence (air/drone strike)",
        cameo: "19 Fight (195 employ aerial weapons)",
        occurrence: true,
    },
    EventType {
        name: "fight",
        acled: "Battles",
        cameo: "19 Fight",
        occurrence: true,
    },
    EventType {
        name: "threat",
        acled: "Strategic developments",
        cameo: "13 Threaten",
        occurrence: false,
    },
    EventType {
        name: "protest",
        acled: "Protests; Riots",
        cameo: "14 Protest",
        occurrence: true,
    },
    EventType {
        name: "statement",
        acled: "-",
        cameo: "01 Make public statement",
        occurrence: false,
    },
    EventType {
        name: "accusation",
        acled: "-",
        cameo: "11 Disapprove (112 accuse)",
        occurrence: false,
    },
    EventType {
        name: "defence",
        acled: "-",
        cameo: "01 Make public statement",
        occurrence: false,
    },
    EventType {
        name: "appeal",
        acled: "-",
        cameo: "02 Appeal; 10 Demand",
        occurrence: false,
    },
    EventType {
        name: "meeting",
        acled: "Strategic developments",
        cameo: "04 Consult",
        occurrence: false,
    },
    EventType {
        name: "agreement",
        acled: "Strategic developments (agreement)",
        cameo: "05 Diplomatic cooperation; 057 sign agreement",
        occurrence: false,
    },
    EventType {
        name: "casualty",
        acled: "Fatalities",
        cameo: "18/19 (consequence)",
        occurrence: true,
    },
    EventType {
        name: "arrest",
        acled: "Strategic developments (arrests)",
        cameo: "17 Coerce (173 arrest)",
        occurrence: true,
    },
    EventType {
        name: "legal",
        acled: "-",
        cameo: "11 Disapprove (115 bring lawsuit)",
        occurrence: true,
    },
    EventType {
        name: "election",
        acled: "Strategic developments",
        cameo: "-",
        occurrence: true,
    },
    EventType {
        name: "disaster",
        acled: "-",
        cameo: "-",
        occurrence: true,
    },
    EventType {
        name: "economic",
        acled: "-",
        cameo: "06 Material cooperation",
        occurrence: true,
    },
    EventType {
        name: "deployment",
        acled: "Strategic developments",
        cameo: "15 Exhibit force posture",
        occurrence: true,
    },
    EventType {
        name: "sanction",
        acled: "Strategic developments",
        cameo: "16 Reduce relations (163 sanction)",
        occurrence: true,
    },
];

/// How the words around a trigger relate to the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A verb: the subject is the agent, the object the target.
    Verb,
    /// A noun ("airstrikes", "the attacks"): agents only through "by X", a light verb
    /// ("ordered airstrikes") or a modifier right before it.
    Nominal,
    /// The subject undergoes the event ("came under fire", "were killed"): subject = target.
    Undergo,
    /// A speech verb that is not worth an event of its own when it attributes something
    /// ("said"): an event only in a sentence with no other trigger and no quote.
    Weak,
}

/// (words, type, form).
pub const TRIGGERS: &[(&str, &str, Form)] = &[
    // attack
    ("came under fire", "attack", Form::Undergo),
    ("come under fire", "attack", Form::Undergo),
    ("comes under fire", "attack", Form::Undergo),
    ("coming under fire", "attack", Form::Undergo),
    ("under attack", "attack", Form::Undergo),
    ("attack", "attack", Form::Nominal),
    ("attacks", "attack", Form::Nominal),
    ("attacked", "attack", Form::Verb),
    ("attacking", "attack", Form::Verb),
    ("rocket fire", "attack", Form::Nominal),
    ("artillery fire", "attack", Form::Nominal),
    ("gunfire", "attack", Form::Nominal),
    ("fired", "attack", Form::Verb),
    ("firing", "attack", Form::Verb),
    ("opened fire", "attack", Form::Verb),
    ("shelled", "attack", Form::Verb),
    ("shelling", "attack", Form::Nominal),
    ("bombed", "attack", Form::Verb),
    ("bombing", "attack", Form::Nominal),
    ("bombings", "attack", Form::Nominal),
    ("ambush", "attack", Form::Nominal),
    ("ambushed", "attack", Form::Verb),
    ("raid", "attack", Form::Nominal),
    ("raids", "attack", Form::Nominal),
    ("raided", "attack", Form::Verb),
    ("assault", "attack", Form::Nominal),
    ("assaulted", "attack", Form::Verb),
    ("stabbed", "attack", Form::Verb),
    ("stabbing", "attack", Form::Nominal),
    ("shooting", "attack", Form::Nominal),
    ("explosion", "attack", Form::Nominal),
    ("blast", "attack", Form::Nominal),
    ("exploded", "attack", Form::Verb),
    // strike
    ("airstrike", "strike", Form::Nominal),
    ("airstrikes", "strike", Form::Nominal),
    ("air strike", "strike", Form::Nominal),
    ("air strikes", "strike", Form::Nominal),
    ("drone strike", "strike", Form::Nominal),
    ("drone strikes", "strike", Form::Nominal),
    ("strike", "strike", Form::Nominal),
    ("strikes", "strike", Form::Nominal),
    ("struck", "strike", Form::Verb),
    ("bombarded", "strike", Form::Verb),
    ("bombardment", "strike", Form::Nominal),
    ("targeted", "strike", Form::Verb),
    // fight
    ("fighting", "fight", Form::Verb),
    ("fought", "fight", Form::Verb),
    ("clashes", "fight", Form::Nominal),
    ("clashed", "fight", Form::Verb),
    ("battle", "fight", Form::Nominal),
    ("battled", "fight", Form::Verb),
    ("combat", "fight", Form::Nominal),
    // threat
    ("vowed to retaliate", "threat", Form::Verb),
    ("vowed", "threat", Form::Verb),
    ("vows", "threat", Form::Verb),
    ("threatened", "threat", Form::Verb),
    ("threatens", "threat", Form::Verb),
    ("warned", "threat", Form::Verb),
    ("warns", "threat", Form::Verb),
    // protest
    ("protest", "protest", Form::Nominal),
    ("protests", "protest", Form::Nominal),
    ("protested", "protest", Form::Verb),
    ("demonstration", "protest", Form::Nominal),
    ("demonstrations", "protest", Form::Nominal),
    ("demonstrated", "protest", Form::Verb),
    ("rally", "protest", Form::Nominal),
    ("rallies", "protest", Form::Nominal),
    ("rallied", "protest", Form::Verb),
    ("marched", "protest", Form::Verb),
    ("riot", "protest", Form::Nominal),
    ("riots", "protest", Form::Nominal),
    ("rioting", "protest", Form::Nominal),
    ("took to the streets", "protest", Form::Verb),
    ("went on strike", "protest", Form::Verb),
    ("walkout", "protest", Form::Nominal),
    ("march", "protest", Form::Nominal),
    ("marches", "protest", Form::Verb),
    ("hacked", "attack", Form::Verb),
    ("hacking", "attack", Form::Nominal),
    ("murder", "attack", Form::Nominal),
    ("murdered", "attack", Form::Verb),
    ("toured", "meeting", Form::Verb),
    ("news conference", "statement", Form::Nominal),
    ("boycott", "protest", Form::Nominal),
    // statement
    ("told", "statement", Form::Verb),
    ("announced", "statement", Form::Verb),
    ("announces", "statement", Form::Verb),
    ("declared", "statement", Form::Verb),
    ("claimed responsibility", "statement", Form::Verb),
    ("press conference", "statement", Form::Nominal),
    ("tweeted", "statement", Form::Verb),
    ("said", "statement", Form::Weak),
    ("says", "statement", Form::Weak),
    // accusation
    ("accused", "accusation", Form::Verb),
    ("accuses", "accusation", Form::Verb),
    ("condemned", "accusation", Form::Verb),
    ("condemns", "accusation", Form::Verb),
    ("blamed", "accusation", Form::Verb),
    ("blames", "accusation", Form::Verb),
    ("criticized", "accusation", Form::Verb),
    ("criticised", "accusation", Form::Verb),
    ("denounced", "accusation", Form::Verb),
    ("slammed", "accusation", Form::Verb),
    // defence
    ("defended", "defence", Form::Verb),
    ("defends", "defence", Form::Verb),
    ("justified", "defence", Form::Verb),
    // appeal
    ("urged", "appeal", Form::Verb),
    ("urges", "appeal", Form::Verb),
    ("called for", "appeal", Form::Verb),
    ("calls for", "appeal", Form::Verb),
    ("appealed", "appeal", Form::Verb),
    ("demanded", "appeal", Form::Verb),
    ("demands", "appeal", Form::Verb),
    ("pleaded", "appeal", Form::Verb),
    // meeting
    ("met", "meeting", Form::Verb),
    ("meets", "meeting", Form::Verb),
    ("meeting", "meeting", Form::Nominal),
    ("visited", "meeting", Form::Verb),
    ("visits", "meeting", Form::Verb),
    ("visit", "meeting", Form::Nominal),
    ("talks", "meeting", Form::Nominal),
    ("summit", "meeting", Form::Nominal),
    ("hosted", "meeting", Form::Verb),
    // agreement
    ("signed", "agreement", Form::Verb),
    ("agreed", "agreement", Form::Verb),
    ("agreement", "agreement", Form::Nominal),
    ("deal", "agreement", Form::Nominal),
    ("treaty", "agreement", Form::Nominal),
    ("accord", "agreement", Form::Nominal),
    ("ceasefire", "agreement", Form::Nominal),
    ("cease-fire", "agreement", Form::Nominal),
    ("truce", "agreement", Form::Nominal),
    // casualty
    ("killed", "casualty", Form::Verb),
    ("kills", "casualty", Form::Verb),
    ("killing", "casualty", Form::Verb),
    ("died", "casualty", Form::Undergo),
    ("dead", "casualty", Form::Undergo),
    ("deaths", "casualty", Form::Nominal),
    ("injured", "casualty", Form::Verb),
    ("injuries", "casualty", Form::Nominal),
    ("wounded", "casualty", Form::Verb),
    ("casualties", "casualty", Form::Nominal),
    ("fatalities", "casualty", Form::Nominal),
    // arrest
    ("arrested", "arrest", Form::Verb),
    ("arrest", "arrest", Form::Nominal),
    ("arrests", "arrest", Form::Nominal),
    ("detained", "arrest", Form::Verb),
    ("taken into custody", "arrest", Form::Undergo),
    ("captured", "arrest", Form::Verb),
    // legal
    ("sued", "legal", Form::Verb),
    ("sues", "legal", Form::Verb),
    ("lawsuit", "legal", Form::Nominal),
    ("ruled", "legal", Form::Verb),
    ("ruling", "legal", Form::Nominal),
    ("sentenced", "legal", Form::Verb),
    ("convicted", "legal", Form::Verb),
    ("indicted", "legal", Form::Verb),
    ("charged", "legal", Form::Verb),
    ("trial", "legal", Form::Nominal),
    ("verdict", "legal", Form::Nominal),
    ("acquitted", "legal", Form::Verb),
    ("found guilty", "legal", Form::Undergo),
    ("pleaded guilty", "legal", Form::Verb),
    ("filed suit", "legal", Form::Verb),
    // election
    ("elected", "election", Form::Verb),
    ("re-elected", "election", Form::Verb),
    ("reelected", "election", Form::Verb),
    ("election", "election", Form::Nominal),
    ("elections", "election", Form::Nominal),
    ("voted", "election", Form::Verb),
    ("vote", "election", Form::Nominal),
    ("referendum", "election", Form::Nominal),
    ("primary", "election", Form::Nominal),
    ("inaugurated", "election", Form::Verb),
    ("sworn in", "election", Form::Undergo),
    // disaster
    ("earthquake", "disaster", Form::Nominal),
    ("quake", "disaster", Form::Nominal),
    ("flood", "disaster", Form::Nominal),
    ("floods", "disaster", Form::Nominal),
    ("flooding", "disaster", Form::Nominal),
    ("hurricane", "disaster", Form::Nominal),
    ("storm", "disaster", Form::Nominal),
    ("typhoon", "disaster", Form::Nominal),
    ("cyclone", "disaster", Form::Nominal),
    ("tornado", "disaster", Form::Nominal),
    ("wildfire", "disaster", Form::Nominal),
    ("wildfires", "disaster", Form::Nominal),
    ("tsunami", "disaster", Form::Nominal),
    ("landslide", "disaster", Form::Nominal),
    ("eruption", "disaster", Form::Nominal),
    ("erupted", "disaster", Form::Verb),
    ("drought", "disaster", Form::Nominal),
    ("blaze", "disaster", Form::Nominal),
    ("avalanche", "disaster", Form::Nominal),
    ("crash", "disaster", Form::Nominal),
    ("crashed", "disaster", Form::Verb),
    // economic
    ("acquired", "economic", Form::Verb),
    ("acquisition", "economic", Form::Nominal),
    ("merger", "economic", Form::Nominal),
    ("bought", "economic", Form::Verb),
    ("agreed to buy", "economic", Form::Verb),
    ("bankruptcy", "economic", Form::Nominal),
    ("layoffs", "economic", Form::Nominal),
    ("laid off", "economic", Form::Verb),
    ("invested", "economic", Form::Verb),
    ("investment", "economic", Form::Nominal),
    ("profit", "economic", Form::Nominal),
    ("profits", "economic", Form::Nominal),
    ("earnings", "economic", Form::Nominal),
    ("revenue", "economic", Form::Nominal),
    ("tariffs", "economic", Form::Nominal),
    ("fell", "economic", Form::Verb),
    ("rose", "economic", Form::Verb),
    ("plunged", "economic", Form::Verb),
    ("soared", "economic", Form::Verb),
    ("slumped", "economic", Form::Verb),
    ("surged", "economic", Form::Verb),
    ("dropped", "economic", Form::Verb),
    ("climbed", "economic", Form::Verb),
    ("sold", "economic", Form::Verb),
    // deployment
    ("deployed", "deployment", Form::Verb),
    ("withdrew", "deployment", Form::Verb),
    ("withdrawal", "deployment", Form::Nominal),
    ("evacuated", "deployment", Form::Verb),
    ("evacuation", "deployment", Form::Nominal),
    // sanction
    ("sanctions", "sanction", Form::Nominal),
    ("sanctioned", "sanction", Form::Verb),
    ("embargo", "sanction", Form::Nominal),
];

/// Verbs of saying: they attribute quotes and reported speech, carry the statement's time,
/// and make their subject a source of the events they report.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "states",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "noted",
    "explained",
    "asked",
    "continued",
    "insisted",
    "warned",
    "argued",
    "declared",
    "announced",
    "claimed",
    "recalled",
    "replied",
    "responded",
    "according",
    "acknowledged",
    "admitted",
    "conceded",
    "stressed",
    "emphasized",
    "emphasised",
    "reported",
    "reports",
    "confirmed",
    "disclosed",
    "saying",
    "adding",
    "tweeting",
];

/// Nominal triggers after one of these verbs take the verb's subject as agent
/// ("Biden ordered airstrikes", "forces conducted counter-battery fire").
pub const LIGHT_VERBS: &[&str] = &[
    "ordered",
    "orders",
    "launched",
    "launches",
    "carried",
    "conducted",
    "conducts",
    "staged",
    "held",
    "holds",
    "made",
    "began",
    "begun",
    "led",
    "authorized",
    "authorised",
    "approved",
    "mounted",
    "filed",
    "won",
    "lost",
    "called",
    "organized",
    "organised",
    "announced",
];

/// Words that make a nominal a new, distinct occurrence ("recent attacks").
pub const DISTINCT_MODIFIERS: &[&str] = &[
    "recent", "previous", "earlier", "past", "other", "another", "new", "second", "third", "first",
    "future", "further", "more", "similar", "several", "many", "last",
];

/// Whether a lower-case word is one of [`SPEECH_VERBS`]: asked of every word of a sentence
/// with an event, so a hash set built on first use rather than a scan of the list.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| SPEECH_VERBS.iter().copied().collect())
        .contains(word)
}

pub fn event_type(name: &str) -> Option<&'static EventType> {
    TAXONOMY.iter().find(|event_type| event_type.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_has_a_type_in_the_taxonomy() {
        for (words, type_name, _) in TRIGGERS {
            assert!(event_type(type_name).is_some(), "{words} -> {type_name}");
            assert_eq!(*words, words.to_lowercase());
        }
    }
}
