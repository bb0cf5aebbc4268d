# The texts of the graph pictures (DOT, SVG, PNG, backward frames): node records, legends,
# titles. Each message is also in ../pt-BR/pictures.ftl, in the same order, with the same
# variables.

## a value's record: { label | data 0.5000 | grad 0.7864 }

pic-data = data { $value }
pic-grad = grad { $value }
pic-grad-blank = grad
pic-no-grad = no grad kept

## the legend

pic-legend = legend
pic-input = input
pic-parameter = parameter
pic-constant = constant
pic-intermediate = intermediate
pic-output = output
pic-op = op
pic-group = group (collapsed)
pic-current = being processed
pic-received = grad received,
    not processed yet
pic-note-sent = edge label: local derivative × upstream grad = grad sent
pic-note-blank = blank grad: nothing received yet
pic-note-grey = grey edges: not traversed yet
pic-note-local = edge label: local derivative ∂ result / ∂ operand
pic-note-merged = ×k: k edges between the same two nodes
pic-note-bundle = dashed edge between layers: every neuron to every neuron
pic-note-fan = "to all n": one edge to each neuron of the layer

## the collapsed views

pic-values = { $n ->
    [one] { $n } value
   *[other] { $n } values
}
pic-to-all = to all { $n }
pic-all-weights = all { $m } × { $n } weights
pic-edges = { $n ->
    [one] { $n } edge
   *[other] { $n } edges
}

## which operand is which, on an edge

pic-role-from = from
pic-role-minus = minus
pic-role-numerator = numerator
pic-role-denominator = denominator
pic-role-base = base
pic-role-exponent = exponent
pic-role-slope = slope
pic-role-condition = condition
pic-role-then = then
pic-role-else = else

## the backward frames' titles

pic-frame-title = backward step { $step } of { $total }: { $holds } { $value }
pic-frame-holds-named = { $node } ({ $op }) holds ∂{ $output }/∂{ $of } =
pic-frame-holds = { $node } ({ $op }) holds grad
pic-frame-holds-index = node #{ $index } ({ $op }) holds grad
pic-frame-constant = a constant: backward does not keep its gradient
pic-frame-leaf = a leaf: nothing more to send
pic-frame-sends = { $n ->
    [one] sends local derivative × upstream to its operand
   *[other] sends local derivative × upstream to its { $n } operands
}

## why a picture is drawn collapsed

pic-fit-size = the graph has { $size } values
pic-fit-size-limit = the graph has { $size } values, more than the limit of { $limit } for rendering
pic-fit-stack = { $how } it would stack { $count } { $what }, about { $height } pt high
pic-fit-full = drawn in full
pic-fit-per = one node per { $unit }
pic-fit-drawn = { $reasons }: drawn collapsed, one node per { $unit } ({ $nodes } nodes)
pic-unit-value = value
pic-unit-neuron = neuron
pic-unit-layer = layer
pic-stack-values = values
pic-stack-neurons = neurons

## the plots of the experiments

plot-class = class { $k }

plot-activations-title = Activations (solid) and their derivatives computed by backward (dashed)

## the names the nets and the course's examples give their groups

pic-group-layer = layer
pic-group-neuron = neuron
pic-group-sample = sample
pic-group-loss = loss
pic-group-step = step
pic-group-unit = unit
pic-group-output = output
pic-group-batch-norm = batch norm { $layer }
plot-step = step
plot-loss = loss
plot-xor-hidden = hidden node { $node }
plot-xor-output = output: P(class 1)
plot-xor-title = XOR, 2-2-1: two hidden lines, combined by the output node
plot-xor-seeds-title = XOR from { $seeds } seeds: loss per step (blue: solved, orange: stuck)
plot-xor-solved = solved
plot-xor-stuck = stuck
plot-circles-threshold = node { $node }: soft threshold
plot-circles-ridge = ridge: nodes { $a } + { $b }
plot-circles-bump = bump: Σ v·h + c
plot-circles-output = output σ(bump)
plot-circles-net = 2-{ $hidden }-1 net: held-out accuracy { $accuracy }%
plot-circles-loss = training loss (BCE)
plot-circles-hidden-title = The trained net's 4 hidden nodes: soft thresholds, ridges, a bump
plot-circles-construction-title = The course's construction by hand (held-out accuracy { $accuracy }%)
plot-regression-fit = { $function } on { $interval }: RMSE { $rmse }
plot-regression-data = training data
plot-regression-net = net
plot-regression-title = One hidden layer approximates x², 1/x and sin x
plot-gradient-norm = gradient norm
plot-norm-ratio = ratio of gradient norms
plot-hidden-layers = hidden layers
plot-first-hidden-layer = first hidden layer
plot-output-layer = output layer
plot-vanishing-layers-panel = { $activation }, { $deepest } hidden layers
plot-vanishing-layer-axis = layer (1 = nearest the input; last = output)
plot-vanishing-depth-panel = { $activation }: first layer / output layer
plot-vanishing-layers-title = Gradient norm of each layer at initialisation
plot-vanishing-depth-title = How much gradient reaches the first layer, by depth
plot-vanishing-norms = gradient norm: layer 1 (solid), output (dashed)
plot-vanishing-ratio = layer 1 / output layer
plot-vanishing-training-title = During training, { $depth } hidden layers: how much gradient reaches the first layer
plot-first-layer = first layer
plot-exploding-depth = ReLU, weights U(±{ $scale }): gradient norm at initialisation
plot-exploding-off = plain SGD (off the chart from step { $step })
plot-exploding-training = training { $depth } hidden layers
plot-exploding-loss = loss (MSE)
plot-exploding-title = Exploding gradients and gradient clipping
plot-rnn-loss = training loss (BPTT)
plot-rnn-mse = MSE
plot-rnn-through-time = gradient through time
plot-rnn-time-step = time step t of the window
plot-rnn-after = after training
plot-rnn-before = before training
plot-rnn-predictions = next-value predictions
plot-rnn-series = series
plot-rnn-prediction = prediction
plot-rnn-title = A recurrent net trained by backpropagation through time
