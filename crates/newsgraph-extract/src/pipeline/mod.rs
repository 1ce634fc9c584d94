//! The extraction pipeline: pure stages from an article to its [`DocGraph`].
//!
//! segment → tokens → mentions → entities → roles → quantities → time → events → quotes.
//! Each stage reads what earlier stages wrote and never does I/O, so a whole article is
//! a pure function of its text and metadata, and articles extract in parallel.

pub mod containment;
pub mod coref;
pub mod entities;
pub mod events;
pub mod fuse;
pub mod mentions;
pub mod quantities;
pub mod quotes;
pub mod roles;
pub mod segment;
pub mod time;
pub mod tokens;
pub mod visible;
pub mod world;

use crate::model::{self, Article, DocGraph};

/// What a run may change about extraction: the user's identity overrides.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub aliases: entities::Aliases,
    /// Rules only (`--fast`): the entity model is not run.
    pub fast: bool,
    /// The user's date for articles that state no publication date (`build --published`):
    /// their anchor, recorded as supplied ([`model::AnchorSource::Supplied`]).
    pub published: Option<model::Date>,
}

/// Runs every stage over one article, with the default configuration.
pub fn extract(article: Article) -> DocGraph {
    extract_with(article, &Config::default())
}

/// Runs every stage over one article. The stages read its text without invisible
/// characters ([`visible`]); the spans they make point into the text as it was read.
pub fn extract_with(mut article: Article, config: &Config) -> DocGraph {
    match visible::Visible::of(&article.text) {
        None => extract_visible(article, config),
        Some(mut v) => {
            let original = std::mem::replace(&mut article.text, std::mem::take(&mut v.text));
            let mut g = extract_visible(article, config);
            v.restore(&mut g, original);
            g
        }
    }
}

/// Runs every stage over one article whose text has no invisible characters: each reads
/// what earlier stages recorded in the document and adds its own records.
fn extract_visible(article: Article, config: &Config) -> DocGraph {
    let mut g = DocGraph { article, ..DocGraph::default() };
    g.sentences = segment::sentences(&g.article.text);
    let toks = tokens::tokenize(&g.article.text, &g.sentences);
    let text = g.article.text.as_str();
    let mut mentions = mentions::extract(text, &toks);
    // Names in the dateline ("Phnom Penh/Bangkok, July 28 (UNI)") are places.
    if let Some(dp) = &g.article.dateline_place {
        if let Some(at) = text.get(..text.len().min(400)).and_then(|head| head.find(dp.as_str())) {
            for m in mentions.iter_mut().filter(|m| m.span.start >= at && m.span.end <= at + dp.len()) {
                m.kind = model::Kind::Place;
                m.rule = "mentions/dateline";
            }
        }
    }
    // The model's dates and times, for the time stage.
    let mut model_times: Vec<(model::Span, &'static str)> = Vec::new();
    if !config.fast {
        // Without the model installed (a library user's build), the rules stand alone.
        if let Ok(model) = crate::ner::recogniser() {
            let starts: Vec<usize> = g.sentences.iter().map(|s| s.start).collect();
            let found = model.entities(text, &starts);
            model_times = found.iter().filter(|e| matches!(e.label, "DATE" | "TIME")).map(|e| (model::Span::new(e.start, e.end), e.label)).collect();
            mentions = fuse::fuse(text, &g.sentences, mentions, &found);
        }
    }
    let (mut entities, resolved) = entities::resolve(&mentions, &config.aliases);
    // Mentions that resolve to no one are dropped, keeping both lists aligned.
    let mut keep = resolved.iter().map(Option::is_some);
    mentions.retain(|_| keep.next().unwrap_or(false));
    let mention_entity: Vec<usize> = resolved.into_iter().flatten().collect();
    for e in entities.iter_mut() {
        e.mentions.clear();
    }
    for (i, &e) in mention_entity.iter().enumerate() {
        if let Some(ent) = entities.get_mut(e) {
            ent.mentions.push(i);
        }
    }
    (g.mentions, g.entities, g.mention_entity) = (mentions, entities, mention_entity);
    let mut roles = roles::extract(text, &g.sentences, &toks, &g.mentions, &mut g.entities, &g.mention_entity);
    g.quantities = quantities::extract(text, &g.sentences);
    let found = time::scan(text);
    g.anchor = match (g.article.published, config.published) {
        (None, Some(d)) => Some((d, model::AnchorSource::Supplied)),
        _ => time::anchor_in(text, &found, g.article.published, g.article.copyright_year),
    };
    g.times = time::extract_in(text, &found, &g.sentences, g.anchor.map(|a| a.0), &g.quantities);
    time::add_model_spans(text, &g.sentences, g.anchor.map(|a| a.0), &g.quantities, &model_times, &mut g.times);
    events::extract(&mut g);
    let text = g.article.text.as_str();
    g.quotes = quotes::extract(text, &g.sentences, &g.mentions, &g.mention_entity);
    roles::first_person_leaders(text, &g.sentences, &g.quotes, &mut g.entities, &mut roles);
    (g.titles, g.affiliations, g.delegations) = (roles.titles, roles.affiliations, roles.delegations);
    // Pronouns and role nouns that refer to one named person join that person's mentions.
    for (m, e) in coref::extract(text, &toks, &g.mentions, &g.mention_entity, &g.quotes) {
        if let Some(ent) = g.entities.get_mut(e) {
            ent.mentions.push(g.mentions.len());
            g.mentions.push(m);
            g.mention_entity.push(e);
        }
    }
    world::link(&mut g);
    g.contained = containment::contained_in(&g);
    g
}
