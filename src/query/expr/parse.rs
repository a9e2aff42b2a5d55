//! The `--where` grammar, read by recursive descent:
//!
//! ```text
//! expr       := and (("or" | "||") and)*
//! and        := unary (("and" | "&&") unary)*
//! unary      := ("not" | "!") unary | "(" expr ")" | comparison
//! comparison := [TYPE "."] FIELD OP VALUE
//! OP         := "=" | "==" | "!=" | "~" | "=~" | "!~" | "<" | "<=" | ">" | ">="
//! VALUE      := '…' | "…" | a bare word, up to a blank or an unmatched ")"
//! ```
//!
//! Keywords are case-insensitive. Inside quotes a backslash escapes only the quote itself,
//! so regular expressions keep theirs (`'^10\.'`). Field names are checked against the
//! names audit records carry and record types against the known types, so that a misspelt
//! name is an error with a suggestion rather than a filter that silently finds nothing.

use super::{Comparison, DERIVED_FIELDS, Expr, Op};
use crate::interpret::encoding::is_execve_argument;
use crate::interpret::tables::field_names::FIELD_NAMES;
use crate::record::types;

/// Why an expression could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub message: String,
    /// Byte offset into the expression.
    pub at: usize,
}

impl ExprError {
    /// The 1-based column (in characters) of the error.
    pub fn column(&self, text: &str) -> usize {
        text[..self.at.min(text.len())].chars().count() + 1
    }

    /// The message, then the expression with a caret under the place.
    pub fn show(&self, text: &str) -> String {
        let column = self.column(text);
        format!(
            "{} (column {column})\n  {text}\n  {}^",
            self.message,
            " ".repeat(column - 1)
        )
    }
}

/// Reads one `--where` expression.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    let mut parser = Parser { text, at: 0 };
    parser.skip_blanks();
    if parser.at == text.len() {
        return Err(parser.error("empty expression: give FIELD OP VALUE, as in uid = 0"));
    }
    let expr = parser.or()?;
    parser.skip_blanks();
    if parser.at < text.len() {
        let message = if parser.rest().starts_with(')') {
            "unexpected ')' with no '(' before it".to_string()
        } else {
            format!("expected 'and', 'or' or the end, found {}", parser.found())
        };
        return Err(parser.error(&message));
    }
    Ok(expr)
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
}

const OPERATORS: &[(&str, Op)] = &[
    ("!=", Op::Ne),
    ("!~", Op::NotMatch),
    ("<=", Op::Le),
    (">=", Op::Ge),
    ("==", Op::Eq),
    ("=~", Op::Match),
    ("=", Op::Eq),
    ("~", Op::Match),
    ("<", Op::Lt),
    (">", Op::Gt),
];

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']')
}

