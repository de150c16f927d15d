//! The introduction's day-one track: the chapters and exercises a team
//! works through on its first day, each timed as a range counted from the
//! chapters as they stand, so that the times follow the text.
//!
//! A chapter's range counts its prose (outside code blocks, as mdBook
//! expands it, to the nearest hundred words) at 220 to 180 words a minute,
//! the Rust a reader sees (hidden lines left out, to the nearest ten) at 25
//! to 15 lines a minute, and one to two minutes to predict and run each
//! listing; the introduction adds the first build. An
//! exercise takes from its time in chapter 6 to half as long again. Each
//! bound is rounded to 5 minutes, and the day is the sum of what is shown.
//!
//! `cargo run -- bless` writes the table into `src/introduction.md` (the
//! `<!-- generated: day one -->` block); `tests/book/` fails when it is out
//! of date, and when the day's upper bound passes [`LIMIT`].

use std::fs;
use std::path::Path;

use crate::chapters::heading_id;

/// The file the track is written into.
pub const INTRODUCTION: &str = "src/introduction.md";

/// The most a day may hold, in minutes: six and a half hours of work.
pub const LIMIT: u32 = 390;

/// The name of the generated block.
pub const BLOCK: &str = "day one";

const EXERCISES: &str = "ch06-exercises.md";

/// The chapters of the day, in order: (page, what the row says, minutes
/// added at both ends).
const READING: &[(&str, &str, (f64, f64))] = &[
    (
        "introduction.md",
        "[Introduction](introduction.md), building the repository once",
        (5.0, 10.0),
    ),
    (
        "ch01-what-and-why.md",
        "[1. What and why](ch01-what-and-why.md)",
        (0.0, 0.0),
    ),
    (
        "ch02-examples.md",
        "[2. Examples](ch02-examples.md)",
        (0.0, 0.0),
    ),
    (
        "ch03-notify-vs-token.md",
        "[3. Notify versus CancellationToken](ch03-notify-vs-token.md)",
        (0.0, 0.0),
    ),
    (
        "ch04-testing.md",
        "[4. Testing and debugging](ch04-testing.md)",
        (0.0, 0.0),
    ),
    (
        "ch05-service.md",
        "[5. Wiring a service](ch05-service.md)",
        (0.0, 0.0),
    ),
];

/// The exercises of the day: the two closest to the job.
const CORE: &[u32] = &[9, 10];
/// With time left: this one first, then the stretch.
const TIME_LEFT: u32 = 3;
/// The stretch: the hard hand-polling exercise.
const STRETCH: u32 = 7;

/// One row of the track.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Markdown: a link to the page or the exercise.
    pub what: String,
    /// What the time is counted from.
    pub counted: String,
    pub low: u32,
    pub high: u32,
}

/// The day, and what may follow it.
#[derive(Clone, Debug)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub time_left: Step,
    pub stretch: Step,
}

impl Plan {
    /// The day's range, in minutes: the sums of the rows.
    pub fn total(&self) -> (u32, u32) {
        (
            self.steps.iter().map(|s| s.low).sum(),
            self.steps.iter().map(|s| s.high).sum(),
        )
    }
}

/// What a page holds for a reader: words of prose, lines of Rust shown,
/// listings (captions).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub words: usize,
    pub code_lines: usize,
    pub listings: usize,
}

/// Counts a page as mdBook expands it. The day-one block itself is left
/// out, so that the table does not count itself.
pub fn counts(expanded: &str) -> Counts {
    let text = without_block(expanded);
    let mut counts = Counts::default();
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(info.trim().to_owned()),
            };
            continue;
        }
        match &fence {
            Some(info) if info.starts_with("rust") => {
                let hidden = trimmed == "#" || trimmed.starts_with("# ");
                if !hidden && !trimmed.is_empty() {
                    counts.code_lines += 1;
                }
            }
            Some(_) => {}
            None => {
                counts.listings +=
                    line.matches("<span class=\"caption\">Listing ").count();
                counts.words += prose_words(line);
            }
        }
    }
    counts
}

