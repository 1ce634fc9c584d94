//! Running canned and own SPARQL queries over the union of the article graphs, within their limits, and printing the answers.

use super::*;

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Json,
    Csv,
    Tsv,
}

/// Binds `name=value` parameters as RDF terms: `<iri>` or an absolute http(s) IRI becomes an
/// IRI, anything else a plain string literal. Values never touch the query text.
pub fn parse_params(params: &[String]) -> Result<Vec<(Variable, Term)>, StoreError> {
    params
        .iter()
        .map(|p| {
            let (name, value) = p.split_once('=').ok_or_else(|| StoreError::Param(p.clone()))?;
            let var = Variable::new(name.trim().trim_start_matches(['?', '$'])).map_err(|_| StoreError::Param(p.clone()))?;
            let iri = value
                .strip_prefix('<')
                .and_then(|v| v.strip_suffix('>'))
                .or_else(|| (value.starts_with("http://") || value.starts_with("https://")).then_some(value));
            let term = match iri.and_then(|i| NamedNode::new(i).ok()) {
                Some(n) => Term::NamedNode(n),
                None => Term::Literal(Literal::new_simple_literal(value)),
            };
            Ok((var, term))
        })
        .collect()
}

/// How [`query`] answers: in what format, at most how many rows, within how many seconds.
#[derive(Debug, Clone, Copy)]
pub struct QueryOptions {
    pub format: ResultFormat,
    pub limit: Option<usize>,
    pub timeout: Option<f64>,
}

/// Runs a SELECT/ASK/CONSTRUCT query over the union of all graphs and writes its results.
///
/// A canned query that orders the whole store reads its first rows from the first-rows graph
/// instead, where they answer it ([`crate::first_rows::readout`]).
pub fn query(store: &Store, name: &str, sparql: &str, params: &[(Variable, Term)], opts: QueryOptions, out: &mut dyn Write) -> Result<usize, StoreError> {
    let QueryOptions { format, limit, timeout } = opts;
    crate::sparql_limits::check(sparql, "query").map_err(|message| StoreError::TooComplex { name: name.into(), message })?;
    for (param, what) in crate::queries::parameters(sparql) {
        if !params.iter().any(|(v, _)| v.as_str() == param) {
            return Err(StoreError::MissingParam { name: name.into(), param: param.into(), what: what.trim_matches(['(', ')']).into() });
        }
    }
    let readout = crate::first_rows::readout(store, name, sparql, !params.is_empty(), limit)?;
    let sparql = readout.as_deref().unwrap_or(sparql);
    let token = CancellationToken::new();
    let mut prepared =
        SparqlEvaluator::new().with_cancellation_token(token.clone()).parse_query(sparql).map_err(|e| match SparqlEvaluator::new().parse_update(sparql) {
            Ok(_) => StoreError::UpdateRefused { name: name.into() },
            Err(_) => StoreError::Syntax { name: name.into(), message: e.to_string() },
        })?;
    prepared.dataset_mut().set_default_graph_as_union();
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    let done = Arc::new(AtomicBool::new(false));
    let timed_out = Arc::new(AtomicBool::new(false));
    if let Some(secs) = timeout {
        let (done, timed_out, token) = (done.clone(), timed_out.clone(), token.clone());
        std::thread::spawn(move || {
            let end = Instant::now() + Duration::from_secs_f64(secs.max(0.0));
            while Instant::now() < end {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            timed_out.store(true, Ordering::Relaxed);
            token.cancel();
        });
    }
    let eval_err = |e: &dyn std::fmt::Display| {
        if timed_out.load(Ordering::Relaxed) {
            StoreError::Timeout { name: name.into(), secs: timeout.unwrap_or(0.0) }
        } else {
            StoreError::Evaluation { name: name.into(), message: e.to_string() }
        }
    };
    let results = prepared.on_store(store).execute().map_err(|e| eval_err(&e))?;
    let n = match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                if limit.is_some_and(|l| rows.len() >= l) {
                    break;
                }
                rows.push(s.map_err(|e| eval_err(&e))?);
            }
            let n = rows.len();
            match format {
                ResultFormat::Table => write_table(&vars, &rows, out)?,
                f => {
                    let rf = match f {
                        ResultFormat::Json => QueryResultsFormat::Json,
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        _ => QueryResultsFormat::Tsv,
                    };
                    let mut ser = QueryResultsSerializer::from_format(rf).serialize_solutions_to_writer(&mut *out, vars.clone())?;
                    for r in &rows {
                        ser.serialize(r)?;
                    }
                    ser.finish()?;
                }
            }
            n
        }
        QueryResults::Boolean(b) => {
            match format {
                ResultFormat::Json => {
                    QueryResultsSerializer::from_format(QueryResultsFormat::Json).serialize_boolean_to_writer(&mut *out, b)?;
                }
                _ => writeln!(out, "{b}")?,
            }
            1
        }
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                ser.serialize_triple(&t.map_err(|e| eval_err(&e))?)?;
                n += 1;
            }
            ser.finish()?;
            n
        }
    };
    done.store(true, Ordering::Relaxed);
    Ok(n)
}

/// A plain-text table: one column per variable, values shortened to their readable form.
pub(super) fn write_table(vars: &[Variable], rows: &[oxigraph::sparql::QuerySolution], out: &mut dyn Write) -> std::io::Result<()> {
    let cell = |t: Option<&Term>| match t {
        None => String::new(),
        Some(Term::Literal(l)) => l.value().to_string(),
        // IRIs read shorter with the export prefixes: id:person/umerov.
        Some(Term::NamedNode(n)) => {
            PREFIXES.iter().find_map(|(p, iri)| n.as_str().strip_prefix(iri).map(|rest| format!("{p}:{rest}"))).unwrap_or_else(|| n.as_str().to_string())
        }
        Some(t) => t.to_string(),
    };
    let table: Vec<Vec<String>> = rows.iter().map(|r| vars.iter().map(|v| cell(r.get(v))).collect()).collect();
    let widths: Vec<usize> =
        vars.iter().enumerate().map(|(i, v)| table.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(v.as_str().len()).min(60)).collect();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c: String = c.chars().take(*w).collect();
                format!("{c:<w$}")
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(vars.iter().map(|v| v.as_str().to_string()).collect()))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for r in table {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}
