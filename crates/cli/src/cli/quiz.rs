//! `gradgraph quiz`: an exercise that checks a hand-worked backward pass, in the terminal or
//! piped, with `--json` for tools and `--worksheet` for printing. The grading and the
//! diagnosis of mistakes are `gradgraph_course::quiz`'s; this is the dialogue and the files.

use super::Error;
use super::bindings::{self, Binding};
use super::values::{self, LevelChoice};
use super::{CliResult, Failure};
use gradgraph::expr::Expr;
use gradgraph::expr::{self, format_number};
use gradgraph_cli::files::OutputSet;
use gradgraph_course::quiz::worksheet::{self, Picture, Sheet, files};
use gradgraph_course::quiz::{self, Check, Level, Question, Quiz, Scope, Tolerance, short_in};
use gradgraph_draw::{self as dot, DotOptions, Format, RankDir};
use gradgraph_i18n::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
Answers: one per line on standard input, a number or arithmetic on numbers (0.915,
-1/2, 1 - 0.2913^2, tanh(0.3)); blank lines are skipped. An answer g' to a gradient g
is right when |g' - g| <= max(REL * |g|, ABS) (--tolerance REL, default 1e-3;
--abs-tolerance ABS, default 1e-6, which matters only near 0). A wrong answer is
explained (the first mistake that gives it: a wrong local derivative, a use left out of
a sum or counted twice, a missing upstream factor, the node's value given for its
gradient) and the quiz goes on with the right value. At a terminal a line that is not a number is asked again; piped, it ends the quiz.

Nodes are named as `gradgraph expr --trace` names them: a variable by its name, any
other node #k (its index: the leaves first, then each operation in the order it is
evaluated). Constants keep no gradient and are not asked.

--json prints one JSON object on stdout when the quiz ends (the dialogue then goes to
stderr): {\"expression\", \"at\": {name: value}, \"value\", \"scope\": \"every_node\" or
\"leaves\", \"tolerance\": {\"relative\", \"absolute\"}, \"random\": {\"level\", \"seed\"}
(with --random), \"questions\": [{\"number\", \"node\", \"name\", \"formula\", \"text\",
\"kind\", \"value\", \"used_by\", \"gradient\", \"contributions\": [{\"from\", \"operand\",
\"local\", \"upstream\", \"product\", \"rule\"}], \"answer\": null or {\"text\", \"value\",
\"right\", \"mistake\": null or {\"kind\", \"at\": {\"from\", \"to\"} or null, \"gives\",
\"explanation\"}}}], \"right\", \"answered\", \"total\", \"error\" (when the answers ended
early or a line was not a number)}. Mistake kinds: local_derivative, left_out,
missing_upstream, counted_twice, own_local, value_for_gradient, unexplained.

--worksheet DIR asks nothing: it writes worksheet.md and answers.md (Markdown, with
graph.svg and graph-answers.svg), worksheet.tex and answers.tex (LaTeX, with graph.pdf
and graph-answers.pdf) and the pictures' DOT files, all or none. Without Graphviz it
writes the DOT files only, and the sheets say how to render them.

Exit codes: 0 when the quiz ran to its end, whether the answers were right or wrong
(the summary says how many were); 2 for bad input: a bad expression or flag, values at
which a value or gradient is not finite, a piped line that is not a number, or standard
input ending before the last question (the message says how many were unanswered).

Examples:
  printf '0.915\\n0.915\\n0.915\\n0.915\\n0.458\\n' | gradgraph quiz \"tanh(x*w + b)\" --at x=1 --at w=0.5 --at b=-0.2
  gradgraph quiz --random --level hard --seed 7
  gradgraph quiz \"x*x + x\" --at x=3 --worksheet sheet/";

