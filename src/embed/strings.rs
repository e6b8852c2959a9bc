//! Every string the embedded explorer shows, per UI language, in one place.
//!
//! Add a language by adding a `Strings` value and a line to [`strings`]; unknown languages
//! fall back to English. (The app page itself is English-only for now.)

pub struct Strings {
    pub map: &'static str,
    pub timeline: &'static str,
    pub people: &'static str,
    pub text: &'static str,
    pub lists: &'static str,
    pub views_label: &'static str,
    pub loading_article: &'static str,
    pub loading_data: &'static str,
    pub no_article: &'static str,
    pub summary: fn(usize, usize, usize) -> String,
    pub attribution: &'static str,
}

pub const EN: Strings = Strings {
    map: "Map",
    timeline: "Timeline",
    people: "People",
    text: "Text",
    lists: "Lists",
    views_label: "Views",
    loading_article: "Reading the article…",
    loading_data: "Loading place and name data…",
    no_article: "No article to explore.",
    summary: |places, actors, events| {
        format!("{places} places · {actors} people and groups · {events} events")
    },
    attribution: "dateline · Place data © GeoNames (CC BY 4.0) · Made with Natural Earth",
};

pub const FR: Strings = Strings {
    map: "Carte",
    timeline: "Chronologie",
    people: "Acteurs",
    text: "Texte",
    lists: "Listes",
    views_label: "Vues",
    loading_article: "Lecture de l’article…",
    loading_data: "Chargement des lieux et des noms…",
    no_article: "Aucun article à explorer.",
    summary: |places, actors, events| {
        format!("{places} lieux · {actors} acteurs · {events} événements")
    },
    attribution: "dateline · Lieux © GeoNames (CC BY 4.0) · Made with Natural Earth",
};

/// The table for a BCP 47 tag (`"en"`, `"fr-CA"`); English when unknown.
pub fn strings(lang: &str) -> &'static Strings {
    match lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "fr" => &FR,
        _ => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(strings("fr-CA").map, "Carte");
        assert_eq!(strings("xx").map, "Map");
        assert_eq!(
            (strings("en").summary)(1, 2, 3),
            "1 places · 2 people and groups · 3 events"
        );
    }
}
