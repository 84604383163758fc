//! Reading `schema.sql` and `views.sql`: statements, sections, and the renames that point the
//! schema at staging tables.
//!
//! A small lexer (comments, strings, backquoted identifiers) is enough: the loader only needs to
//! know which identifiers name a table (after `TABLE`, `EXISTS` or `REFERENCES`) and which name a
//! constraint (after `CONSTRAINT`), so it never has to understand the rest of the SQL.

/// Suffix of the staging table built next to each live table.
pub(super) const NEW: &str = "__new";
/// Suffix a live table takes during the swap, before it is dropped.
pub(super) const OLD: &str = "__old";
/// MySQL and MariaDB reject identifiers longer than this.
const MAX_IDENT: usize = 64;

/// schema.sql, split into its three sections, each statement tagged with its table.
#[derive(Debug)]
pub(super) struct Schema {
    /// `CREATE TABLE` statements (columns and primary key), in file order.
    pub creates: Vec<Statement>,
    /// One `ALTER TABLE … ADD INDEX …` per table.
    pub indexes: Vec<Statement>,
    /// One `ALTER TABLE … ADD CONSTRAINT fk_… FOREIGN KEY …` per table.
    pub foreign_keys: Vec<Statement>,
}

/// One statement of schema.sql and the table it creates or alters.
#[derive(Debug)]
pub(super) struct Statement {
    pub table: String,
    pub sql: String,
}

impl Schema {
    /// Table names in CREATE order.
    pub fn tables(&self) -> impl Iterator<Item = &str> + Clone {
        self.creates.iter().map(|s| s.table.as_str())
    }

    /// True if schema.sql creates `table`.
    pub fn has_table(&self, table: &str) -> bool {
        self.tables().any(|t| t == table)
    }
}

/// Splits schema.sql at its `-- @indexes` and `-- @foreign-keys` lines and checks every
/// statement's shape, so a malformed schema fails before the database is touched.
pub(super) fn parse_schema(sql: &str) -> Result<Schema, String> {
    let idx = marker(sql, "-- @indexes")?;
    let fk = marker(sql, "-- @foreign-keys")?;
    if fk < idx {
        return Err("`-- @foreign-keys` comes before `-- @indexes`".into());
    }
    let section = |text: &str, verb: &str| -> Result<Vec<Statement>, String> {
        split_statements(text)
            .into_iter()
            .map(|stmt| {
                let words = leading_words(stmt, 2);
                if words != [verb, "TABLE"] {
                    return Err(format!("expected `{verb} TABLE …`, found: {}", head(stmt)));
                }
                let table = target_table(stmt)
                    .ok_or_else(|| format!("no backquoted table name in: {}", head(stmt)))?;
                Ok(Statement {
                    table,
                    sql: stmt.to_string(),
                })
            })
            .collect()
    };
    let schema = Schema {
        creates: section(&sql[..idx], "CREATE")?,
        indexes: section(&sql[idx..fk], "ALTER")?,
        foreign_keys: section(&sql[fk..], "ALTER")?,
    };
    for stmt in schema.indexes.iter().chain(&schema.foreign_keys) {
        if !schema.has_table(&stmt.table) {
            return Err(format!(
                "ALTER of `{}`, which no CREATE TABLE defines",
                stmt.table
            ));
        }
    }
    Ok(schema)
}

/// Byte offset of the line that is exactly `line` (ignoring surrounding blanks).
fn marker(sql: &str, line: &str) -> Result<usize, String> {
    let mut offset = 0;
    for l in sql.split_inclusive('\n') {
        if l.trim() == line {
            return Ok(offset);
        }
        offset += l.len();
    }
    Err(format!("no `{line}` line"))
}