/// Arguments of `gradgraph quiz`.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct QuizArgs {
    /// The expression, for example "tanh(x*w + b)" (the language of `gradgraph expr`).
    #[arg(
        value_name = "EXPRESSION",
        allow_hyphen_values = true,
        required_unless_present = "random",
        conflicts_with = "random"
    )]
    pub expression: Option<String>,
    /// The value of a variable, as NAME=VALUE; one --at per variable of the expression.
    #[arg(
        long = "at",
        value_name = "NAME=VALUE",
        allow_hyphen_values = true,
        conflicts_with = "random",
        value_parser = bindings::binding
    )]
    pub at: Vec<Binding>,
    /// A random exercise from the table of ops instead of an expression (see --level and
    /// --seed; the seed is printed so the exercise can be asked again).
    #[arg(long)]
    pub random: bool,
    /// The size of a random exercise [default: medium].
    #[arg(long, value_name = "LEVEL", value_enum, ignore_case = true)]
    pub level: Option<LevelChoice>,
    /// The seed of a random exercise: the same seed and level give the same exercise.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Ask only the variables' gradients, not every node's.
    #[arg(long)]
    pub leaves: bool,
    /// The largest error relative to the gradient that counts as right, in [0, 1).
    #[arg(
        long,
        value_name = "REL",
        default_value_t = 1e-3,
        allow_hyphen_values = true,
        value_parser = values::relative_tolerance
    )]
    pub tolerance: f64,
    /// The largest error that counts as right near 0, at least 0.
    #[arg(
        long,
        value_name = "ABS",
        default_value_t = 1e-6,
        allow_hyphen_values = true,
        value_parser = values::absolute_tolerance
    )]
    pub abs_tolerance: f64,
    /// Print the questions and the checked answers as one JSON object on stdout (the
    /// dialogue goes to stderr).
    #[arg(long)]
    pub json: bool,
    /// Write a printable exercise sheet and its answer key into DIR (Markdown and LaTeX,
    /// with the graph's picture) instead of asking.
    #[arg(long, value_name = "DIR")]
    pub worksheet: Option<PathBuf>,
}

/// The longest answer line read.
const MAX_LINE: u64 = 64 * 1024;

/// Runs `gradgraph quiz`: plan (the exercise and the worksheet's folder, checked), then
/// either the worksheet (rendered, then written) or the dialogue (asked, then reported).
pub fn run(args: QuizArgs) -> CliResult {
    let plan = plan(&args)?;
    if let Some(dir) = &args.worksheet {
        let files = worksheet_files(&plan.quiz, plan.lang)?;
        write_worksheet(dir, files, plan.lang)?;
        if args.json {
            print_json(&report(&plan, &[], None))?;
        }
        return Ok(());
    }
    let Some(Answered { answers, failure }) = ask(&plan, args.json)? else {
        return Ok(());
    };
    if args.json {
        // a machine's output: the message in English, whatever the dialogue spoke
        let error = failure.as_ref().map(|f| f.english.as_str());
        print_json(&report(&plan, &answers, error))?;
    }
    failure.map_or(Ok(()), |f| Err(f.failure))
}

/// A quiz, planned: the exercise, its questions and the tolerance of the answers.
struct Plan {
    quiz: Quiz,
    exercise: Exercise,
    tolerance: Tolerance,
    /// The language the dialogue and the worksheet speak (`--json` stays in English).
    lang: Lang,
}

/// Checks the flags that go together, the worksheet's folder and the exercise, before
/// anything is asked or written.
fn plan(args: &QuizArgs) -> Result<Plan, Failure> {
    // each bound was checked while parsing; together they make a tolerance
    let tolerance = Tolerance::new(args.tolerance, args.abs_tolerance)?;
    if let Some(dir) = &args.worksheet {
        gradgraph_cli::files::check_output_dir(dir)
            .map_err(|e| Failure::writing_for("--worksheet", e))?;
    }
    let exercise = exercise(args)?;
    let scope = if args.leaves {
        Scope::Leaves
    } else {
        Scope::EveryNode
    };
    let quiz = Quiz::new(&exercise.expr, &exercise.values, scope)?;
    Ok(Plan {
        quiz,
        exercise,
        tolerance,
        lang: super::lang(),
    })
}

/// The answers given, and why the dialogue stopped early if it did.
struct Answered {
    answers: Vec<Answer>,
    failure: Option<Stopped>,
}

/// Why the answers stopped early: the failure in the dialogue's language, and its message
/// in English for `--json`.
#[derive(Debug)]
struct Stopped {
    failure: Failure,
    english: String,
}

impl Stopped {
    /// A usage failure whose message `say` writes in a language: in `lang`, and in English.
    fn usage(lang: Lang, say: impl Fn(Lang) -> String) -> Stopped {
        Stopped {
            failure: Failure::usage(say(lang)),
            english: say(Lang::En),
        }
    }
}

