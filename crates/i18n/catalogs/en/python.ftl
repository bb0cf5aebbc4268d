# The Python package's texts in English (crates/py): its exceptions and what a notebook
# shows. Every message here is in ../pt-BR/python.ftl too, in the same order, with the same
# variables.

## a notebook's output

py-page-note = { $title }: if nothing shows above, run the cell or trust the notebook
py-page-zoom = ; over the graph, Ctrl or ⌘ with the wheel zooms it
py-title-expr = the live page of f = { $expression }
py-title-value = the live page of a value's graph
py-title-net = a trained MLP
py-fit-note = trained by MLP.fit: { $steps } { $steps ->
    [one] step
   *[other] steps
}, the same losses as in Python
py-fit-repr = Fit({ $steps } steps of { $loss }: { $losses }, { $measure })

## arguments of the wrong type or value

py-must-be-int = { $name } must be an int, not { $type }
py-at-least-one = { $name } must be at least 1, not { $value }
py-at-least-zero = { $name } must be at least 0, not { $value }
py-must-be-number = { $name } must be a number, not { $type }
py-must-be-finite = { $name } must be a finite number, not { $value }
py-int-too-large = { $name }: this int is too large for a float (the largest is about 1.8e308)
py-height-type = height must be an int (pixels), not { $type }
py-height-range = height must be 200 to 4000 pixels, not { $value }
py-mode = mode must be one of { $modes }, not { $mode }
py-nothing-to-show = a { $type } has nothing to show: display takes a Value, an expr result, a trained MLP or its Fit
py-no-trace = a { $type } has no backward pass to show
py-no-picture = a { $type } has no still picture; use mode='page'
py-no-page-yet = this { $type } has no page yet (train it with fit first)
py-path-type = a path must be a str or a path object, not { $type }
py-activation-type = activation must be a str, not { $type }
py-lang = unknown language { $lang }: gradgraph speaks 'en' (English) and 'pt-BR' (Portuguese)

## Value

py-child-type = Value(data, _children): every child must be a Value, not { $type }
py-op-unknown = Value(data, _children, _op={ $op }): gradgraph computes the gradients itself, so _op must name one of its ops taking { $count } operand(s): + - * / ** **2 ReLU tanh exp log sigmoid ...
py-label-type = Value.label must be a str, not { $type }
py-pickled-op = a pickled Value: no op named { $op }
py-pickled-arity = a pickled Value: { $op } takes { $arity } operands, not { $count }
py-operand = the number beside a Value in `{ $op }`
py-exponent = the exponent in `Value ** p`
py-pickled-part = a pickled Value's { $part }
py-leaf-quiz = a quiz asks for the gradients of a value built from others; this one is a leaf
py-page-limit = the live page: { $why }
py-output-missing = the output is missing

## expr

py-expr-type = expr(source): the expression must be a str, not { $type }
py-expr-too-long = the expression has { $bytes } bytes, more than gradgraph's limit of { $limit }
py-no-such-variable = { $binding }: the expression has no variable `{ $name }`; its variables are { $variables }
py-did-you-mean = { $binding }: the expression has no variable `{ $name }`; did you mean `{ $close }`?
py-no-variables = { $binding }: the expression has no variables
py-value = VALUE
py-variable-value = { $name }: the value of a variable
py-missing-values = { $count ->
    [one] no value for variable { $names }: add { $fix }
   *[other] no value for variables { $names }: add { $fix }
}

## quiz

py-scope = scope must be "every" or "leaves", not { $scope }
py-quiz-values = a Value's quiz takes the numbers already in its graph: give no values
py-quiz-target = quiz(target): a Value or an expression (str), not { $type }
py-question-index = question { $index }: the quiz has { $count } questions, 0 to { $last }
py-answer-type = an answer is a number or a text, not { $type }

py-answer = an answer
py-quiz-right = right: { $asked } = { $gradient }
py-quiz-repr = Quiz on f = { $expression } ({ $count ->
    [one] 1 question
   *[other] { $count } questions
}):
## neurons, layers, MLPs, training

py-neuron-size = a neuron of { $inputs } inputs is more than gradgraph's limit of { $limit } parameters
py-layer-size = a layer of { $inputs }x{ $outputs } weights is more than gradgraph's limit of { $limit } parameters
py-mlp-size = an MLP of { $count } parameters is more than gradgraph's limit of { $limit }
py-nouts-empty = nouts is empty: give the size of each layer, the output last
py-each-size = each size in nouts
py-activations-count = { $count } activations for { $hidden } hidden layers: give one per hidden layer, or one name for all
py-inputs-count = the neuron has { $weights } weights but was given { $inputs } inputs
py-neuron-input = a neuron's input must be a finite number, not { $value }
py-call-type = a module is called on a list of { $count } numbers or Values, not { $type }
py-input-type = input { $index } is a { $type }: a module is called on numbers or Values
py-rows-type = { $name } must be a list of rows (lists of numbers) or a 2-D NumPy array
py-cell-type = { $name }[{ $row }][{ $column }] is a { $type }, not a number
py-targets-type = y must be a list of numbers or a NumPy array
py-target-type = y[{ $index }] is a { $type }, not a number
py-x-empty = X is empty: give at least one sample
py-x-too-many = X has { $count } samples, more than gradgraph's limit of { $limit }
py-x-width = X[{ $index }] has { $count } numbers, but the MLP takes { $inputs } inputs
py-x-finite = X[{ $row }][{ $column }] is { $value }: every input must be a finite number
py-y-count = y has { $targets } targets for { $samples } samples of X: give one target per sample
py-y-finite = y[{ $index }] is { $value }: every target must be a finite number
py-batch-zero = batch_size: 0 is not a batch; give at least 1 (or None for all)
py-finite-at-least-zero = { $name } must be a finite number, at least 0, not { $value }
py-data = the data
py-diverged-loss = the training diverged: the loss was { $loss } at step { $step } (it was { $first } at step 0); a smaller lr (now { $lr }), or clip_norm, keeps it finite
py-diverged = the training diverged ({ $why }); a smaller lr (now { $lr }), or clip_norm, keeps the weights finite
py-numbers-count = { $numbers } numbers for { $parameters } parameters
py-parameter-finite = parameter { $index } would be { $value }: every parameter must be a finite number
py-parameters = the MLP's parameters
py-model-format = { $source }: not a JSON or safetensors model file
py-model-batch-norm = { $source }: a net with batch normalisation; gradgraph.nn's MLP has none
py-model-output = { $source }: this net ends in a { $output } output; gradgraph.nn's MLP, as micrograd's, ends linear (gradgraph predict --load uses it as it is)
py-model-too-large = { $source }: { $bytes } bytes, more than gradgraph's limit of { $limit } for a model file
py-model-folder = cannot write a model over a folder
py-model-no-folder = no such folder to write the model in
py-prelu = prelu learns a slope in each neuron, which gradgraph.nn's Neuron does not have: use leaky_relu
py-labels-regression = labels: { $name } is a regression (its targets are numbers, not classes); give no labels
py-labels-count = labels: { $name } has { $classes } classes, but { $labels } labels were given
