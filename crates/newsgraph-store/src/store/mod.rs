//! The persistent store: building articles into it, querying it, exporting it.
//!
//! Each article lives in its own named graph. Building an article replaces its graph inside
//! one transaction, so the article is either wholly in the store or absent, and building it
//! again never duplicates it. A build into an empty store goes through Oxigraph's bulk loader
//! instead (one atomic commit of sorted files at the end; see [`build`]). Queries see the
//! union of all graphs as their default graph.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use rayon::prelude::*;

use newsgraph_extract::model::{Article, DocGraph};
use newsgraph_extract::rdf::{map, mint};
use newsgraph_extract::read::{self, Problem, ReadOptions, Severity};

pub use crate::error::StoreError;

mod build;
mod derive;
mod export;
mod open;
mod query;

use derive::*;
use open::*;

pub use build::{build, build_with, has_article, load, write_graphs, BuildReport};
pub use derive::{link, listed_classes, preferred_names};
pub use export::{data_quads, export, export_quads, ExportFormat, PREFIXES};
pub use open::{open, open_existing, open_existing_within};
pub use query::{parse_params, query, QueryOptions, ResultFormat};