/// Asks every question, on stdout (on stderr with `--json`), reading standard input.
/// Returns the answers; `None` when the reader of the output went away (`| head`), with nothing more to say.
fn ask(plan: &Plan, json: bool) -> Result<Option<Answered>, Failure> {
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    let mut input = stdin.lock();
    let (quiz, exercise, tolerance) = (&plan.quiz, &plan.exercise, plan.tolerance);
    let talk = Talk {
        interactive,
        lang: plan.lang,
    };
    let result = if json {
        let mut out = io::stderr().lock();
        dialogue(quiz, exercise, tolerance, &mut input, &mut out, talk)
    } else {
        let mut out = io::stdout().lock();
        dialogue(quiz, exercise, tolerance, &mut input, &mut out, talk)
    };
    match result {
        Ok(answers) => Ok(Some(Answered {
            answers,
            failure: None,
        })),
        Err(Stop::Input(answers, failure)) => Ok(Some(Answered {
            answers,
            failure: Some(failure),
        })),
        Err(Stop::Output(err)) if err.kind() == io::ErrorKind::BrokenPipe => Ok(None),
        Err(Stop::Output(err)) => Err(Failure::failed(
            plan.lang
                .text("quiz-cannot-write", &[("error", err.to_string().into())]),
        )),
    }
}

/// The exercise: an expression and its values, given or random.
struct Exercise {
    expr: Expr,
    values: HashMap<String, f64>,
    /// For a random one, its level and seed.
    random: Option<(Level, u64)>,
}

fn exercise(args: &QuizArgs) -> Result<Exercise, Failure> {
    if !args.random {
        let flag = match (args.level, args.seed) {
            (Some(_), _) => Some("--level"),
            (None, Some(_)) => Some("--seed"),
            (None, None) => None,
        };
        if let Some(flag) = flag {
            return Err(Failure::usage(
                super::lang().text("quiz-level-flag", &[("flag", flag.into())]),
            ));
        }
    }
    if args.random {
        let level = args.level.map_or_else(Level::default, Level::from);
        let seed = args.seed.unwrap_or_else(fresh_seed);
        let generated = quiz::generate(level, seed)?;
        let expr = expr::parse(&generated.expression).map_err(Error::from)?;
        return Ok(Exercise {
            expr,
            values: generated.values(),
            random: Some((level, seed)),
        });
    }
    let source = args.expression.as_deref().unwrap_or_default();
    if source == "-" {
        return Err(Failure::usage(
            super::lang().text("quiz-stdin-expression", &[]),
        ));
    }
    bindings::check_unique(&args.at)?;
    bindings::check_decimal(&args.at, super::lang())?;
    let e = expr::parse(source).map_err(Error::from)?;
    bindings::check(&e, &args.at)?;
    Ok(Exercise {
        expr: e,
        values: bindings::values(&args.at),
        random: None,
    })
}

/// A seed for `--random` without `--seed`, from the clock and the process id.
fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // a small number is easier to type again
    (nanos ^ u64::from(std::process::id()).rotate_left(32)) % 1_000_000
}

/// One answer given.
#[derive(Debug)]
struct Answer {
    text: String,
    value: f64,
    check: Check,
}

/// Why the dialogue stopped before its end.
#[derive(Debug)]
enum Stop {
    /// Standard input ended or held a line that is not a number: the answers so far.
    Input(Vec<Answer>, Stopped),
    /// The dialogue could not be written.
    Output(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Output(e)
    }
}

/// How the dialogue talks: to a terminal or not, and in which language.
#[derive(Clone, Copy, Debug)]
struct Talk {
    /// Standard input is a terminal: a line that is not a number is asked again.
    interactive: bool,
    /// The language of the questions, the verdicts and the explanations.
    lang: Lang,
}

