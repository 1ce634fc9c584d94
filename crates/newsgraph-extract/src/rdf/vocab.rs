//! Every IRI the graph uses, in one place. Each of newsgraph's own terms is declared in
//! `ontology/newsgraph.ttl` (a test checks it).

/// newsgraph's own terms.
pub const NG: &str = "https://w3id.org/newsgraph/ns#";
/// Where entity, event, article and post IRIs live.
pub const ID: &str = "https://w3id.org/newsgraph/id/";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDF_PROPERTY: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property";
pub const RDF_VALUE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
pub const XSD_GYEARMONTH: &str = "http://www.w3.org/2001/XMLSchema#gYearMonth";
pub const XSD_GYEAR: &str = "http://www.w3.org/2001/XMLSchema#gYear";
pub const XSD_GMONTHDAY: &str = "http://www.w3.org/2001/XMLSchema#gMonthDay";
pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
/// Offsets are `xsd:integer`: Oxigraph stores every integer-derived type as `xsd:integer`,
/// so writing the base type keeps `extract` output and store exports identical.
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

pub const SCHEMA: &str = "http://schema.org/";
pub const SCHEMA_PERSON: &str = "http://schema.org/Person";
pub const SCHEMA_ORGANIZATION: &str = "http://schema.org/Organization";
pub const SCHEMA_PLACE: &str = "http://schema.org/Place";
pub const SCHEMA_COUNTRY: &str = "http://schema.org/Country";
pub const SCHEMA_NEWS_ARTICLE: &str = "http://schema.org/NewsArticle";
pub const SCHEMA_QUANTITATIVE_VALUE: &str = "http://schema.org/QuantitativeValue";
pub const SCHEMA_QUOTATION: &str = "http://schema.org/Quotation";
pub const SCHEMA_NAME: &str = "http://schema.org/name";
pub const SCHEMA_VALUE: &str = "http://schema.org/value";
pub const SCHEMA_MIN_VALUE: &str = "http://schema.org/minValue";
pub const SCHEMA_MAX_VALUE: &str = "http://schema.org/maxValue";
pub const SCHEMA_UNIT_TEXT: &str = "http://schema.org/unitText";
pub const SCHEMA_TEXT: &str = "http://schema.org/text";
pub const SCHEMA_CREATOR: &str = "http://schema.org/creator";
pub const SCHEMA_AFFILIATION: &str = "http://schema.org/affiliation";
pub const SCHEMA_URL: &str = "http://schema.org/url";
pub const SCHEMA_IS_PART_OF: &str = "http://schema.org/isPartOf";

pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const SEM_HAS_ACTOR: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor";
pub const SEM_HAS_PLACE: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace";
pub const SEM_HAS_TIME_STAMP: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp";

pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const ORG_POST: &str = "http://www.w3.org/ns/org#Post";
pub const ORG_HELD_BY: &str = "http://www.w3.org/ns/org#heldBy";
pub const ORG_POST_IN: &str = "http://www.w3.org/ns/org#postIn";
pub const ORG_HEAD_OF: &str = "http://www.w3.org/ns/org#headOf";

pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const NIF_CONTEXT: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context";
pub const NIF_SENTENCE: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence";
pub const NIF_IS_STRING: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString";
pub const NIF_BEGIN: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex";
pub const NIF_END: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex";
pub const NIF_ANCHOR_OF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf";
pub const NIF_REFERENCE_CONTEXT: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext";
pub const ITS_TA_IDENT_REF: &str = "http://www.w3.org/2005/11/its/rdf#taIdentRef";

pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCT_ISSUED: &str = "http://purl.org/dc/terms/issued";
pub const DCT_SOURCE: &str = "http://purl.org/dc/terms/source";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";

