//! Chapter 8's search recipes, run against a file: what grep.app and
//! Sourcegraph would match in it, by the rules their documentation states.
//!
//! - **grep.app** (its defaults, which the chapter's links keep): a literal
//!   string, case-insensitive, matched within one line; with `regexp`, a
//!   regular expression, also within one line.
//! - **Sourcegraph** (keyword search, its default): terms separated by
//!   spaces must all occur in the same *file*; `"..."` is a literal, `/.../`
//!   a regular expression, a bare word a literal; `AND`, `OR`, `NOT` and
//!   parentheses combine terms, and `AND` (written or implied by a space)
//!   binds tighter than `OR`; `lang:`, `repo:`, `file:` and `-file:` are
//!   terms like any other, so `lang:rust A OR B` is `(lang:rust A) OR B`.
//!   Content matching is case-insensitive.
//!
//! Both give the 1-based lines that match, so a check can ask whether a
//! recipe finds a cited site: a match inside the site's cited lines.

use regex::Regex;

/// A grep.app search as the chapter links it.
pub struct GrepApp {
    matcher: Regex,
}

impl GrepApp {
    pub fn new(text: &str, regexp: bool) -> Result<GrepApp, String> {
        if text.trim().is_empty() {
            return Err("an empty grep.app query".into());
        }
        let pattern = if regexp {
            text.to_owned()
        } else {
            regex::escape(text)
        };
        let matcher = Regex::new(&format!("(?i){pattern}"))
            .map_err(|e| format!("not a regular expression: {e}"))?;
        Ok(GrepApp { matcher })
    }

    /// The lines of `file` that match, 1-based.
    pub fn lines(&self, file: &str) -> Vec<usize> {
        file.lines()
            .enumerate()
            .filter(|(_, line)| self.matcher.is_match(line))
            .map(|(n, _)| n + 1)
            .collect()
    }
}

/// One term of a Sourcegraph query.
#[derive(Debug)]
enum Leaf {
    /// `lang:rust`: the file's extension says Rust.
    Lang(String),
    /// `repo:REGEX`, against `github.com/owner/name`.
    Repo(Regex),
    /// `file:REGEX` (or `-file:`), against the path in the repository.
    File { regex: Regex, negated: bool },
    /// A literal (quoted or bare) or a `/regex/`, in the file's content.
    Content(Regex),
}

#[derive(Debug)]
enum Expr {
    Leaf(Leaf),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// A parsed Sourcegraph keyword query.
#[derive(Debug)]
pub struct Sourcegraph {
    expr: Expr,
}

/// Where a query is tested: the repository (`owner/name`), the path in it
/// and the file's text.
pub struct File<'a> {
    pub repo: &'a str,
    pub path: &'a str,
    pub text: &'a str,
}

#[derive(Debug, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Filter(String, String, bool),
    Literal(String),
    Pattern(String),
}

fn tokens(query: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i += 1;
        } else if c == '"' {
            let mut text = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(format!("unclosed quote in `{query}`")),
                    Some('\\') if i + 1 < chars.len() => {
                        text.push(chars[i + 1]);
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        text.push(c);
                        i += 1;
                    }
                }
            }
            out.push(Token::Literal(text));
        } else if c == '/' {
            // A regular expression runs to the next `/` that ends a term.
            let mut text = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(format!("unclosed /regex/ in `{query}`"));
                    }
                    Some('\\') if i + 1 < chars.len() => {
                        text.push('\\');
                        text.push(chars[i + 1]);
                        i += 2;
                    }
                    Some('/')
                        if chars
                            .get(i + 1)
                            .is_none_or(|n| n.is_whitespace() || *n == ')') =>
                    {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        text.push(c);
                        i += 1;
                    }
                }
            }
            out.push(Token::Pattern(text));
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && chars[i] != ')'
                && chars[i] != '('
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let filter =
                ["lang", "repo", "file", "case"].iter().find_map(|f| {
                    for (prefix, negated) in
                        [(format!("-{f}:"), true), (format!("{f}:"), false)]
                    {
                        if let Some(value) = word.strip_prefix(&prefix) {
                            return Some(Token::Filter(
                                f.to_string(),
                                value.to_owned(),
                                negated,
                            ));
                        }
                    }
                    None
                });
            out.push(match (word.as_str(), filter) {
                ("AND", _) => Token::And,
                ("OR", _) => Token::Or,
                ("NOT", _) => Token::Not,
                (_, Some(filter)) => filter,
                _ => Token::Literal(word),
            });
        }
    }
    Ok(out)
}