/// Asks every question of `quiz` on `out`, reading the answers from `input` (a terminal
/// when `talk.interactive`: a line that is not a number is asked again; otherwise it stops
/// the quiz, and each answer is echoed after its prompt so the transcript reads as a
/// session), in `talk.lang`.
fn dialogue(
    quiz: &Quiz,
    exercise: &Exercise,
    tolerance: Tolerance,
    input: &mut impl BufRead,
    out: &mut impl Write,
    talk: Talk,
) -> Result<Vec<Answer>, Stop> {
    let lang = talk.lang;
    write_header(quiz, exercise, tolerance, out, lang)?;
    let questions = quiz.questions();
    let n = questions.len();
    let mut answers: Vec<Answer> = Vec::with_capacity(n);
    let mut lines = Lines {
        input,
        interactive: talk.interactive,
        lang,
        read: 0,
    };
    for (k, q) in questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "[{}/{n}] {}", k + 1, q.heading_in(lang))?;
        let (text, value) = match lines.answer(k, q, out)? {
            Got::Answer(text, value) => (text, value),
            Got::End => {
                let failure = ended(answers.len(), n, lines.read, lang);
                summary(&answers, n, out, lang)?;
                return Err(Stop::Input(answers, failure));
            }
            Got::Bad(failure) => return Err(Stop::Input(answers, failure)),
        };
        let check = quiz.check_in(k, value, tolerance, lang);
        say_check(quiz, (k, n), q, value, &check, out, lang)?;
        answers.push(Answer { text, value, check });
    }
    writeln!(out)?;
    summary(&answers, n, out, lang)?;
    out.flush()?;
    Ok(answers)
}

/// Standard input, read one answer at a time.
struct Lines<'a, R> {
    input: &'a mut R,
    /// A terminal: a line that is not a number is asked again.
    interactive: bool,
    /// The language of the prompts and of what is wrong with an answer.
    lang: Lang,
    /// How many lines were read.
    read: usize,
}

/// What reading one answer gave.
enum Got {
    /// The answer as typed, and its value.
    Answer(String, f64),
    /// Standard input ended.
    End,
    /// A line that cannot be read, or (piped) is not a number: the quiz stops.
    Bad(Stopped),
}

impl<R: BufRead> Lines<'_, R> {
    /// Prompts for the answer to question `k`, `q`, until a line holds one (blank lines are
    /// skipped; at a terminal a line that is not a number is asked again).
    fn answer(&mut self, k: usize, q: &Question, out: &mut impl Write) -> io::Result<Got> {
        loop {
            write!(out, "  {} = ", q.asked())?;
            out.flush()?;
            let lang = self.lang;
            let line = match read_line(self.input) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    writeln!(out)?;
                    return Ok(Got::End);
                }
                Err(why) => {
                    writeln!(out)?;
                    let line = self.read + 1;
                    let failure = Stopped::usage(lang, |lang| {
                        lang.text(
                            "quiz-read-error",
                            &[("line", line.into()), ("why", why.say(lang).into())],
                        )
                    });
                    return Ok(Got::Bad(failure));
                }
            };
            self.read += 1;
            let text = line.trim().to_owned();
            if text.is_empty() {
                if self.interactive {
                    writeln!(out, "  {}", lang.text("quiz-type-number", &[]))?;
                }
                // a blank line of piped input is skipped, the prompt stays open
                continue;
            }
            if !self.interactive {
                writeln!(out, "{text}")?;
            }
            match quiz::parse_answer_in(&text, lang) {
                Ok(value) => return Ok(Got::Answer(text, value)),
                Err(why) if self.interactive => {
                    writeln!(
                        out,
                        "  {}",
                        lang.text("quiz-ask-again", &[("why", why.into())])
                    )?;
                }
                Err(_) => {
                    let line = self.read;
                    return Ok(Got::Bad(Stopped::usage(lang, |lang| {
                        let why = quiz::parse_answer_in(&text, lang).err().unwrap_or_default();
                        lang.text(
                            "quiz-bad-line",
                            &[
                                ("number", (k + 1).into()),
                                ("asked", q.asked().into()),
                                ("line", line.into()),
                                ("why", why.into()),
                            ],
                        )
                    })));
                }
            }
        }
    }
}