/// Words of one line of prose: markup (HTML tags, directives) left out.
fn prose_words(line: &str) -> usize {
    let mut text = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let tag = rest.find('<');
        let directive = rest.find("{{#");
        let (start, close) = match (tag, directive) {
            (None, None) => break,
            (Some(t), Some(d)) if d < t => (d, "}}"),
            (Some(t), _) => (t, ">"),
            (None, Some(d)) => (d, "}}"),
        };
        text.push_str(&rest[..start]);
        text.push(' ');
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    text.push_str(rest);
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `text` without the day-one block.
fn without_block(text: &str) -> String {
    let open = format!("<!-- generated: {BLOCK} -->");
    match (text.find(&open), text.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &text[..start], &text[end + END.len()..])
        }
        _ => text.to_owned(),
    }
}

const END: &str = "<!-- end generated -->";

fn round_down(minutes: f64) -> u32 {
    ((minutes / 5.0).floor() * 5.0) as u32
}

fn round_up(minutes: f64) -> u32 {
    ((minutes / 5.0).ceil() * 5.0) as u32
}

/// A chapter's range, from its counts.
pub fn reading_minutes(counts: Counts, added: (f64, f64)) -> (u32, u32) {
    let (words, lines, listings) = (
        counts.words as f64,
        counts.code_lines as f64,
        counts.listings as f64,
    );
    let low = words / 220.0 + lines / 25.0 + listings + added.0;
    let high = words / 180.0 + lines / 15.0 + 2.0 * listings + added.1;
    (round_down(low), round_up(high))
}

/// An exercise's range, from its time in chapter 6.
pub fn exercise_minutes(minutes: u32) -> (u32, u32) {
    (minutes, round_up(f64::from(minutes) * 1.5))
}

/// Every exercise of chapter 6: (number, heading, minutes).
pub fn exercises(chapter: &str) -> Vec<(u32, String, u32)> {
    let mut found = Vec::new();
    let mut lines = chapter.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(heading) = line.strip_prefix("## Exercise ") else {
            continue;
        };
        let Some((number, _)) = heading.split_once(':') else {
            continue;
        };
        let Ok(number) = number.trim().parse::<u32>() else {
            continue;
        };
        let minutes = lines
            .by_ref()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.strip_prefix('*'))
            .and_then(|l| l.split_once(" minutes.*"))
            .and_then(|(n, _)| n.parse::<u32>().ok());
        if let Some(minutes) = minutes {
            found.push((number, format!("Exercise {heading}"), minutes));
        }
    }
    found
}

/// The plan, from the book as mdBook expands it.
pub fn plan(root: &Path) -> Result<Plan, String> {
    let (chapters, _) = crate::render::expanded(root);
    let page = |name: &str| {
        chapters
            .iter()
            .find(|c| c.path.to_string_lossy() == name)
            .map(|c| c.content.clone())
            .ok_or_else(|| {
                format!(
                    "the day-one track names {name}, which SUMMARY.md does not"
                )
            })
    };
    let mut steps = Vec::new();
    for (name, what, added) in READING {
        let counts = rounded(counts(&page(name)?));
        let (low, high) = reading_minutes(counts, *added);
        steps.push(Step {
            what: (*what).to_owned(),
            counted: format!(
                "about {} words, {} lines of code, {} listings",
                thousands(counts.words),
                counts.code_lines,
                counts.listings
            ),
            low,
            high,
        });
    }
    let all = exercises(
        &fs::read_to_string(root.join("src").join(EXERCISES))
            .map_err(|e| format!("src/{EXERCISES}: {e}"))?,
    );
    let exercise = |number: u32| -> Result<Step, String> {
        let (_, heading, minutes) =
            all.iter().find(|(n, ..)| *n == number).ok_or_else(|| {
                format!("src/{EXERCISES} has no timed exercise {number}")
            })?;
        let (low, high) = exercise_minutes(*minutes);
        Ok(Step {
            what: format!(
                "[Exercise {number}]({EXERCISES}#{})",
                heading_id(heading)
            ),
            counted: format!("chapter 6: {minutes} minutes"),
            low,
            high,
        })
    };
    for number in CORE {
        steps.push(exercise(*number)?);
    }
    Ok(Plan {
        steps,
        time_left: exercise(TIME_LEFT)?,
        stretch: exercise(STRETCH)?,
    })
}

