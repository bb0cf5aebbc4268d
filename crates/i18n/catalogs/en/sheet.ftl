# The worksheet and its answer key in English (gradgraph quiz --worksheet: Markdown and
# LaTeX). Every message here is in ../pt-BR/sheet.ftl too, in the same order, with the same
# variables (a test checks it); the Portuguese follows book/src/glossary.md.

sheet-title = Backpropagation by hand
sheet-title-answers = Backpropagation by hand: answer key
# "f = `tanh(x*w + b)` at b = -0.2, w = 0.5, x = 1."
sheet-at = { $expression } at { $values }.
sheet-picture = The graph of f: each box is a node with its name and value
sheet-picture-answers = The graph of f: each box is a node with its name, value and gradient
sheet-dot-only-md = The graph of f is in `{ $file }`; render it with Graphviz: `dot -Tsvg { $file } -o { $stem }.svg`.
sheet-dot-only-comment = The picture of the graph: render { $file } with Graphviz, `dot -Tpdf { $file } -o { $stem }.pdf`,
sheet-dot-only-comment-include = and include it here with \includegraphics.
sheet-dot-only-tex = The graph of { $f } is in { $file }; render it with Graphviz.
sheet-forward = The forward pass
sheet-node = node
sheet-formula = formula
sheet-part = part of { $f }
sheet-value = value
sheet-used-by = used by
sheet-backward = The backward pass
sheet-instructions = Backward starts at the output with ∂f/∂{ $output } = 1. Work out the gradient ∂f/∂node of { $which }, in this order (the order backward processes them). Each use of a node sends it local derivative × upstream gradient; a node used several times adds them up.
# a node's users: "#2, #1 (twice)"
sheet-twice = { $tag } (twice)
sheet-times = { $tag } ({ $n } times)
sheet-how = How each gradient is computed
sheet-graph = The graph of { $f }
sheet-graph-later = (The graph of { $f } is on a page of its own, after the tables.)
# a comment of the LaTeX sheet, above the line that writes the picture's sizes to the log
sheet-sizes-comment = the sizes, for checks: the graph's own, then as drawn
