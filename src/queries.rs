//! Canned queries: `queries/NAME.rq`, compiled into the binary.

macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        /// Every canned query, by name.
        pub const CANNED: &[(&str, &str)] = &[$(($name, include_str!(concat!("../queries/", $name, ".rq")))),*];
    };
}

canned!("people", "organizations", "places", "delegations", "quantities", "events", "mentions", "quotes", "conflicts", "timeline", "profile", "sources", "stories");

/// The text of a canned query.
pub fn get(name: &str) -> Option<&'static str> {
    CANNED.iter().find(|(n, _)| *n == name).map(|(_, q)| *q)
}

/// The names of all canned queries, for messages.
pub fn names() -> Vec<&'static str> {
    CANNED.iter().map(|(n, _)| *n).collect()
}

/// The question a canned query answers: its first comment line.
pub fn question(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_start_matches('#').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_opens_with_its_question_and_columns() {
        for (name, q) in CANNED {
            assert!(q.starts_with("# "), "{name}: must open with a comment giving its question");
            assert!(q.lines().take(4).any(|l| l.starts_with("# Columns:")), "{name}: must list its columns");
        }
    }
}
