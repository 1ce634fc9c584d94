//! Pronoun and role coreference: "he", "she", "the minister", "the president" and, inside a
//! quotation, "I", resolved to a named person where the antecedent is unambiguous.
//!
//! Reads tokens, mentions and quotes; writes extra person mentions (rule `coref/…`). The
//! antecedent is the one named person in the same sentence before the word, or else in the
//! sentence before; where two or more people stand there, the word stays unresolved.

use std::sync::LazyLock;

use crate::model::{Kind, Mention, Quote, Span};
use crate::pipeline::tokens::Token;
use crate::text::{eq_lower, lower_in};

const PRONOUNS: &[&str] = &["he", "she", "him", "his", "her", "He", "She", "His", "Her"];
/// Role nouns that, after "the", stand for a person named just before.
const ROLE_NOUNS: &[&str] = &[
    "minister",
    "president",
    "prime minister",
    "premier",
    "envoy",
    "spokesman",
    "spokeswoman",
    "negotiator",
    "chancellor",
    "leader",
    "official",
    "aide",
    "adviser",
    "advisor",
    "general",
    "commander",
    "mayor",
    "governor",
];

/// The role nouns of two words, split once: every "the" of an article is compared with them.
static TWO_WORD_ROLES: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| ROLE_NOUNS.iter().filter_map(|r| r.split_once(' ')).collect());

/// Person mentions for pronouns and role nouns that refer to one named person for sure.
pub fn extract(text: &str, tokens: &[Token], mentions: &[Mention], mention_entity: &[usize], quotes: &[Quote]) -> Vec<(Mention, usize)> {
    let mut out = Vec::new();
    // A possessor ("Burhan's envoy") is not the one a later pronoun points back to.
    let possessed = |m: &Mention| text.get(m.span.end..).is_some_and(|a| a.starts_with("'s") || a.starts_with("’s"));
    // The named people of each sentence, in the order of `mentions`: each pronoun looks at
    // its own sentence and the one before, not at every person of the article.
    let mut people: Vec<Vec<(usize, &Mention)>> = Vec::new();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.kind == Kind::Person && !possessed(m)) {
        if people.len() <= m.sentence {
            people.resize_with(m.sentence + 1, Vec::new);
        }
        people[m.sentence].push((i, m));
    }
    let people_of = |sentence: usize| people.get(sentence).map(Vec::as_slice).unwrap_or(&[]);
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k];
        let w = t.span.of(text);
        let (span, rule, len) = if PRONOUNS.contains(&w) {
            (t.span, "coref/pronoun", 1)
        } else if w.eq_ignore_ascii_case("the") {
            // The two words lower-cased and joined by a space, compared without building them:
            // tokens hold no spaces, so a role noun of two words must match word by word.
            let two = tokens.get(k + 2).filter(|x| x.sentence == t.sentence).map(|x| (tokens[k + 1].span.of(text), x.span.of(text)));
            let one = tokens.get(k + 1).filter(|x| x.sentence == t.sentence).map(|x| x.span.of(text));
            let two_is_role = |(a, b): (&str, &str)| TWO_WORD_ROLES.iter().any(|&(ra, rb)| eq_lower(a, ra) && eq_lower(b, rb));
            match (two, one) {
                (Some(two), _) if two_is_role(two) => (Span::new(t.span.start, tokens[k + 2].span.end), "coref/role-noun", 3),
                (_, Some(one))
                    if lower_in(one, ROLE_NOUNS) && !tokens.get(k + 2).is_some_and(|x| x.span.of(text).chars().next().is_some_and(char::is_uppercase)) =>
                {
                    (Span::new(t.span.start, tokens[k + 1].span.end), "coref/role-noun", 2)
                }
                _ => {
                    k += 1;
                    continue;
                }
            }
        } else if w == "I" {
            // "I" in a quotation is its speaker.
            if let Some(q) = quotes.iter().find(|q| q.span.contains(t.span)) {
                if let Some(s) = q.speaker {
                    let m = Mention { span: t.span, kind: Kind::Person, text: w.to_string(), sentence: t.sentence, rule: "coref/first-person" };
                    out.push((m, s));
                }
            }
            k += 1;
            continue;
        } else {
            k += 1;
            continue;
        };
        // Named people in this sentence before the word, else in the sentence before.
        let here: Vec<usize> = distinct(people_of(t.sentence).iter().filter(|(_, m)| m.span.end <= span.start).map(|(i, _)| mention_entity[*i]));
        let candidates = if here.is_empty() && t.sentence > 0 { distinct(people_of(t.sentence - 1).iter().map(|(i, _)| mention_entity[*i])) } else { here };
        if let [only] = candidates[..] {
            let m = Mention { span, kind: Kind::Person, text: span.of(text).to_string(), sentence: t.sentence, rule };
            out.push((m, only));
        }
        k += len;
    }
    out
}

fn distinct(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for e in it {
        if !v.contains(&e) {
            v.push(e);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use crate::model::{Article, Kind};
    use crate::pipeline::extract;

    fn resolved(text: &str) -> Vec<(String, String)> {
        let g = extract(Article { id: "t".into(), text: text.into(), ..Default::default() });
        g.mentions
            .iter()
            .zip(&g.mention_entity)
            .filter(|(m, _)| m.rule.starts_with("coref/") && m.kind == Kind::Person)
            .map(|(m, &e)| (m.text.clone(), g.entities[e].name.clone()))
            .collect()
    }

    #[test]
    fn pronoun_with_one_antecedent() {
        assert_eq!(resolved("Gordon Ashcombe arrived on Monday. He met the delegates."), vec![("He".to_string(), "Gordon Ashcombe".to_string())]);
    }

    #[test]
    fn role_noun_with_one_antecedent() {
        assert!(resolved("Defence Minister Bohdan Ostrenko spoke. The minister said talks would go on.")
            .contains(&("The minister".to_string(), "Bohdan Ostrenko".to_string())));
    }

    #[test]
    fn ambiguous_antecedent_stays_unresolved() {
        assert!(resolved("Gordon Ashcombe met Dario Castellvi on Monday. He said nothing.").is_empty());
    }

    #[test]
    fn first_person_in_a_quotation_is_its_speaker() {
        assert!(resolved("“I will lead the delegation to the talks,” Sok Vannarith said.").contains(&("I".to_string(), "Sok Vannarith".to_string())));
    }
}
