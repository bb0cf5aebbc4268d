"""gradgraph: backpropagation made visible.

micrograd's ``Value`` on a Rust engine: the same API (``from gradgraph import Value`` in
place of ``from micrograd.engine import Value``), the numbers of gradgraph's command line to
the last bit, and in a notebook the live page of any value's graph, stepping through its
forward and backward passes.

- ``Value``: a number in a graph, with ``+ - * / **``, ``relu``, ``tanh``, ``exp``, ``log``,
  ``sigmoid`` and the rest of gradgraph's ops, ``backward()``, and ``to_dot``, ``to_svg``,
  ``to_tikz``, ``to_latex``, ``trace`` and ``page``.
- ``gradgraph.nn``: micrograd's ``Neuron``, ``Layer`` and ``MLP``, with ``fit`` and
  ``predict`` running in Rust, ``save`` and ``load``.
- ``expr("tanh(x*w + b)", x=1, w=0.5, b=-0.2)``: the command line's ``expr``.
- ``quiz(value)``: a question for each node's gradient, a wrong answer diagnosed.
- ``display(obj, mode="page" | "svg" | "trace")``.
- ``set_lang("pt-BR")``: messages, traces and pages in Brazilian Portuguese, numbers with a
  decimal comma (``set_lang("en")`` for English; by default the environment's language,
  ``GRADGRAPH_LANG`` or the locale, as the command line chooses it). ``display``, ``trace``
  and ``page`` also take ``lang=`` for one call.
"""
from . import _engine
from ._display import display
from ._engine import Expr, ExprError, Quiz, Value, get_lang, quiz, set_lang
from ._engine import expr_of as expr

__all__ = ["Value", "Expr", "ExprError", "Quiz", "expr", "quiz", "display", "set_lang",
           "get_lang", "nn"]



from . import nn  # noqa: E402  (after Value exists)