pub const NG_DELEGATION: &str = "https://w3id.org/newsgraph/ns#Delegation";
pub const NG_REPRESENTS: &str = "https://w3id.org/newsgraph/ns#represents";
pub const NG_STATUS: &str = "https://w3id.org/newsgraph/ns#status";
pub const NG_COUNTS: &str = "https://w3id.org/newsgraph/ns#counts";
pub const NG_BOUND: &str = "https://w3id.org/newsgraph/ns#bound";
pub const NG_QUANTITY: &str = "https://w3id.org/newsgraph/ns#quantity";
pub const NG_ANCHOR_DATE: &str = "https://w3id.org/newsgraph/ns#anchorDate";
pub const NG_ANCHOR_SOURCE: &str = "https://w3id.org/newsgraph/ns#anchorSource";
pub const NG_MONTH_DAY: &str = "https://w3id.org/newsgraph/ns#monthDay";
pub const NG_WEEKDAY: &str = "https://w3id.org/newsgraph/ns#weekday";
/// schema:Monday … schema:Sunday, Monday first (the order of `time::weekday`).
pub const SCHEMA_DAYS_OF_WEEK: [&str; 7] = [
    "http://schema.org/Monday",
    "http://schema.org/Tuesday",
    "http://schema.org/Wednesday",
    "http://schema.org/Thursday",
    "http://schema.org/Friday",
    "http://schema.org/Saturday",
    "http://schema.org/Sunday",
];
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
/// The graph of links between articles' events (`newsgraph_store::link`), recomputed after each build.
pub const LINKS_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/event-links";
/// The graph of each entity's preferred name (`skos:prefLabel`): the fullest `schema:name`
/// any article gives it. Recomputed with the links after each build.
pub const NAMES_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/names";
/// The graph of the first rows of the canned queries that order the whole store
/// (`newsgraph_store::first_rows`), as result sets. Recomputed with the links after each build.
pub const FIRST_ROWS_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/first-rows";
/// The graphs that only cache answers the other graphs give (`query NAME --limit N` reads
/// them): left out of `export` and `push` unless `--with-derived` asks for them. The event
/// links and the names are data (the canned queries read them) and are always kept.
pub const CACHE_GRAPHS: &[&str] = &[FIRST_ROWS_GRAPH];