/// Says whether the answer `value` to question `k` of `n`, `q`, is right; if wrong, the
/// mistake it shows and (for every node) that the quiz goes on with the right value.
fn say_check(
    quiz: &Quiz,
    (k, n): (usize, usize),
    q: &Question,
    value: f64,
    check: &Check,
    out: &mut impl Write,
    lang: Lang,
) -> io::Result<()> {
    let more = quiz.scope() == Scope::EveryNode && k + 1 < n;
    for line in q.verdict_in(value, check, more, lang) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// The failure for standard input ending after `given` of `total` answers.
fn ended(given: usize, total: usize, lines: usize, lang: Lang) -> Stopped {
    Stopped::usage(lang, |lang| {
        lang.text(
            "quiz-ended",
            &[
                ("lines", lines.into()),
                ("missing", (total - given).into()),
                ("total", total.into()),
            ],
        )
    })
}

/// `4 of 5 right.`, with the unanswered ones if any.
fn summary(answers: &[Answer], total: usize, out: &mut impl Write, lang: Lang) -> io::Result<()> {
    let right = answers.iter().filter(|a| a.check.right).count();
    let unanswered = total - answers.len();
    let text = if unanswered == 0 {
        lang.text(
            "quiz-summary",
            &[("right", right.into()), ("total", total.into())],
        )
    } else {
        lang.text(
            "quiz-summary-unanswered",
            &[
                ("right", right.into()),
                ("total", total.into()),
                ("unanswered", unanswered.into()),
            ],
        )
    };
    writeln!(out, "{text}")
}

/// Why a line of standard input cannot be read.
#[derive(Debug)]
enum Unreadable {
    /// The system's error reading it.
    Io(io::Error),
    /// Longer than [`MAX_LINE`].
    TooLong,
    /// Not UTF-8.
    NotUtf8,
}

impl Unreadable {
    /// What is wrong, in `lang`.
    fn say(&self, lang: Lang) -> String {
        match self {
            Unreadable::Io(e) => lang.text("quiz-cannot-read", &[("error", e.to_string().into())]),
            Unreadable::TooLong => lang.text(
                "quiz-line-too-long",
                &[("max", MAX_LINE.to_string().into())],
            ),
            Unreadable::NotUtf8 => lang.text("quiz-not-utf8", &[]),
        }
    }
}

/// One line of standard input without its line ending; `None` at its end. A line longer
/// than [`MAX_LINE`] or not UTF-8 is an error.
fn read_line(input: &mut impl BufRead) -> Result<Option<String>, Unreadable> {
    let mut bytes = Vec::new();
    let read = input
        .take(MAX_LINE + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(Unreadable::Io)?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.len() as u64 > MAX_LINE && bytes.last() != Some(&b'\n') {
        return Err(Unreadable::TooLong);
    }
    let text = String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_owned()))
}

