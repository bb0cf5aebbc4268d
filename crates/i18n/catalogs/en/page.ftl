# The live page's texts in English (gradgraph page, expr --html): what page.html and page.js
# show, and the steps, derivations and errors the engine writes for it in WebAssembly
# (crates/web). Every message here is in ../pt-BR/page.ftl too, in the same order, with the
# same variables. The page's script fills a message's variables itself: a message it shows
# (page-*) has no plural variants.

## the header and the graph

page-mode-label = what to explore
page-mode-expression = expression
page-mode-expression-title = An expression: its graph, its forward and backward passes, step by step
page-mode-net = net
page-mode-net-title = A net trained live on data you can change, with every gradient
page-back = ← back to the net
page-back-title = Back to the net, as you left it
page-by = backpropagation, live · gradgraph
page-lang-label = language
page-lang-en-title = Show the page in English
page-lang-pt-title = Show the page in Portuguese
page-stage-label = the graph
page-fit = fit
page-fit-title = Fit the whole graph in view (F)
page-zoom-in-title = Zoom in (+)
page-zoom-out-title = Zoom out (−)
page-loading = loading the engine…
page-engine-failed = the engine failed: { $error }
page-could-not-start = the page could not start: { $error }

## the panel: the expression, its variables, the results

page-graph-placeholder = a graph (type to replace it)
page-vars-label = the variables
page-value-of = the value of { $name }
page-drag-value-of = drag the value of { $name }
page-results-title = the value and the gradients, as the passes end
page-results-note = where the passes end:
page-quiz = quiz: work out the gradients yourself
page-quiz-title = Hide the gradients and work them out yourself; each answer is checked, a wrong one explained
page-quiz-none = no quiz here: { $error }
page-quiz-found = { $done } of { $total } found.

## stepping

page-first-title = First step (Home)
page-prev-title = Previous step (←)
page-play = play
page-pause = pause
page-play-title = Play or pause (space)
page-next-title = Next step (→)
page-last-title = Last step (End)
page-speed-title = Playing speed
page-speed-half = 0.5×
page-slider-label = step
page-phase-forward = forward
page-phase-backward = backward
page-start = start: the variables are set
page-press-next = press → (next) to compute forward, one operation at a time
page-done = done: { $gradients }
page-derivation-title = the gradient of { $name }

## the legend

page-legend = legend
page-legend-variable = a variable (its value is yours: type it or drag its slider)
page-legend-constant = a constant (it keeps no gradient)
page-legend-operation = an operation, named by what it computes
page-legend-output = the output f (thick border)
page-legend-pending = not computed yet
page-legend-current = the current step's node
page-legend-computed = computed by the forward pass
page-legend-received = has received (part of) its gradient
page-legend-done = has sent its gradient on (backward done with it)
page-legend-selected = the node whose derivation is shown (click another)
page-legend-edge = an edge's label: its local derivative, shown once backward uses it
page-legend-hint = Click a node for the derivation of its gradient. Keys: → ← space Home End; wheel or + − to zoom, drag to pan.

## the steps, as the engine writes them

step-forward-title = forward: compute { $name }
step-output = ∂f/∂f = 1: { $name } is the output
step-constant = a constant: no gradient kept
step-variable = a variable: ∂f/∂{ $name } = { $gradient } is its gradient
step-operand-constant = { $operand } is a constant: it keeps no gradient
step-leaf-title = backward: { $name } has its gradient
step-send-title = backward: { $name } sends its gradient to its inputs
# where a node uses the same value twice (x·x): ", through the 1st operand"
step-through = , through the { $nth } operand
step-nth-1 = 1st
step-nth-2 = 2nd
step-nth-3 = 3rd
step-nth = { $n }th

## a node's derivation, as the engine writes it

derivation-output = ∂f/∂{ $name } = 1: it is the output f
derivation-constant = { $name } is a constant: it keeps no gradient (nothing can change it)
derivation-unused = ∂f/∂{ $name } = 0: f does not depend on it
derivation-rule = ∂f/∂{ $name } = Σ over the nodes that use it: ∂node/∂{ $name } · ∂f/∂node
derivation-sum = sum: ∂f/∂{ $name } = { $gradient }
derivation-check = check: (f({ $name } + h) − f({ $name } − h)) / 2h = { $difference } with h = { $h }; backward gives { $gradient }

## the page's own errors

page-error-malformed = the page sent a malformed request: { $error }
page-error-too-long = the expression has { $chars } characters, more than the page's limit of { $limit }
page-error-not-a-number = the value of `{ $name }`: `{ $text }` is not a number
page-error-not-finite = the value of `{ $name }` must be a finite number, not { $text }
page-error-bad-graph = the page was handed a bad graph: { $error }
page-error-too-large = the graph has { $nodes } nodes, more than the { $limit } the page draws: the value and the gradients are above, the picture is the last one drawn
page-error-no-quiz = no quiz without a graph: fix the expression first

## the quiz panel's own texts (the questions and the diagnoses are gradgraph-quiz's)

quiz-page-hint = Work out the backward pass by hand, from ∂f/∂f = 1: type ∂f/∂node of each node, in the order backward processes them (answers may be arithmetic, such as 1 - 0.29^2; right within 0.1%, or 1e-6 near 0).
