//! Reading the insta snapshots that `insta-cmd` writes for a listing program.
//!
//! Such a file is a YAML header between `---` lines (with `info:` holding the program and its
//! arguments), then `success:`, `exit_code:`, and the captured streams after
//! `----- stdout -----` and `----- stderr -----`.

/// What a listing program printed, as recorded by its snapshot test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub program: String,
    pub args: Vec<String>,
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Parses the text of a `.snap` file written by `insta-cmd`.
pub fn parse(text: &str) -> Result<Snapshot, String> {
    let body = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .ok_or("not an insta snapshot: no `---` header")?;
    let (header, body) = body;

    let mut program = None;
    let mut args = Vec::new();
    let mut in_args = false;
    for line in header.lines() {
        let trimmed = line.trim();
        if let Some(p) = trimmed.strip_prefix("program: ") {
            program = Some(unquote(p));
            in_args = false;
        } else if let Some(rest) = trimmed.strip_prefix("args:") {
            in_args = rest.trim().is_empty();
        } else if in_args && trimmed.starts_with("- ") {
            args.push(unquote(&trimmed[2..]));
        } else {
            in_args = false;
        }
    }
    let program =
        program.ok_or("the snapshot header names no `program:` (was it written by insta-cmd?)")?;

    let exit_code = body
        .lines()
        .find_map(|l| l.strip_prefix("exit_code: "))
        .ok_or("no `exit_code:` line")?
        .trim()
        .parse()
        .map_err(|e| format!("bad exit_code: {e}"))?;
    let (_, streams) = body
        .split_once("----- stdout -----\n")
        .ok_or("no stdout section")?;
    let (stdout, stderr) = streams
        .split_once("----- stderr -----\n")
        .ok_or("no stderr section")?;
    Ok(Snapshot {
        program,
        args,
        exit_code,
        stdout: stdout.to_string(),
        stderr: stderr.trim_end_matches('\n').to_string(),
    })
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2
        && (s.starts_with('"') && s.ends_with('"') || s.starts_with('\'') && s.ends_with('\''))
    {
        s[1..s.len() - 1].replace("\\\"", "\"")
    } else {
        s.to_string()
    }
}

impl Snapshot {
    /// The command a reader types to see this output.
    pub fn command(&self, crate_name: &str) -> String {
        let mut cmd = format!("cargo run -q -p {crate_name} --bin {}", self.program);
        if !self.args.is_empty() {
            cmd.push_str(" --");
            for a in &self.args {
                cmd.push(' ');
                cmd.push_str(a);
            }
        }
        cmd
    }

    /// The Markdown block that stands in for `{{#output}}`: the command, then what it printed,
    /// as a terminal would show it.
    pub fn render_block(&self, crate_name: &str) -> String {
        let mut text = format!("$ {}\n", self.command(crate_name));
        let stdout = self.stdout.trim_end_matches('\n');
        if !stdout.is_empty() {
            text.push_str(stdout);
            text.push('\n');
        }
        if !self.stderr.is_empty() {
            text.push_str(&self.stderr);
            text.push('\n');
        }
        if self.exit_code != 0 {
            text.push_str(&format!("[exit code {}]\n", self.exit_code));
        }
        let fence = if text.contains("```") { "````" } else { "```" };
        format!("{fence}text\n{text}{fence}")
    }

    /// Everything the program printed, for the number-provenance check.
    pub fn printed(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAP: &str = "---\nsource: tests/output.rs\ninfo:\n  program: nudge\n  args:\n    - \"--steps\"\n    - \"3\"\n---\nsuccess: true\nexit_code: 0\n----- stdout -----\nloss 0.519\n\n----- stderr -----\n";

    #[test]
    fn parses_program_args_and_streams() {
        let s = parse(SNAP).unwrap();
        assert_eq!(s.program, "nudge");
        assert_eq!(s.args, ["--steps", "3"]);
        assert_eq!(s.exit_code, 0);
        assert_eq!(s.stdout, "loss 0.519\n\n");
        assert_eq!(s.stderr, "");
        assert_eq!(
            s.render_block("ch01-x"),
            "```text\n$ cargo run -q -p ch01-x --bin nudge -- --steps 3\nloss 0.519\n```"
        );
    }

    #[test]
    fn rejects_files_that_are_not_snapshots() {
        assert!(parse("hello").is_err());
    }
}
