//! Embeds the converted NER model when it is installed (scripts/setup.sh puts it in
//! `models/`; `NEWSGRAPH_NER_MODEL` names another file). Without it the crate still builds:
//! the model path then reports that the model is missing and `--fast` works.
use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ner_model)");
    println!("cargo::rerun-if-env-changed=NEWSGRAPH_NER_MODEL");
    let path = match std::env::var_os("NEWSGRAPH_NER_MODEL") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/en_core_web_sm-3.8.0.ner"),
    };
    if path.is_file() {
        println!("cargo::rerun-if-changed={}", path.display());
        println!("cargo::rustc-cfg=ner_model");
        println!("cargo::rustc-env=NEWSGRAPH_NER_MODEL_FILE={}", path.canonicalize().unwrap_or(path).display());
    } else if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
        // Installed later: the folder's listing changes.
        println!("cargo::rerun-if-changed={}", dir.display());
    }
}
