//! `--where` expressions: `FIELD OP VALUE` comparisons joined by `and`, `or`, `not` and
//! parentheses, parsed here and evaluated over whole events.
//!
//! A comparison holds for an event when a value of the field in any of its records (of the
//! named type, for `TYPE.field`) satisfies it. Each value is tried as written (hex decoded,
//! quotes removed) and as interpreted, so `uid = root` and `uid = 0` both hold for uid 0, and
//! `exit = EACCES` for `exit=-13`. `!=` and `!~` hold when the event has the field and no
//! value of it equals or matches (`not uid = 0` also holds for events without a uid).
//! Besides the records' own fields there are `argv` (the event's EXECVE arguments, joined
//! and decoded), `type` (a record's type), `node`, and the parts of a decoded socket address
//! in SOCKADDR records: `saddr_fam`, `laddr`, `lport` and `path`.

mod parse;

use crate::event::Event;
use crate::interpret::field_type::field_type;
use crate::interpret::names::NameLookup;
use crate::interpret::tables::values::record_type;
use crate::interpret::written;
use crate::interpret::{EventContext, FieldType, encoding, execve, interpret_field, sockaddr};
use crate::record::{FieldName, Record, Value};
use regex::bytes::Regex;
use std::cell::OnceCell;

pub use parse::{ExprError, parse};

/// A parsed `--where` expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Compare(Comparison),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Only records of this type count (`SOCKADDR.laddr`).
    pub record_type: Option<u32>,
    pub field: String,
    pub op: Op,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    /// `~`: the regular expression matches somewhere in the value.
    Match,
    NotMatch,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    /// The positive test a negated operator is the absence of.
    fn positive(self) -> Option<Op> {
        match self {
            Op::Ne => Some(Op::Eq),
            Op::NotMatch => Some(Op::Match),
            _ => None,
        }
    }
}

/// Fields that are not written in records but made from them.
pub const DERIVED_FIELDS: &[&str] = &["argv", "type", "node", "saddr_fam", "laddr", "lport"];

/// The parts of a socket address `SOCKADDR` records are searched by.
const SOCKADDR_PARTS: &[&str] = &["saddr_fam", "laddr", "lport", "path"];

/// An expression ready to test events: regular expressions built, field names prepared.
pub struct CompiledExpr {
    node: Node,
}

enum Node {
    Compare(Box<Test>),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

struct Test {
    record_type: Option<u32>,
    field: Field,
    op: Op,
    text: Vec<u8>,
    number: Option<i128>,
    regex: Option<Regex>,
}

enum Field {
    Body(FieldName),
    /// A part of a SOCKADDR's address, or else the body field of that name.
    SockaddrPart(FieldName),
    Argv,
    Type,
    Node,
}

impl CompiledExpr {
    /// Builds the expression. Its regular expressions were checked when it was parsed.
    pub fn new(expr: &Expr) -> CompiledExpr {
        CompiledExpr {
            node: Node::new(expr),
        }
    }

    pub fn holds(&self, event: &Event, names: &dyn NameLookup) -> bool {
        let scope = Scope {
            event,
            names,
            context: OnceCell::new(),
            argv: OnceCell::new(),
        };
        self.node.holds(&scope)
    }
}

impl Node {
    fn new(expr: &Expr) -> Node {
        match expr {
            Expr::Compare(c) => Node::Compare(Box::new(Test::new(c))),
            Expr::Not(inner) => Node::Not(Box::new(Node::new(inner))),
            Expr::And(parts) => Node::And(parts.iter().map(Node::new).collect()),
            Expr::Or(parts) => Node::Or(parts.iter().map(Node::new).collect()),
        }
    }

    fn holds(&self, scope: &Scope) -> bool {
        match self {
            Node::Compare(test) => test.holds(scope),
            Node::Not(inner) => !inner.holds(scope),
            Node::And(parts) => parts.iter().all(|p| p.holds(scope)),
            Node::Or(parts) => parts.iter().any(|p| p.holds(scope)),
        }
    }
}

/// What the tests of one event share, worked out once when first needed.
struct Scope<'e> {
    event: &'e Event,
    names: &'e dyn NameLookup,
    context: OnceCell<EventContext>,
    argv: OnceCell<Option<Vec<u8>>>,
}

impl Scope<'_> {
    fn context(&self) -> &EventContext {
        self.context
            .get_or_init(|| EventContext::of(self.event.records()))
    }

    fn argv(&self) -> Option<&[u8]> {
        self.argv
            .get_or_init(|| {
                let execve = |r: &Record| r.type_code() == Some(record_type::EXECVE);
                self.event
                    .records()
                    .any(|r| execve(&r))
                    .then(|| execve::command_line(self.event.records()))
            })
            .as_deref()
    }
}

impl Test {
    fn new(c: &Comparison) -> Test {
        let name = || FieldName::new(c.field.as_bytes());
        let field = match c.field.as_str() {
            "argv" => Field::Argv,
            "type" => Field::Type,
            "node" => Field::Node,
            part if SOCKADDR_PARTS.contains(&part) => Field::SockaddrPart(name()),
            _ => Field::Body(name()),
        };
        let regex = matches!(c.op, Op::Match | Op::NotMatch)
            .then(|| Regex::new(&c.value).expect("checked when parsed"));
        Test {
            record_type: c.record_type,
            field,
            op: c.op,
            text: c.value.as_bytes().to_vec(),
            number: parse_number(c.value.as_bytes()),
            regex,
        }
    }

    fn holds(&self, scope: &Scope) -> bool {
        let wanted = self.op.positive().unwrap_or(self.op);
        let mut seen = false;
        let hit = self.any_value(scope, &mut |candidate| {
            seen = true;
            self.satisfies(wanted, candidate)
        });
        match self.op.positive() {
            Some(_) => seen && !hit,
            None => hit,
        }
    }

