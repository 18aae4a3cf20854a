//! Name normalisation and phonetic keys for person search and duplicate warnings.
//!
//! Names are folded to lower-case ASCII letters (accents dropped, punctuation splitting tokens)
//! and each token gets a Soundex key, so "Smyth" finds "Smith" and "Zoë" finds "Zoe".

/// Folds one character to lower-case ASCII where a plain equivalent exists.
fn fold(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ś' | 'š' => 's',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        c if c.is_ascii_lowercase() => c,
        _ => return None,
    };
    Some(folded)
}

/// Splits a name into normalised tokens ("O'Brien-Smith" -> ["obrien", "smith"]).
pub fn name_tokens(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|part| {
            part.chars()
                .filter(|c| *c != '\'' && *c != '’' && *c != '.')
                .filter_map(fold)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// American Soundex of one normalised token: a letter and three digits ("robert" -> "r163").
pub fn soundex(token: &str) -> String {
    fn digit(c: char) -> char {
        match c {
            'b' | 'f' | 'p' | 'v' => '1',
            'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => '2',
            'd' | 't' => '3',
            'l' => '4',
            'm' | 'n' => '5',
            'r' => '6',
            'h' | 'w' => 'h',
            _ => '0',
        }
    }
    let mut chars = token.chars().filter(char::is_ascii_lowercase);
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(4);
    out.push(first);
    let mut last = digit(first);
    for c in chars {
        let d = digit(c);
        if d == 'h' {
            continue; // h and w do not separate letters with the same code
        }
        if d != '0' && d != last {
            out.push(d);
            if out.len() == 4 {
                break;
            }
        }
        last = d;
    }
    while out.len() < 4 {
        out.push('0');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_accents_and_punctuation() {
        assert_eq!(
            name_tokens("Zoë O'Brien-Smith"),
            vec!["zoe", "obrien", "smith"]
        );
        assert_eq!(name_tokens("  "), Vec::<String>::new());
    }

    #[test]
    fn soundex_matches_reference_values() {
        assert_eq!(soundex("robert"), "r163");
        assert_eq!(soundex("rupert"), "r163");
        assert_eq!(soundex("ashcraft"), "a261");
        assert_eq!(soundex("tymczak"), "t522");
        assert_eq!(soundex("pfister"), "p236");
        assert_eq!(soundex("smith"), soundex("smyth"));
        assert_ne!(soundex("smith"), soundex("jones"));
    }
}
