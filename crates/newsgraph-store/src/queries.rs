//! Canned queries: `queries/NAME.rq`, compiled into the binary.

macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        /// Every canned query, by name.
        pub const CANNED: &[(&str, &str)] = &[$(($name, include_str!(concat!("../../../queries/", $name, ".rq")))),*];
    };
}

canned!(
    "people",
    "organizations",
    "places",
    "delegations",
    "quantities",
    "events",
    "mentions",
    "quotes",
    "conflicts",
    "timeline",
    "profile",
    "sources",
    "stories",
    "times",
    "links"
);

/// The text of a canned query.
pub fn get(name: &str) -> Option<&'static str> {
    CANNED.iter().find(|(n, _)| *n == name).map(|(_, q)| *q)
}

/// The names of all canned queries, for messages.
pub fn names() -> Vec<&'static str> {
    CANNED.iter().map(|(n, _)| *n).collect()
}

/// The parameters a query needs, from its `# Parameter: NAME (what it is)` comment lines:
/// (name, the rest of the line).
pub fn parameters(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# Parameter:"))
        .filter_map(|rest| {
            let rest = rest.trim();
            let name = rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next()?;
            (!name.is_empty()).then(|| (name, rest[name.len()..].trim()))
        })
        .collect()
}

/// The question a canned query answers: its first comment line.
pub fn question(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_start_matches('#').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_come_from_their_comment_lines() {
        let got: Vec<(&str, Vec<(&str, &str)>)> = CANNED.iter().map(|(n, q)| (*n, parameters(q))).filter(|(_, p)| !p.is_empty()).collect();
        assert_eq!(got, [("profile", vec![("name", "(the person's name as a plain string, e.g. --param name=\"Rustem Umerov\")")])]);
        assert_eq!(parameters("# Parameter: x_1\n# Parameter:\nSELECT"), [("x_1", "")]);
    }

    #[test]
    fn every_query_opens_with_its_question_and_columns() {
        for (name, q) in CANNED {
            assert!(q.starts_with("# "), "{name}: must open with a comment giving its question");
            assert!(q.lines().take(4).any(|l| l.starts_with("# Columns:")), "{name}: must list its columns");
        }
    }
}