impl<'t> Parser<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    fn error(&self, message: &str) -> ExprError {
        self.error_at(self.at, message)
    }

    fn error_at(&self, at: usize, message: &str) -> ExprError {
        ExprError {
            message: message.to_string(),
            at,
        }
    }

    /// What stands at the current place, for messages.
    fn found(&self) -> String {
        let rest = self.rest();
        let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        match word.chars().count() {
            0 => "the end".to_string(),
            1..=20 => format!("'{word}'"),
            _ => format!("'{}…'", word.chars().take(20).collect::<String>()),
        }
    }

    fn skip_blanks(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Takes the keyword if it comes next, as a whole word.
    fn keyword(&mut self, spellings: &[&str]) -> bool {
        self.skip_blanks();
        let rest = self.rest();
        for spelling in spellings {
            let Some(head) = rest.get(..spelling.len()) else {
                continue;
            };
            let word = spelling.starts_with(|c: char| c.is_ascii_alphabetic());
            let whole = !word || !rest[spelling.len()..].starts_with(is_name_char);
            if head.eq_ignore_ascii_case(spelling) && whole {
                self.at += spelling.len();
                return true;
            }
        }
        false
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        self.joined(&["or", "||"], Self::and, Expr::Or)
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        self.joined(&["and", "&&"], Self::unary, Expr::And)
    }

    /// `part (keyword part)*`, one part alone as itself.
    fn joined(
        &mut self,
        keywords: &[&str],
        part: fn(&mut Self) -> Result<Expr, ExprError>,
        join: fn(Vec<Expr>) -> Expr,
    ) -> Result<Expr, ExprError> {
        let mut parts = vec![part(self)?];
        while self.keyword(keywords) {
            parts.push(part(self)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            join(parts)
        })
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        self.skip_blanks();
        let bang = self.rest().starts_with('!') && !self.rest()[1..].starts_with(['=', '~']);
        if bang {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.keyword(&["not"]) {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.rest().starts_with('(') {
            let open = self.at;
            self.at += 1;
            let inner = self.or()?;
            self.skip_blanks();
            if !self.rest().starts_with(')') {
                let message = format!(
                    "expected ')' to close the '(' of column {}, found {}",
                    self.error_at(open, "").column(self.text),
                    self.found()
                );
                return Err(self.error(&message));
            }
            self.at += 1;
            return Ok(inner);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ExprError> {
        self.skip_blanks();
        let start = self.at;
        let name_len = self
            .rest()
            .find(|c: char| !is_name_char(c))
            .unwrap_or(self.rest().len());
        if name_len == 0 {
            let message = format!("expected a field name, found {}", self.found());
            return Err(self.error(&message));
        }
        let name = &self.rest()[..name_len];
        self.at += name_len;
        let (record_type, field) = self.qualified_name(name, start)?;
        self.skip_blanks();
        let Some(&(spelling, op)) = OPERATORS.iter().find(|(s, _)| self.rest().starts_with(s))
        else {
            let message = format!(
                "expected an operator (=, !=, ~, !~, <, <=, >, >=) after '{name}', found {}",
                self.found()
            );
            return Err(self.error(&message));
        };
        self.at += spelling.len();
        self.skip_blanks();
        let value_at = self.at;
        let value = self.value(spelling)?;
        if matches!(op, Op::Match | Op::NotMatch) {
            check_regex(&value).map_err(|m| self.error_at(value_at, &m))?;
        }
        Ok(Expr::Compare(Comparison {
            record_type,
            field: field.to_string(),
            op,
            value,
        }))
    }

    /// `uid` or `SOCKADDR.laddr`, both parts checked.
    fn qualified_name(
        &self,
        name: &'t str,
        start: usize,
    ) -> Result<(Option<u32>, &'t str), ExprError> {
        let (record_type, field, field_at) = match name.split_once('.') {
            Some((type_name, field)) => {
                let code = types::parse_user_type(type_name).ok_or_else(|| {
                    let near = nearest(type_name, types::all_names());
                    self.error_at(
                        start,
                        &format!("unknown record type '{type_name}' (did you mean '{near}'?)"),
                    )
                })?;
                (Some(code), field, start + type_name.len() + 1)
            }
            None => (None, name, start),
        };
        if !is_known_field(field) {
            let candidates = FIELD_NAMES.iter().chain(DERIVED_FIELDS).copied();
            let message = if field.is_empty() {
                "expected a field name after the record type".to_string()
            } else {
                format!(
                    "unknown field '{field}' (did you mean '{}'?)",
                    nearest(field, candidates)
                )
            };
            return Err(self.error_at(field_at, &message));
        }
        Ok((record_type, field))
    }

    /// A quoted or bare value after the operator `after`.
    fn value(&mut self, after: &str) -> Result<String, ExprError> {
        let rest = self.rest();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"')) else {
            let len = bare_value_len(rest);
            if len == 0 {
                let message = format!("expected a value after '{after}', found {}", self.found());
                return Err(self.error(&message));
            }
            self.at += len;
            return Ok(rest[..len].to_string());
        };
        let mut value = String::new();
        let mut chars = rest.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if rest[i + 1..].starts_with(quote) => {
                    value.push(quote);
                    chars.next();
                }
                c if c == quote => {
                    self.at += i + 1;
                    return Ok(value);
                }
                c => value.push(c),
            }
        }
        Err(self.error(&format!(
            "the {quote} that starts this value is never closed"
        )))
    }
}

/// A bare value ends at a blank or at a `)` that closes no `(` of its own, so `comm =
/// (sd-pam)` reads whole.
fn bare_value_len(rest: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            c if c.is_whitespace() => return i,
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            _ => {}
        }
    }
    rest.len()
}

fn is_known_field(name: &str) -> bool {
    FIELD_NAMES.binary_search(&name).is_ok()
        || DERIVED_FIELDS.contains(&name)
        || is_execve_argument(name.as_bytes())
        || name
            .strip_suffix("_len")
            .is_some_and(|arg| is_execve_argument(arg.as_bytes()))
}

fn check_regex(pattern: &str) -> Result<(), String> {
    regex::bytes::Regex::new(pattern)
        .map(|_| ())
        .map_err(|err| {
            let text = err.to_string();
            // The crate's message repeats the pattern with its own caret; its last line says
            // what is wrong.
            let reason = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or(&text);
            format!(
                "bad regular expression '{pattern}': {}",
                reason.trim_start_matches("error: ")
            )
        })
}

/// The candidate closest to `wanted` in edit distance, ignoring case (the first of equals).
fn nearest<'c>(wanted: &str, candidates: impl Iterator<Item = &'c str>) -> &'c str {
    let wanted = wanted.to_ascii_lowercase();
    candidates
        .min_by_key(|c| edit_distance(&wanted, &c.to_ascii_lowercase()))
        .unwrap_or("")
}

/// Levenshtein distance over characters, with one row of memory.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
pub(super) fn distance(a: &str, b: &str) -> usize {
    edit_distance(a, b)
}
