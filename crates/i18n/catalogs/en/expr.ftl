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