/// Counts as the table shows them, and times them: words to the nearest
/// hundred, lines to the nearest ten, so that the table changes when a page
/// grows, not with every word.
pub fn rounded(counts: Counts) -> Counts {
    let nearest = |n: usize, step: usize| (n + step / 2) / step * step;
    Counts {
        words: nearest(counts.words, 100),
        code_lines: nearest(counts.code_lines, 10),
        listings: counts.listings,
    }
}

fn thousands(n: usize) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// `3 h 25 min`, `55 min`.
pub fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// The generated block's body.
pub fn table(plan: &Plan) -> String {
    let mut out =
        String::from("| Step | Counted from | Time |\n|---|---|---|\n");
    for step in &plan.steps {
        out.push_str(&format!(
            "| {} | {} | {}-{} min |\n",
            step.what, step.counted, step.low, step.high
        ));
    }
    let (low, high) = plan.total();
    out.push_str(&format!(
        "| **The day** | | **{} to {}** |\n\n",
        hours(low),
        hours(high)
    ));
    out.push_str(&format!(
        "With time left, {} ({}-{} min), then the stretch, {} ({}-{} min), in which you poll futures by hand.\n",
        plan.time_left.what,
        plan.time_left.low,
        plan.time_left.high,
        plan.stretch.what,
        plan.stretch.low,
        plan.stretch.high
    ));
    out
}

/// The introduction with its block rewritten, or the problem.
pub fn introduction(root: &Path) -> Result<String, String> {
    let text = fs::read_to_string(root.join(INTRODUCTION))
        .map_err(|e| format!("{INTRODUCTION}: {e}"))?;
    let open = format!("<!-- generated: {BLOCK} -->");
    let (Some(start), Some(end)) = (text.find(&open), text.find(END)) else {
        return Err(format!(
            "{INTRODUCTION}: no `{open}` ... `{END}` block for the day-one track"
        ));
    };
    let plan = plan(root)?;
    Ok(format!(
        "{}{open}\n\n{}\n{}",
        &text[..start],
        table(&plan),
        &text[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_counted_without_code_markup_or_the_block_itself() {
        let page = "Two words.\n\n```rust\nlet x = 1;\n# hidden();\n```\n\n\
                    <span class=\"caption\">Listing 1-1: A <em>caption</em></span>\n\n\
                    <!-- generated: day one -->\n\nnot counted\n\n<!-- end generated -->\n\
                    Last{{#proof a::b}} one.\n";
        let counts = counts(page);
        assert_eq!(counts.code_lines, 1);
        assert_eq!(counts.listings, 1);
        // Two words, Listing 1-1: A caption, Last one.
        assert_eq!(counts.words, 2 + 4 + 2);
    }

    #[test]
    fn ranges_round_outwards_to_five_minutes() {
        let counts = Counts {
            words: 2000,
            code_lines: 100,
            listings: 5,
        };
        // low: 9.1 + 4 + 5 = 18.1; high: 11.1 + 6.7 + 10 = 27.8
        assert_eq!(reading_minutes(counts, (0.0, 0.0)), (15, 30));
        assert_eq!(exercise_minutes(45), (45, 70));
        assert_eq!(hours(385), "6 h 25 min");
        assert_eq!(hours(55), "55 min");
    }
}