/// The statements of `sql`, split at `;` outside comments and strings, trimmed; pieces with
/// nothing but comments and blanks are left out.
pub(super) fn split_statements(sql: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // Start of the current statement's first token (leading comments are left out).
    let mut start = None;
    for tok in lex(sql) {
        match (tok.kind, start) {
            (Kind::Semicolon, Some(s)) => {
                out.push(sql[s..tok.start].trim());
                start = None;
            }
            (Kind::Semicolon, None) => {}
            (_, None) => start = Some(tok.start),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(sql[s..].trim());
    }
    out
}

/// Rewrites one schema statement for staging: every table name in `tables` that follows
/// `TABLE`, `EXISTS` or `REFERENCES` gets [`NEW`] appended, and every constraint name starting
/// with `fk_` gets `fk_suffix` (constraint names are per schema and survive `RENAME TABLE`,
/// so each load's must differ from the live ones).
pub(super) fn to_staging<'a>(
    stmt: &str,
    tables: impl Iterator<Item = &'a str> + Clone,
    fk_suffix: &str,
) -> String {
    let mut out = String::with_capacity(stmt.len() + 64);
    let mut last = 0;
    let mut prev_word = "";
    for tok in lex(stmt) {
        match tok.kind {
            Kind::Word => prev_word = &stmt[tok.start..tok.end],
            Kind::Ident(ref name) => {
                let renamed = if ["TABLE", "EXISTS", "REFERENCES"]
                    .iter()
                    .any(|k| prev_word.eq_ignore_ascii_case(k))
                    && tables.clone().any(|t| t == name)
                {
                    Some(format!("{name}{NEW}"))
                } else if prev_word.eq_ignore_ascii_case("CONSTRAINT") && name.starts_with("fk_") {
                    Some(suffixed(name, fk_suffix))
                } else {
                    None
                };
                if let Some(new_name) = renamed {
                    out.push_str(&stmt[last..tok.start]);
                    out.push_str(&quote_ident(&new_name));
                    last = tok.end;
                }
                prev_word = "";
            }
            _ => prev_word = "",
        }
    }
    out.push_str(&stmt[last..]);
    out
}

/// `name` + `suffix`, kept within the identifier length limit: an over-long name is cut and
/// given a hash of the full name so two long names never end up equal.
pub(super) fn suffixed(name: &str, suffix: &str) -> String {
    if name.len() + suffix.len() <= MAX_IDENT {
        return format!("{name}{suffix}");
    }
    // FNV-1a: tiny, stable across builds, plenty for telling constraint names apart.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let keep = MAX_IDENT.saturating_sub(suffix.len() + 9);
    let cut: String = name.chars().take(keep).collect();
    format!("{cut}_{:08x}{suffix}", hash as u32)
}

/// A backquoted identifier, with inner backquotes doubled.
pub(super) fn quote_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// The first table name a statement creates or alters.
fn target_table(stmt: &str) -> Option<String> {
    let mut prev_word = "";
    for tok in lex(stmt) {
        match tok.kind {
            Kind::Word => prev_word = &stmt[tok.start..tok.end],
            Kind::Ident(name) => {
                return ["TABLE", "EXISTS"]
                    .iter()
                    .any(|k| prev_word.eq_ignore_ascii_case(k))
                    .then_some(name);
            }
            _ => return None,
        }
    }
    None
}

/// The first `n` keywords of a statement, upper-cased.
fn leading_words(stmt: &str, n: usize) -> Vec<String> {
    lex(stmt)
        .into_iter()
        .take(n)
        .filter(|t| matches!(t.kind, Kind::Word))
        .map(|t| stmt[t.start..t.end].to_ascii_uppercase())
        .collect()
}

/// The start of a statement, for error messages.
fn head(stmt: &str) -> String {
    let line = stmt
        .lines()
        .find(|l| !l.trim_start().starts_with("--"))
        .unwrap_or("");
    line.chars().take(80).collect()
}

#[derive(Debug, PartialEq)]
enum Kind {
    /// A run of letters, digits and `_` (keywords, bare names, numbers).
    Word,
    /// A backquoted identifier, unquoted.
    Ident(String),
    /// A quoted string literal.
    Str,
    Semicolon,
    /// Any other punctuation.
    Punct,
}

struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Tokens of `sql`, with whitespace and comments (`-- `, `#`, `/* */`) left out.
fn lex(sql: &str) -> Vec<Token> {
    let b = sql.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let until = |from: usize, pat: &[u8]| -> usize {
        b[from..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map_or(b.len(), |p| from + p + pat.len())
    };
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = match c {
            _ if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            // MySQL wants whitespace (or the end) after `--` for it to open a comment.
            b'-' if b.get(i + 1) == Some(&b'-') && b.get(i + 2).is_none_or(|c| c.is_ascii_whitespace()) => {
                i = until(i, b"\n");
                continue;
            }
            b'#' => {
                i = until(i, b"\n");
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = until(i + 2, b"*/");
                continue;
            }
            b'`' => {
                let mut name = String::new();
                i += 1;
                while i < b.len() {
                    if b[i] == b'`' {
                        if b.get(i + 1) == Some(&b'`') {
                            name.push('`');
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    let ch = sql[i..].chars().next().unwrap_or('\u{fffd}');
                    name.push(ch);
                    i += ch.len_utf8();
                }
                Kind::Ident(name)
            }
            b'\'' | b'"' => {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                    } else if b[i] == c {
                        i += 1;
                        if b.get(i) != Some(&c) {
                            break;
                        }
                        i += 1;
                    } else {
                        i += 1;
                    }
                }
                Kind::Str
            }
            b';' => {
                i += 1;
                Kind::Semicolon
            }
            _ if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                    i += 1;
                }
                Kind::Word
            }
            _ => {
                i += 1;
                Kind::Punct
            }
        };
        toks.push(Token {
            kind,
            start,
            end: i.min(b.len()),
        });
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "-- header; with a semicolon-free comment\n\
        CREATE TABLE IF NOT EXISTS `p` (`id` INT NOT NULL, PRIMARY KEY (`id`));\n\
        -- a `quoted` word in a comment\n\
        CREATE TABLE IF NOT EXISTS `c` (`id` INT, `p` INT COMMENT 'it''s `p`', PRIMARY KEY (`id`));\n\
        -- @indexes\n\
        ALTER TABLE `c` ADD INDEX `idx_c_p` (`p`);\n\
        -- @foreign-keys\n\
        ALTER TABLE `c` ADD CONSTRAINT `fk_c_p` FOREIGN KEY (`p`) REFERENCES `p` (`id`);\n";

    #[test]
    fn sections_and_tables() {
        let s = parse_schema(SCHEMA).unwrap();
        assert_eq!(s.tables().collect::<Vec<_>>(), ["p", "c"]);
        assert_eq!(s.indexes.len(), 1);
        assert_eq!(s.foreign_keys[0].table, "c");
    }

    #[test]
    fn staging_rewrite_touches_only_table_and_constraint_names() {
        let s = parse_schema(SCHEMA).unwrap();
        let tables = s.tables();
        let create = to_staging(&s.creates[1].sql, tables.clone(), "__x");
        assert!(create.contains("EXISTS `c__new`"), "{create}");
        // A column named like a table, and the same name in a string, stay as they are.
        assert!(create.contains("`p` INT COMMENT 'it''s `p`'"), "{create}");
        let fk = to_staging(&s.foreign_keys[0].sql, tables, "__x");
        assert_eq!(
            fk,
            "ALTER TABLE `c__new` ADD CONSTRAINT `fk_c_p__x` FOREIGN KEY (`p`) REFERENCES `p__new` (`id`)"
        );
    }

    #[test]
    fn malformed_schema_is_rejected() {
        assert!(
            parse_schema("CREATE TABLE `a` (x INT);")
                .unwrap_err()
                .contains("@indexes")
        );
        let bad = "DROP TABLE `a`;\n-- @indexes\n-- @foreign-keys\n";
        assert!(parse_schema(bad).unwrap_err().contains("expected `CREATE TABLE"));
        let orphan =
            "CREATE TABLE `a` (x INT);\n-- @indexes\nALTER TABLE `b` ADD INDEX (x);\n-- @foreign-keys\n";
        assert!(parse_schema(orphan).unwrap_err().contains("`b`"));
    }

    #[test]
    fn statements_skip_comment_only_pieces() {
        let v = split_statements("-- c\nCREATE OR REPLACE VIEW `v` AS SELECT ';' AS x;\n-- trailing\n");
        assert_eq!(v, ["CREATE OR REPLACE VIEW `v` AS SELECT ';' AS x"]);
    }

    #[test]
    fn long_constraint_names_stay_within_limit_and_distinct() {
        let a = suffixed(&"fk_".repeat(30), "__abcdefgh");
        let b = suffixed(&format!("{}x", "fk_".repeat(30)), "__abcdefgh");
        assert!(a.len() <= MAX_IDENT && b.len() <= MAX_IDENT);
        assert_ne!(a, b);
        assert_eq!(suffixed("fk_a", "__s"), "fk_a__s");
    }
}
