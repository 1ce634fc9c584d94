//! Helpers shared by integration tests (each test file that needs them says `mod common;`).
#![allow(dead_code)]

pub mod pathological;

/// The rows of a SPARQL JSON results document, each binding's variable to its value's text.
pub fn bindings(json: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json results");
    v["results"]["bindings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| b.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v["value"].as_str().unwrap_or("").to_string())).collect()).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}