/// The expression, its values, the forward pass and what to do, in `lang`.
fn write_header(
    quiz: &Quiz,
    exercise: &Exercise,
    tolerance: Tolerance,
    out: &mut impl Write,
    lang: Lang,
) -> io::Result<()> {
    let at: Vec<String> = quiz
        .variables()
        .iter()
        .map(|(name, x)| format!("{name} = {}", lang.decimal(&format_number(*x))))
        .collect();
    let header = lang.text(
        "quiz-header",
        &[
            ("expression", quiz.expression().into()),
            ("values", at.join(", ").into()),
        ],
    );
    writeln!(out, "{header}")?;
    if let Some((level, seed)) = exercise.random {
        let id = match level {
            Level::Easy => "quiz-level-easy",
            Level::Medium => "quiz-level-medium",
            Level::Hard => "quiz-level-hard",
        };
        let random = lang.text(
            "quiz-random",
            &[
                ("level", lang.text(id, &[]).into()),
                ("name", level.as_str().into()),
                ("seed", seed.to_string().into()),
            ],
        );
        writeln!(out, "{random}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", lang.text("quiz-forward", &[]))?;
    let forward = quiz.forward();
    let width = |f: fn(&(String, String, f64)) -> usize| forward.iter().map(f).max().unwrap_or(0);
    let w_tag = width(|l| l.0.chars().count());
    let w_formula = width(|l| l.1.chars().count());
    for (k, (tag, formula, value)) in forward.iter().enumerate() {
        let last = if k + 1 == forward.len() { "   (f)" } else { "" };
        writeln!(
            out,
            "  {tag:<w_tag$} = {formula:<w_formula$} = {}{last}",
            short_in(*value, lang)
        )?;
    }
    writeln!(out)?;
    let which = match quiz.scope() {
        Scope::EveryNode => lang.text("quiz-which-every", &[]),
        Scope::Leaves => lang.text("quiz-which-leaves", &[]),
    };
    let work = lang.text(
        "quiz-work",
        &[
            ("output", quiz.tag(quiz.output()).into()),
            ("which", which.into()),
        ],
    );
    writeln!(out, "{work}")?;
    let order = lang.text(
        "quiz-work-order",
        &[
            ("percent", short_in(tolerance.relative * 100.0, lang).into()),
            ("absolute", short_in(tolerance.absolute, lang).into()),
        ],
    );
    writeln!(out, "{order}")?;
    writeln!(out, "{}", lang.text("quiz-work-arithmetic", &[]))
}

/// How much a picture is scaled to fit the box the LaTeX sheet gives it (the text width,
/// 17 cm, by a third of the text height, about 8.5 cm), from the size in its SVG header.
fn print_scale(svg: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(&svg[..svg.len().min(2048)]);
    let size = |key: &str| -> Option<f64> {
        let start = text.find(&format!("{key}=\""))? + key.len() + 2;
        let rest = &text[start..];
        rest[..rest.find('"')?].trim_end_matches("pt").parse().ok()
    };
    match (size("width"), size("height")) {
        (Some(w), Some(h)) if w > 0.0 && h > 0.0 => (17.0 / w).min(8.5 / h),
        _ => 0.0,
    }
}

/// The sheets, with the names of their files: the exercise, then the answer key.
const SHEETS: [(Sheet, &str, &str, &str); 2] = [
    (
        Sheet::Exercise,
        files::EXERCISE_PICTURE,
        files::EXERCISE_MD,
        files::EXERCISE_TEX,
    ),
    (
        Sheet::Answers,
        files::ANSWERS_PICTURE,
        files::ANSWERS_MD,
        files::ANSWERS_TEX,
    ),
];

/// The worksheet's files, by name, and whether Graphviz drew their pictures.
struct Worksheet {
    files: Vec<(String, Vec<u8>)>,
    graphviz: bool,
}

/// Renders the worksheet and its answer key: for each, the picture (DOT, and SVG and PDF
/// with Graphviz), the Markdown and the LaTeX sheet.
fn worksheet_files(quiz: &Quiz, lang: Lang) -> Result<Worksheet, Failure> {
    let graphviz = dot::graphviz_installed();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (sheet, picture, md, tex) in SHEETS {
        let (text, svg) = sheet_picture(quiz, sheet, graphviz)?;
        files.push((format!("{picture}.dot"), text.clone().into_bytes()));
        let (for_md, for_tex) = if let Some(svg) = svg {
            let pdf = dot::render_dot(&text, Format::Pdf)?;
            files.push((format!("{picture}.svg"), svg));
            files.push((format!("{picture}.pdf"), pdf));
            (
                Picture::Image(format!("{picture}.svg")),
                Picture::Image(format!("{picture}.pdf")),
            )
        } else {
            let only = Picture::DotOnly(format!("{picture}.dot"));
            (only.clone(), only)
        };
        let markdown = worksheet::markdown_in(quiz, sheet, &for_md, lang);
        files.push((md.to_owned(), markdown.into_bytes()));
        let latex = worksheet::latex_in(quiz, sheet, &for_tex, lang);
        files.push((tex.to_owned(), latex.into_bytes()));
    }
    Ok(Worksheet { files, graphviz })
}

/// The picture of one sheet as DOT, and as SVG when Graphviz is installed: in the
/// orientation that prints larger on a page (left to right without Graphviz).
fn sheet_picture(
    quiz: &Quiz,
    sheet: Sheet,
    graphviz: bool,
) -> Result<(String, Option<Vec<u8>>), Failure> {
    let output = quiz
        .graph()
        .get(quiz.output())
        .ok_or_else(|| Failure::failed("the quiz has no output"))?;
    let options = DotOptions::new()
        .show_grad(sheet == Sheet::Answers)
        .legend(false)
        .ancestors_of(output);
    let across_text = dot::to_dot(quiz.graph(), &options);
    if !graphviz {
        return Ok((across_text, None));
    }
    let across = dot::render_dot(&across_text, Format::Svg)?;
    let down_text = dot::to_dot(quiz.graph(), &options.rankdir(RankDir::TopToBottom));
    let down = dot::render_dot(&down_text, Format::Svg)?;
    Ok(if print_scale(&down) > print_scale(&across) {
        (down_text, Some(down))
    } else {
        (across_text, Some(across))
    })
}

/// Writes the worksheet's files into `dir`, all or none.
fn write_worksheet(dir: &Path, worksheet: Worksheet, lang: Lang) -> CliResult {
    let writing = |e| Failure::writing_for("--worksheet", e);
    let mut set = OutputSet::new();
    set.create_dir(dir).map_err(writing)?;
    for (name, bytes) in &worksheet.files {
        set.stage(&dir.join(name), bytes).map_err(writing)?;
    }
    let written = set.commit().map_err(writing)?;
    for path in &written {
        let path = path.display().to_string();
        eprintln!("{}", lang.text("quiz-wrote", &[("path", path.into())]));
    }
    if !worksheet.graphviz {
        eprintln!("{}", lang.text("quiz-no-graphviz", &[]));
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    expression: &'a str,
    at: BTreeMap<&'a str, f64>,
    value: f64,
    scope: &'static str,
    tolerance: JsonTolerance,
    #[serde(skip_serializing_if = "Option::is_none")]
    random: Option<JsonRandom>,
    questions: Vec<JsonQuestion<'a>>,
    right: usize,
    answered: usize,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTolerance {
    relative: f64,
    absolute: f64,
}

#[derive(Serialize)]
struct JsonRandom {
    level: &'static str,
    seed: u64,
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    number: usize,
    node: usize,
    name: &'a str,
    formula: &'a str,
    text: &'a str,
    kind: &'static str,
    value: f64,
    used_by: &'a [String],
    gradient: f64,
    contributions: Vec<JsonContribution<'a>>,
    answer: Option<JsonAnswer<'a>>,
}

#[derive(Serialize)]
struct JsonContribution<'a> {
    from: usize,
    operand: usize,
    local: f64,
    upstream: f64,
    product: f64,
    rule: &'a str,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    text: &'a str,
    value: f64,
    right: bool,
    mistake: Option<JsonMistake>,
}

#[derive(Serialize)]
struct JsonMistake {
    kind: &'static str,
    at: Option<JsonEdge>,
    gives: f64,
    explanation: String,
}

#[derive(Serialize)]
struct JsonEdge {
    from: usize,
    to: usize,
}

fn report<'a>(plan: &'a Plan, answers: &'a [Answer], error: Option<&'a str>) -> JsonReport<'a> {
    let (quiz, exercise, tolerance) = (&plan.quiz, &plan.exercise, plan.tolerance);
    let questions = quiz
        .questions()
        .iter()
        .enumerate()
        .map(|(k, q)| JsonQuestion {
            number: k + 1,
            node: q.node,
            name: &q.tag,
            formula: &q.formula,
            text: &q.text,
            kind: q.kind.as_str(),
            value: q.value,
            used_by: &q.used_by,
            gradient: q.gradient,
            contributions: q
                .contributions
                .iter()
                .map(|c| JsonContribution {
                    from: c.from,
                    operand: c.operand,
                    local: c.local,
                    upstream: c.upstream,
                    product: c.product,
                    rule: &c.rule,
                })
                .collect(),
            answer: answers.get(k).map(|a| JsonAnswer {
                text: &a.text,
                value: a.value,
                right: a.check.right,
                // a machine output: the explanation in English, whatever the dialogue spoke
                mistake: english(quiz, k, a, tolerance).map(|m| JsonMistake {
                    kind: m.kind.as_str(),
                    at: m.at.map(|(from, to)| JsonEdge { from, to }),
                    gives: m.gives,
                    explanation: m.text(),
                }),
            }),
        })
        .collect();
    JsonReport {
        expression: quiz.expression(),
        at: quiz
            .variables()
            .iter()
            .map(|(n, x)| (n.as_str(), *x))
            .collect(),
        value: quiz.value(),
        scope: match quiz.scope() {
            Scope::EveryNode => "every_node",
            Scope::Leaves => "leaves",
        },
        tolerance: JsonTolerance {
            relative: tolerance.relative,
            absolute: tolerance.absolute,
        },
        random: exercise.random.map(|(level, seed)| JsonRandom {
            level: level.as_str(),
            seed,
        }),
        questions,
        right: answers.iter().filter(|a| a.check.right).count(),
        answered: answers.len(),
        total: quiz.questions().len(),
        error,
    }
}