/// Whether the graph named `iri` is one of the [`CACHE_GRAPHS`].
pub fn is_cache_graph(iri: &str) -> bool {
    CACHE_GRAPHS.contains(&iri)
}
/// Result sets (`…/first-rows/people`), their solutions (`…/people/17`) and columns
/// (`…/people/name`, a property per variable) in the first-rows graph.
pub const FIRST_ROWS: &str = "https://w3id.org/newsgraph/id/first-rows/";
/// The W3C result-set vocabulary (the SPARQL test suite's RDF form of query results).
pub const RS_RESULT_SET: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#ResultSet";
pub const RS_RESULT_VARIABLE: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#resultVariable";
pub const RS_SOLUTION: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#solution";
pub const RS_INDEX: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#index";
/// On a result set: the text of the query it answers, what computed it, how many rows it
/// keeps and whether they are the whole answer.
pub const NG_ANSWERS: &str = "https://w3id.org/newsgraph/ns#answers";
pub const NG_COMPUTED_BY: &str = "https://w3id.org/newsgraph/ns#computedBy";
pub const NG_ROWS_KEPT: &str = "https://w3id.org/newsgraph/ns#rowsKept";
pub const NG_COMPLETE: &str = "https://w3id.org/newsgraph/ns#complete";
/// Graphs derived from the article graphs (links, names) live under this prefix; no
/// article graph does.
pub const DERIVED_GRAPHS: &str = "https://w3id.org/newsgraph/id/graph/";
/// The store's own state: `STATE_GRAPH ng:linkPending true` in the graph `STATE_GRAPH` is
/// written with every change to the article graphs and removed by the link stage that
/// recomputes the derived graphs, so a store whose build stopped between the two says so.
pub const STATE_GRAPH: &str = "https://w3id.org/newsgraph/id/graph/state";
pub const NG_LINK_PENDING: &str = "https://w3id.org/newsgraph/ns#linkPending";
pub const NG_COUNT_CLASS: &str = "https://w3id.org/newsgraph/ns#countClass";
pub const NG_ISO_CODE: &str = "https://w3id.org/newsgraph/ns#isoCode";
/// In the names graph: the class under which `organizations` and `places` list an entity.
pub const NG_LISTED_AS: &str = "https://w3id.org/newsgraph/ns#listedAs";
pub const NG_DATELINE: &str = "https://w3id.org/newsgraph/ns#dateline";
pub const NG_PUBLISHED_DATE: &str = "https://w3id.org/newsgraph/ns#PublishedDate";
pub const NG_LATEST_TEXT_DATE: &str = "https://w3id.org/newsgraph/ns#LatestDateInText";
pub const NG_COPYRIGHT_YEAR: &str = "https://w3id.org/newsgraph/ns#CopyrightYear";
/// The anchor is the date the user supplied for articles that state none (`build --published`).
pub const NG_SUPPLIED_DATE: &str = "https://w3id.org/newsgraph/ns#SuppliedDate";
/// The anchor (or an event's year) is inferred from dated reports of the same event in other
/// articles (written by the link stage, in the event-links graph).
pub const NG_LINKED_REPORTS: &str = "https://w3id.org/newsgraph/ns#LinkedReports";
/// From a corpus-level delegation to the event it took part in (event-links graph).
pub const NG_ATTENDED: &str = "https://w3id.org/newsgraph/ns#attended";
/// What a count covers where the text says: `ng:PerParty` ("2,500 each") or `ng:Total` ("8,400 in all").
pub const NG_SCOPE: &str = "https://w3id.org/newsgraph/ns#scope";
pub const NG_PER_PARTY: &str = "https://w3id.org/newsgraph/ns#PerParty";
pub const NG_TOTAL: &str = "https://w3id.org/newsgraph/ns#Total";
pub const SCHEMA_CONTAINED_IN_PLACE: &str = "http://schema.org/containedInPlace";
/// A time expression (TimeML's TIMEX3): the mention node, with `rdf:value` its TIMEX3 value.
pub const NG_TIME_EXPRESSION: &str = "https://w3id.org/newsgraph/ns#TimeExpression";
pub const NG_TIMEX_TYPE: &str = "https://w3id.org/newsgraph/ns#timexType";
pub const NG_MOD: &str = "https://w3id.org/newsgraph/ns#mod";
pub const NG_FREQ: &str = "https://w3id.org/newsgraph/ns#freq";
pub const NG_QUANT: &str = "https://w3id.org/newsgraph/ns#quant";
/// A time expression's calendar interval as `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.
pub const NG_DATE_VALUE: &str = "https://w3id.org/newsgraph/ns#dateValue";
/// The date a relative time expression was resolved against.
pub const NG_RESOLVED_AGAINST: &str = "https://w3id.org/newsgraph/ns#resolvedAgainst";
/// The id of the rule that made a record (`time/month-day`).
pub const NG_RULE: &str = "https://w3id.org/newsgraph/ns#rule";
/// From an event to the time expression its date was read from.
pub const NG_TIME: &str = "https://w3id.org/newsgraph/ns#time";

/// SPARQL 1.1 Service Description: what `serve` says about itself.
pub const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
/// W3C's IRIs of media formats (`sd:resultFormat`).
pub const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// Links to the world's graphs (`pipeline/world`): an entity `owl:sameAs` a Wikidata item
/// and a GeoNames feature, a place's country and coordinates, and the rule that decided them.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";
pub const GEONAMES_FEATURE: &str = "https://sws.geonames.org/";
/// Country IRIs (keyed by ISO code): a city's or region's `schema:containedInPlace` one of
/// these is its country, which the link stage does not read as the same place for an event.
pub const COUNTRY_IRIS: &str = "https://w3id.org/newsgraph/id/country/";
pub const SCHEMA_GEO: &str = "http://schema.org/geo";
pub const SCHEMA_GEO_COORDINATES: &str = "http://schema.org/GeoCoordinates";
pub const SCHEMA_LATITUDE: &str = "http://schema.org/latitude";
pub const SCHEMA_LONGITUDE: &str = "http://schema.org/longitude";
/// The rule that linked an entity to Wikidata or GeoNames, or left its name unlinked.
pub const NG_LINK_RULE: &str = "https://w3id.org/newsgraph/ns#linkRule";

