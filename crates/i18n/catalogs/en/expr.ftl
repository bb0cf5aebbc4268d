# gradgraph expr's texts in English. Every message here is in ../pt-BR/expr.ftl too, in the
# same order, with the same variables (a test checks it); the Portuguese follows the
# glossary, book/src/glossary.md.

## gradgraph expr: the report

# after the expression, the variables' values: "at b = -0.2, w = 0.5, x = 1"
expr-at = at { $values }
expr-no-variables = (no variables: nothing to differentiate)
# --at NAME=0,5 in English
expr-comma = --at { $binding }: write the number with a decimal point, --at { $fixed } (a decimal comma is read in Portuguese: --lang pt-BR or GRADGRAPH_LANG=pt-BR)

## the backward pass, as --trace prints it

trace-title = backward pass, output first (upstream = ∂f/∂node):
trace-node = node
trace-data = data
trace-upstream = upstream
trace-sent = sent to each input: local × upstream = product
trace-variable = variable: ∂f/∂{ $name } = { $gradient }
trace-constant = constant: no gradient kept

## gradgraph expr --hessian

hessian-title = second derivatives ∂²f/∂row∂column (backward through the gradient graph):
hessian-not-finite-one = a second derivative is not a finite number: { $entry }
hessian-not-finite-many = second derivatives are not finite numbers: { $entries }{ $more }
hessian-more = {" "}and { $count } more
hessian-first-error = ; in the backward pass from ∂f/∂{ $name } through the gradient graph, { $detail } (--grad-graph { $name } --svg FILE draws that graph, numbered so)

## --hessian and --grad-graph: what they refuse

grad-graph-nothing-drawn = --grad-graph chooses what --dot, --svg, --png, --tikz, --html, --frames and --latex draw, but none of them was given: add one, for example --svg grad.svg
grad-graph-no-variables = --grad-graph: the expression has no variables, so it has no gradient to draw
grad-graph-choose-one = { $flag } steps through the backward pass of one output, and the gradient graph has { $count } ({ $outputs }): name the variable whose gradient to draw, for example --grad-graph { $example }
hessian-too-many-variables = --hessian: the expression has { $variables } variables, more than the limit of { $limit } (its table would have { $entries } entries)
hessian-too-many-nodes = { $flag }: the expression has { $size } nodes, more than the limit of { $limit } for its gradient graph (a few nodes for each of the expression's); use a smaller expression
hessian-too-much-work = --hessian: { $passes } backward passes (one per variable) through a gradient graph of { $nodes } nodes are { $work } node visits, more than the limit of { $limit }; use an expression with fewer variables or nodes
grad-graph-too-large = --grad-graph: the gradient graph would have { $size } nodes, more than the limit of { $limit } for a picture; draw a smaller expression
grad-graph-too-large-to-render = --grad-graph: the gradient graph has { $size } nodes, more than the limit of { $limit } for rendering (Graphviz's `dot` takes seconds for a few thousand nodes and minutes for 10,000); raise it with --max-nodes, write it with --dot alone, or draw a smaller expression
grad-graph-too-many-frames = --frames: the backward pass through { $output } has { $steps } steps, more than the limit of { $limit } frames; raise it with --max-frames (up to { $most }) or draw a smaller expression