fn regex(pattern: &str) -> Result<Regex, String> {
    Regex::new(&format!("(?i){pattern}"))
        .map_err(|e| format!("`{pattern}` is not a regular expression: {e}"))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut terms = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 {
            terms.pop().unwrap()
        } else {
            Expr::Or(terms)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut terms = vec![self.unary()?];
        loop {
            match self.peek() {
                None | Some(Token::Or | Token::Close) => break,
                Some(Token::And) => self.at += 1,
                Some(_) => {}
            }
            terms.push(self.unary()?);
        }
        Ok(if terms.len() == 1 {
            terms.pop().unwrap()
        } else {
            Expr::And(terms)
        })
    }

    fn unary(&mut self) -> Result<Expr, String> {
        let token = self.tokens.get(self.at).ok_or("a query ends too early")?;
        self.at += 1;
        Ok(match token {
            Token::Not => Expr::Not(Box::new(self.unary()?)),
            Token::Open => {
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err("a `(` is never closed".into());
                }
                self.at += 1;
                inner
            }
            Token::Close | Token::And | Token::Or => {
                return Err(format!("unexpected {token:?}"));
            }
            Token::Literal(text) => {
                Expr::Leaf(Leaf::Content(regex(&regex::escape(text))?))
            }
            Token::Pattern(text) => Expr::Leaf(Leaf::Content(regex(text)?)),
            Token::Filter(name, value, negated) => {
                Expr::Leaf(match (name.as_str(), negated) {
                    ("lang", false) => Leaf::Lang(value.to_lowercase()),
                    ("repo", false) => Leaf::Repo(regex(value)?),
                    ("file", negated) => Leaf::File {
                        regex: regex(value)?,
                        negated: *negated,
                    },
                    _ => {
                        return Err(format!(
                            "unsupported filter {name}:{value}"
                        ));
                    }
                })
            }
        })
    }
}

impl Sourcegraph {
    pub fn parse(query: &str) -> Result<Sourcegraph, String> {
        let mut parser = Parser {
            tokens: tokens(query)?,
            at: 0,
        };
        let expr = parser.or()?;
        if parser.at != parser.tokens.len() {
            return Err(format!("`{query}`: unexpected `)`"));
        }
        Ok(Sourcegraph { expr })
    }

    /// Whether every file the query can match is a Rust file in the
    /// chosen scope: the query's top level is an AND that holds a
    /// `lang:rust` term, or a `repo:` term (an OR at the top level leaves
    /// its other branches unscoped).
    pub fn is_scoped(&self) -> bool {
        let scoping = |e: &Expr| {
            matches!(e, Expr::Leaf(Leaf::Lang(l)) if l == "rust")
                || matches!(e, Expr::Leaf(Leaf::Repo(_)))
        };
        match &self.expr {
            Expr::And(terms) => terms.iter().any(scoping),
            other => scoping(other),
        }
    }

    /// `None` if the file does not match; else the lines where the query's
    /// content terms matched, in the branches that made it match.
    pub fn lines(&self, file: &File) -> Option<Vec<usize>> {
        eval(&self.expr, file).map(|mut lines| {
            lines.sort_unstable();
            lines.dedup();
            lines
        })
    }
}

fn eval(expr: &Expr, file: &File) -> Option<Vec<usize>> {
    let yes = |ok: bool| ok.then(Vec::new);
    match expr {
        Expr::Leaf(Leaf::Lang(lang)) => {
            yes(lang == "rust" && file.path.ends_with(".rs"))
        }
        Expr::Leaf(Leaf::Repo(regex)) => {
            yes(regex.is_match(&format!("github.com/{}", file.repo)))
        }
        Expr::Leaf(Leaf::File { regex, negated }) => {
            yes(regex.is_match(file.path) != *negated)
        }
        Expr::Leaf(Leaf::Content(regex)) => {
            let lines: Vec<usize> = file
                .text
                .lines()
                .enumerate()
                .filter(|(_, line)| regex.is_match(line))
                .map(|(n, _)| n + 1)
                .collect();
            (!lines.is_empty()).then_some(lines)
        }
        Expr::And(terms) => {
            let mut lines = Vec::new();
            for term in terms {
                lines.extend(eval(term, file)?);
            }
            Some(lines)
        }
        Expr::Or(terms) => {
            let found: Vec<Vec<usize>> =
                terms.iter().filter_map(|t| eval(t, file)).collect();
            (!found.is_empty()).then(|| found.concat())
        }
        Expr::Not(inner) => yes(eval(inner, file).is_none()),
    }
}

/// The words a literal recipe names that look like identifiers (three
/// letters or more, not a Rust keyword): a site a recipe matches must name
/// them among its `idents`, which the weekly check finds in its cited lines.
pub fn identifiers(text: &str) -> Vec<String> {
    const KEYWORDS: &[&str] = &[
        "async", "await", "dyn", "else", "enum", "false", "for", "impl", "let",
        "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
        "Self", "static", "struct", "true", "use", "where", "while",
    ];
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if word.len() >= 3
                && !word.starts_with(|c: char| c.is_ascii_digit())
                && !KEYWORDS.contains(&word.as_str())
                && !words.contains(&word)
            {
                words.push(word.clone());
            }
            word.clear();
        }
    }
    words
}