/// Prefixes written in Turtle and TriG (exports, `serve`, `push`) and used to shorten IRIs in
/// messages (the first that matches: `id:person/umerov`). The Turtle writer (`rdf::turtle`)
/// takes the longest whose local name is plain (`person:umerov`) and declares those it uses.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG),
    ("id", ID),
    ("schema", SCHEMA),
    ("sem", SEM),
    ("org", ORG),
    ("nif", NIF),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", XSD),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("person", "https://w3id.org/newsgraph/id/person/"),
    ("organization", "https://w3id.org/newsgraph/id/organization/"),
    ("place", "https://w3id.org/newsgraph/id/place/"),
    ("country", "https://w3id.org/newsgraph/id/country/"),
];

/// The local name of an IRI: after the last `#` or `/`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Every term of newsgraph's own namespace that the graph writes (classes and individuals too).
pub fn own_terms() -> Vec<String> {
    let mut v: Vec<String> = [
        NG_DELEGATION,
        NG_REPRESENTS,
        NG_STATUS,
        NG_COUNTS,
        NG_BOUND,
        NG_QUANTITY,
        NG_ANCHOR_DATE,
        NG_ANCHOR_SOURCE,
        NG_MONTH_DAY,
        NG_WEEKDAY,
        NG_COUNT_CLASS,
        NG_ISO_CODE,
        NG_LISTED_AS,
        NG_DATELINE,
        NG_PUBLISHED_DATE,
        NG_LATEST_TEXT_DATE,
        NG_COPYRIGHT_YEAR,
        NG_SUPPLIED_DATE,
        NG_LINKED_REPORTS,
        NG_ATTENDED,
        NG_SCOPE,
        NG_PER_PARTY,
        NG_TOTAL,
        NG_ANSWERS,
        NG_COMPUTED_BY,
        NG_ROWS_KEPT,
        NG_COMPLETE,
        NG_LINK_PENDING,
        NG_TIME_EXPRESSION,
        NG_TIMEX_TYPE,
        NG_MOD,
        NG_FREQ,
        NG_QUANT,
        NG_DATE_VALUE,
        NG_RESOLVED_AGAINST,
        NG_RULE,
        NG_TIME,
        NG_LINK_RULE,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for t in crate::pipeline::events::TYPES {
        v.push(format!("{NG}{t}"));
    }
    for s in ["Happened", "Planned", "Proposed", "Agreed", "Denied", "About", "AtLeast", "MoreThan", "LessThan", "UpTo"] {
        v.push(format!("{NG}{s}"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_own_term_is_declared_in_the_ontology_with_label_and_comment() {
        let quads: Vec<oxrdf::Quad> = oxrdfio::RdfParser::from_format(oxrdfio::RdfFormat::Turtle)
            .for_slice(include_str!("../../../../ontology/newsgraph.ttl").as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("ontology/newsgraph.ttl does not parse: {e}"));
        for term in own_terms() {
            for p in [RDF_TYPE, RDFS_LABEL, "http://www.w3.org/2000/01/rdf-schema#comment"] {
                assert!(
                    quads.iter().any(|q| q.subject.to_string() == format!("<{term}>") && q.predicate.as_str() == p),
                    "{term} lacks {p} in ontology/newsgraph.ttl"
                );
            }
        }
    }
}