/// The mistake of answer `a` to question `k`, told in English for `--json`.
fn english(quiz: &Quiz, k: usize, a: &Answer, tolerance: Tolerance) -> Option<quiz::Mistake> {
    a.check.mistake.as_ref()?;
    quiz.check(k, a.value, tolerance).mistake
}

fn print_json(report: &JsonReport<'_>) -> CliResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = serde_json::to_writer(&mut out, report)
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let error = e.to_string();
            Err(Failure::failed(super::lang().text(
                "quiz-cannot-write-output",
                &[("error", error.into())],
            )))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neuron() -> (Quiz, Exercise) {
        let e = expr::parse("tanh(x*w + b)").unwrap();
        let values: HashMap<String, f64> =
            HashMap::from([("x".into(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
        let quiz = Quiz::new(&e, &values, Scope::EveryNode).unwrap();
        let exercise = Exercise {
            expr: e,
            values,
            random: None,
        };
        (quiz, exercise)
    }

    fn run_dialogue(input: &str, interactive: bool) -> (Result<Vec<Answer>, Stop>, String) {
        run_dialogue_in(input, interactive, Lang::En)
    }

    fn run_dialogue_in(
        input: &str,
        interactive: bool,
        lang: Lang,
    ) -> (Result<Vec<Answer>, Stop>, String) {
        let (quiz, exercise) = neuron();
        let mut out = Vec::new();
        let result = dialogue(
            &quiz,
            &exercise,
            Tolerance::default(),
            &mut input.as_bytes(),
            &mut out,
            Talk { interactive, lang },
        );
        (result, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_terminal_asks_again_after_a_non_number() {
        let (result, text) = run_dialogue("abc\n\n0.915\n0.915\n0.915\n0.915\n0.458\n", true);
        let answers = result.unwrap();
        assert_eq!(answers.len(), 5);
        assert!(answers.iter().all(|a| a.check.right));
        assert!(
            text.contains("`abc` is not a number; type a number, such as 0.5 or 1 - 0.3^2"),
            "{text}"
        );
        assert!(text.contains("(type a number"), "{text}");
        // the terminal echoes what is typed: no echo here
        assert!(!text.contains("∂f/∂#4 = 0.915\n"), "{text}");
        assert!(text.ends_with("5 of 5 right.\n"), "{text}");
    }

    #[test]
    fn piped_input_is_echoed_and_a_non_number_stops() {
        let (result, text) = run_dialogue("0.915\n\nabc\n", false);
        assert!(
            text.contains("  ∂f/∂#4 = 0.915\n  right: ∂f/∂#4 = 0.915137\n"),
            "{text}"
        );
        let Err(Stop::Input(answers, failure)) = result else {
            panic!("stops: {text}");
        };
        assert_eq!(answers.len(), 1);
        assert_eq!(failure.failure.code, 2);
        assert_eq!(
            failure.failure.message,
            "the answer to question 2 (∂f/∂#3), line 3 of standard input: `abc` is not a \
             number; give one number per line"
        );
    }

    #[test]
    fn the_end_of_input_counts_the_unanswered() {
        let (result, text) = run_dialogue("0.915\n0.5\n", false);
        let Err(Stop::Input(answers, failure)) = result else {
            panic!("stops: {text}");
        };
        assert_eq!(answers.len(), 2);
        assert_eq!(
            failure.failure.message,
            "standard input ended after 2 lines: 3 of 5 questions unanswered"
        );
        assert!(text.ends_with("1 of 5 right; 3 unanswered.\n"), "{text}");
    }

    #[test]
    fn a_terminal_asks_again_in_portuguese() {
        let input = "abc\n\n0,915\n0,915\n0,915\n1 - 0,0849\n0,458\n";
        let (result, text) = run_dialogue_in(input, true, Lang::PtBr);
        let answers = result.unwrap();
        assert_eq!(answers.len(), 5);
        assert!(answers.iter().all(|a| a.check.right), "{text}");
        assert!(
            text.contains("  `abc` não é um número; digite um número, como 0,5 ou 1 - 0,3^2\n"),
            "{text}"
        );
        assert!(
            text.contains("  (digite um número, como 0,5 ou 1 - 0,3^2)\n"),
            "{text}"
        );
        assert!(text.ends_with("Acertos: 5 de 5.\n"), "{text}");
        let left = gradgraph_i18n::english_left(&text);
        assert!(left.is_empty(), "{left:?} in {text}");
    }
}