    /// Whether `test` holds for a candidate text of any value of the field in the event.
    fn any_value(&self, scope: &Scope, test: &mut dyn FnMut(&[u8]) -> bool) -> bool {
        let event = scope.event;
        match &self.field {
            Field::Node => event.node().is_some_and(&mut *test),
            Field::Argv => {
                self.record_type.is_none_or(|t| t == record_type::EXECVE)
                    && scope.argv().is_some_and(&mut *test)
            }
            Field::Type => self.records(event).any(|r| {
                let named = r.type_code().and_then(crate::record::types::name_of);
                test(r.type_name()) || named.is_some_and(|n| test(n.as_bytes()))
            }),
            Field::SockaddrPart(name) => self.records(event).any(|r| {
                if r.type_code() == Some(record_type::SOCKADDR) {
                    sockaddr_part(&r, name.as_bytes(), scope, test)
                } else {
                    body_values(&r, name, scope, test)
                }
            }),
            Field::Body(name) => self
                .records(event)
                .any(|r| body_values(&r, name, scope, test)),
        }
    }

    fn records<'e>(&self, event: &'e Event) -> impl Iterator<Item = Record<'e>> {
        let wanted = self.record_type;
        event
            .records()
            .filter(move |r| wanted.is_none_or(|t| r.type_code() == Some(t)))
    }

    fn satisfies(&self, op: Op, candidate: &[u8]) -> bool {
        let numbers = self.number.zip(parse_number(candidate));
        match op {
            Op::Match | Op::NotMatch => self.regex.as_ref().is_some_and(|r| r.is_match(candidate)),
            Op::Eq | Op::Ne => match numbers {
                Some((wanted, value)) => wanted == value,
                None => candidate == self.text.as_slice(),
            },
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                // A number is compared only with numbers: `uid > 1000` must not hold for
                // `root` because "root" sorts after "1000".
                let order = match (self.number, numbers) {
                    (Some(_), Some((wanted, value))) => value.cmp(&wanted),
                    (Some(_), None) => return false,
                    (None, _) => candidate.cmp(self.text.as_slice()),
                };
                match op {
                    Op::Lt => order.is_lt(),
                    Op::Le => order.is_le(),
                    Op::Gt => order.is_gt(),
                    _ => order.is_ge(),
                }
            }
        }
    }
}

/// Tries every value of the field `name` in `record`, as written and as interpreted.
fn body_values(
    record: &Record,
    name: &FieldName,
    scope: &Scope,
    test: &mut dyn FnMut(&[u8]) -> bool,
) -> bool {
    let key = name.as_bytes();
    record
        .fields_by(name)
        .any(|value| candidates(record, key, value, scope, test))
}

fn candidates(
    record: &Record,
    key: &[u8],
    value: Value,
    scope: &Scope,
    test: &mut dyn FnMut(&[u8]) -> bool,
) -> bool {
    let decoded = encoding::decode_in(record, key, value);
    let kind = field_type(record.type_code(), key, value);
    if kind == FieldType::EscapedKey {
        // Several keys in one value: each is a value of its own.
        return encoding::split_keys(&decoded).any(&mut *test);
    }
    if test(&decoded) {
        return true;
    }
    let shown = interpret_field(scope.context(), record, key, value, scope.names);
    if shown.is_raw() {
        return false;
    }
    let text = shown.text(written(record, value));
    if text.as_ref() != decoded.as_ref() && test(&text) {
        return true;
    }
    // `EACCES(Permission denied)` is also just `EACCES`, `socketcall(connect)` `socketcall`.
    matches!(kind, FieldType::Exit | FieldType::Syscall)
        && text
            .iter()
            .position(|&b| b == b'(')
            .is_some_and(|at| test(&text[..at]))
}

/// A part of the socket address of a SOCKADDR record: `saddr_fam=inet`, `laddr=10.0.0.1`,
/// `lport=22`, `path=/run/x` (an abstract name with and without its `@`).
fn sockaddr_part(
    record: &Record,
    part: &[u8],
    scope: &Scope,
    test: &mut dyn FnMut(&[u8]) -> bool,
) -> bool {
    let Some(saddr) = record.field(b"saddr") else {
        return false;
    };
    let Some(address) = sockaddr::decode(saddr.raw(), scope.context().arch) else {
        return false;
    };
    match (part, &address) {
        (b"saddr_fam", _) => test(address.family_name().as_bytes()),
        (b"path", sockaddr::SockAddr::Unix { path, is_abstract }) => {
            test(path) || (*is_abstract && test(&[b"@", path.as_slice()].concat()))
        }
        (b"laddr" | b"lport", _) => {
            let text = address.to_bytes();
            detail(&text, part).is_some_and(test)
        }
        _ => false,
    }
}

/// The value of `name=` in the text form `{ saddr_fam=inet laddr=… lport=… }`.
fn detail<'t>(text: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let mut needle = Vec::with_capacity(name.len() + 2);
    needle.push(b' ');
    needle.extend_from_slice(name);
    needle.push(b'=');
    let at = memchr::memmem::find(text, &needle)? + needle.len();
    let end = memchr::memchr(b' ', &text[at..]).map_or(text.len(), |e| at + e);
    Some(&text[at..end])
}

/// A decimal number, signed, or a hex one with `0x`.
fn parse_number(text: &[u8]) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 30 {
        return None;
    }
    let value = match digits
        .strip_prefix(b"0x")
        .or_else(|| digits.strip_prefix(b"0X"))
    {
        Some(hex) => i128::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?,
        None if digits.iter().all(u8::is_ascii_digit) => {
            std::str::from_utf8(digits).ok()?.parse().ok()?
        }
        None => return None,
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests;
