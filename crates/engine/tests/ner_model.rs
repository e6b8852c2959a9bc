//! The shipped entity model (assets/ner.bin) on sentences in the style of the seed article
//! (U.S. strikes on Iran-backed militias on the Iraq-Syria border, June 2021).

use dateline_engine::entities::{recognise, EntityLabel, NerModel};
use dateline_engine::{normalize, segment, Context};

const MODEL: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/ner.bin"));

const ARTICLE: &str = "U.S. troops in Syria came under rocket fire on Monday, a day after American airstrikes against Iran-backed militias.\n\
Col. Wayne Maratto, a spokesman for the U.S.-led coalition, said there were no injuries.\n\
The Pentagon said the strikes hit operational and weapons storage facilities at two locations in Syria and one in Iraq.\n\
Secretary of State Antony Blinken, speaking in Rome, said the United States had acted to protect its personnel.\n\
Iranian Foreign Ministry spokesman Saeed Khatibzadeh condemned the attacks.\n\
Iraqi Prime Minister Mustafa al-Kadhimi called the strikes a violation of Iraqi sovereignty.";

fn entities() -> Vec<(String, EntityLabel)> {
    let model = NerModel::from_bytes(MODEL.to_vec()).expect("assets/ner.bin is a valid model");
    let prepared = normalize::prepare(ARTICLE);
    let text = prepared.text.as_str();
    let segmented = segment::segment(text);
    let context = Context {
        text,
        frame: &prepared.frame,
        segmented: &segmented,
        dct: None,
    };
    recognise(Some(&model), &context)
        .into_iter()
        .map(|span| (text[span.start..span.end].to_string(), span.label))
        .collect()
}

#[track_caller]
fn assert_found(entities: &[(String, EntityLabel)], name: &str, label: EntityLabel) {
    assert!(
        entities
            .iter()
            .any(|(text, found)| text.contains(name) && *found == label),
        "{name:?} as {label:?} not in {entities:?}"
    );
}

#[test]
fn seed_article_people_organisations_places_and_groups() {
    let entities = entities();
    assert_found(&entities, "Wayne Maratto", EntityLabel::Per);
    assert_found(&entities, "Antony Blinken", EntityLabel::Per);
    assert_found(&entities, "Saeed Khatibzadeh", EntityLabel::Per);
    assert_found(&entities, "Pentagon", EntityLabel::Org);
    assert_found(&entities, "Syria", EntityLabel::Loc);
    assert_found(&entities, "Rome", EntityLabel::Loc);
    assert_found(&entities, "Iraqi", EntityLabel::Misc);
    assert_found(&entities, "Iranian", EntityLabel::Misc);
}

#[test]
fn headline_in_title_case_still_finds_places() {
    let model = NerModel::from_bytes(MODEL.to_vec()).expect("assets/ner.bin is a valid model");
    let words = [
        "U.S.", "Troops", "In", "Syria", "Come", "Under", "Rocket", "Fire",
    ];
    let tags = dateline_engine::entities::tag_tokens(&model, &words);
    let found = dateline_engine::entities::chunks(&tags);
    assert!(
        found.contains(&(3..4, EntityLabel::Loc)),
        "{:?}",
        words.iter().zip(&tags).collect::<Vec<_>>()
    );
}
