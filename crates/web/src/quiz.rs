//! The page's quiz: with the switch on, the page hides the gradients and the learner types
//! each node's; every answer is checked, and a wrong one explained, by the same code as
//! `gradgraph quiz` (gradgraph-quiz: a wrong local derivative, a missing upstream factor, a
//! use left out of a sum or counted twice, the value given for the gradient).

use crate::graph::GraphData;
use gradgraph::Graph;
use gradgraph::expr;
use gradgraph_i18n::Lang;
use gradgraph_quiz::{Quiz, Scope, Tolerance, parse_answer_in};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The quiz of what the page shows: every node's question, in backward's order, and the
/// verdict on each answer given.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuizView {
    /// Why there is no quiz here (no variables, a graph too large, a value that is not
    /// finite).
    pub error: Option<String>,
    /// What the learner does, and how answers are judged.
    pub hint: String,
    /// The questions, in the order backward processes their nodes.
    pub questions: Vec<QuizQuestion>,
    /// How the questions name the operations, by node (`#4`), for the picture to show
    /// beside the node's own name.
    pub tags: BTreeMap<usize, String>,
}

/// One node's question and the verdict on its answer.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuizQuestion {
    /// The node.
    pub node: usize,
    /// What it is: `#4 = #3 + b = 0.3, used by #5`.
    pub heading: String,
    /// What is asked: `∂f/∂#4`.
    pub asked: String,
    /// The answer, as typed (absent before one is given).
    pub answer: Option<String>,
    /// Whether it is right.
    pub right: Option<bool>,
    /// The verdict, as `gradgraph quiz` words it: right, or wrong with the first mistake
    /// that explains the answer and the right computation.
    pub lines: Vec<String>,
}

/// The quiz of `expression` (or of `graph`) at `values`, with the `answers` given so far (by
/// node index), its texts in `lang`: the questions, the verdicts and the diagnoses are
/// `gradgraph quiz`'s own.
pub(crate) fn view(
    expression: &str,
    graph: Option<&GraphData>,
    values: &HashMap<String, f64>,
    answers: &BTreeMap<String, String>,
    lang: Lang,
) -> QuizView {
    let quiz = match graph {
        Some(data) => {
            let g = Graph::with_capacity(data.nodes.len(), 2 * data.nodes.len());
            match data.build(&g, values).map(|y| y.index()) {
                Ok(output) => {
                    let title = format!("f = {}", g.term(g.get(output).unwrap_or(g.constant(0.0))));
                    Quiz::from_graph(g, output, title, Scope::EveryNode).map_err(|e| e.text(lang))
                }
                Err(message) => Err(message),
            }
        }
        None => expr::parse(expression)
            .map_err(|e| gradgraph_i18n::parse_error_text(lang, &e))
            .and_then(|e| Quiz::new(&e, values, Scope::EveryNode).map_err(|e| e.text(lang))),
    };
    let quiz = match quiz {
        Ok(quiz) => quiz,
        Err(error) => {
            return QuizView {
                error: Some(error),
                ..QuizView::default()
            };
        }
    };
    let tolerance = Tolerance::default();
    let questions = quiz.questions();
    let n = questions.len();
    let tags = (0..quiz.graph().len())
        .map(|i| (i, quiz.tag(i)))
        .filter(|(_, tag)| tag.starts_with('#'))
        .collect();
    QuizView {
        error: None,
        tags,
        hint: lang.text("quiz-page-hint", &[]),
        questions: questions
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let answer = answers
                    .get(&q.node.to_string())
                    .map(|a| a.trim().to_owned());
                let (right, lines) = match answer.as_deref() {
                    None | Some("") => (None, Vec::new()),
                    Some(text) => match parse_answer_in(text, lang) {
                        Err(why) => (
                            None,
                            vec![lang.text("quiz-ask-again", &[("why", why.into())])],
                        ),
                        Ok(value) => {
                            let check = quiz.check_in(k, value, tolerance, lang);
                            (
                                Some(check.right),
                                q.verdict_in(value, &check, k + 1 < n, lang),
                            )
                        }
                    },
                };
                QuizQuestion {
                    node: q.node,
                    heading: q.heading_in(lang),
                    asked: q.asked(),
                    answer,
                    right,
                    lines,
                }
            })
            .collect(),
    }
}
