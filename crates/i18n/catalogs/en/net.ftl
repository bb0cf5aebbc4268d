# The live page's net mode in English (the training playground): what page.html, net.js and
# the engine (crates/web/src/net.rs) show. Every message here is in ../pt-BR/net.ftl too, in the
# same order, with the same variables.

## the form and the controls

net-page-title = { $name }: a net trained live
net-preset = preset
net-stat-step = step
net-stat-loss = loss
net-stat-held-out = held out
net-click = click:
net-click-add = add
net-click-delete = delete
net-click-pick = pick a sample
net-head = the net
net-head-note = edge: width and colour = weight (blue +, orange −); hover for its gradient, click to set it; click a neuron to pick it
net-dataset = data set
net-samples = samples
net-noise = noise
net-test-fraction = held out
net-csv = CSV file
net-hidden = hidden
net-activation = activation
net-activations = per layer
net-loss = loss
net-output = output
net-optimizer = optimiser
net-lr = learning rate
net-lr-end = decay to
net-steps = steps
net-batch = batch size
net-l2 = L2
net-clip-value = clip value
net-clip-norm = clip norm
net-seed = seed
net-stop-loss = stop below loss
net-stop-100 = stop at 100% accuracy
net-net-panel-aria = the data, the net and the training settings
net-noise-placeholder = default
net-hidden-title = The hidden layers' sizes, comma-separated (none for no hidden layer), as train --hidden takes them
net-activations-title = One activation per hidden layer, comma-separated (overrides the one above)
net-activations-placeholder = e.g. tanh,relu
net-lr-end-title = The rate falls linearly to this value at the last step
net-lr-end-placeholder = no decay
net-steps-title = Training pauses here (press play to go on); the decay's horizon
net-batch-placeholder = all
net-clip-value-placeholder = none
net-clip-norm-placeholder = none
net-stop-loss-placeholder = no
net-net-centre-aria = the data and the model's answer
net-train-play-title = Train or pause (space)
net-train-step-title = One step (→)
net-train-reset-title = Back to step 0, with the same first weights
net-train-reseed-title = New first weights (the next seed); the data stays
net-speed-net-title = Steps per frame
net-loss-now-title = the training loss now (the whole training set, with L2)
net-map-aria = the data and the model's answer: click to add, delete or pick a point
net-click-mode-aria = what a click on the map does
net-add-class-title = The class of the points you add
net-net-right-aria = the net and its training curves
net-loss-chart-aria = the loss per step, log scale
net-norm-chart-aria = each layer's gradient norm per step, log scale
net-legend-data = data
net-legend-net = net
net-legend-training = training
net-train-play = train
net-train-step = step
net-train-reset = rewind
net-train-reseed = new weights
net-option-own = (your own settings)
net-option-momentum = momentum (0.9)
net-speed-1 = 1 step/frame
net-speed-2 = 2 steps/frame
net-speed-5 = 5 steps/frame
net-speed-20 = 20 steps/frame
net-speed-100 = 100 steps/frame

## the course's experiments (presets)

net-preset-xor-title = XOR, 2-2-1
net-preset-xor-note = The course's 2-2-1 net learns XOR from this start: each hidden neuron draws one line and the output combines the two. Then press "new weights" a few times: about half of the random starts get stuck at 50% or 75% (a local minimum).
net-preset-circles-title = circles, 4 hidden neurons
net-preset-circles-note = One hidden layer of 4 neurons, as in the course: each neuron is a line, and together they close a curve around the inner ring. Add points of either class (click the map) and watch the boundary move; squares are held out.
net-preset-x2-title = x² on [−1, 1]
net-preset-x2-note = f(x) = x² with one hidden layer of 16 tanh neurons: the curve bends to the parabola. Click to add points off the curve and watch it follow them.
net-preset-reciprocal-title = 1/x on [1, 100]
net-preset-reciprocal-note = f(x) = 1/x: steep near 1, flat after. On the loss curve's log scale the loss keeps falling long after the curve looks right.
net-preset-sine-title = sin x on [1, 2π]
net-preset-sine-note = f(x) = sin x with one hidden layer of 16 tanh neurons: a few neurons make each bend of the curve.
net-preset-vanishing-title = vanishing gradients
net-preset-vanishing-note = Ten hidden layers of sigmoid neurons: on the gradient-norm chart, layer 1's is orders of magnitude below the output's (each sigmoid multiplies it by at most 0.25) and the loss barely moves. Set the activation to relu and train again.

## the form's own texts and checks

net-loss-default = default for the task
net-output-default = default for the loss
# the activation step(x) in the menu (its name in the expression language stays step)
net-activation-step = step
net-hidden-none = none
net-file = { $name } (file)
net-class = class { $k }
net-bad-box = { $what }: "{ $text }" is not { $need }
net-need-whole = a whole number, at least { $min }
net-need-above = a number above { $min }
net-need-at-least = a number, at least { $min }
net-need-number = a number
net-bad-fraction = { $what }: { $value } is not a fraction below 1
net-bad-hidden = { $what }: "{ $text }" is not a list of layer sizes like 4 or 8,8 (or { $none })
net-add-two-inputs = points are added on the map of a data set with two inputs
net-no-answer = no answer from the engine

## training

net-pause = pause
net-stopped-loss = stopped at step { $step }: the loss { $loss } is below { $below }.
net-stopped-all-right = stopped at step { $step }: 100% of the training points are right.
net-done = { $step } steps done.
net-done-jumps = { $step } steps done; the loss jumps around (between { $lo } and { $hi } over the last { $w } steps) instead of falling: a smaller learning rate would steady it.
net-done-falling = { $step } steps done, and the loss is still falling ({ $fall }% over the last { $w } steps): more steps would lower it. Press train to go on.
net-done-level-right = { $step } steps done; the loss has levelled off with { $right }% right: another activation, a wider net, another learning rate or new weights may do better.
net-done-level = { $step } steps done; the loss has levelled off.
net-rewound = rewound: step 0, the same first weights.
net-reseeded = new first weights, from seed { $seed }; the data stays.
net-title = { $dataset } · { $sizes } net · { $activations } · { $loss } loss
net-no-hidden-layer = no hidden layer
net-accuracy = accuracy
net-test-classes = loss { $loss }, { $accuracy }
net-test-regression = loss { $loss }, RMSE { $rmse }

## the map

net-map-cannot = the map draws two inputs and classes, or one input and a value;
net-map-one-input = 1 input
net-map-inputs = { $n } inputs
net-map-classes = { $n } classes
net-map-a-value = a value
net-map-this-data = this data has { $inputs } and { $targets }: the points show x1 and x2
net-map-legend-curve = ● training point   □ held out   — the model's curve
net-map-legend-boundary = ● training   □ held out   — boundary (output { $threshold })
net-map-legend-classes = ● training   □ held out   colour: the class chosen

## the net and its weights

net-view-aria = the net: neurons in layers, every weight an edge
net-neuron-tip = neuron { $name }: click to pick it
net-layer-output = output
net-every-hidden-layer = { $name } (every hidden layer)
net-weight = { $name } = { $value }   ∂L/∂{ $name } = { $gradient }   (click to set)
net-set-weight = set { $name } =
net-set-weight-hint = (Enter to set, Esc to leave)
net-set-by-hand = { $name } set by hand: the outputs, the loss and the gradients are the new weight's.

## the curves

net-chart-step = step
net-chart-training = training
net-chart-held-out = held out
net-chart-loss-title = loss (log scale)
net-chart-loss = loss
net-chart-layer = layer { $n }
net-chart-norm-title = gradient norm of each layer (log scale)

## one sample's chain rule

net-picked-none = One sample's chain rule: pick a point (click: pick a sample) and, if you like, a neuron (click it in the net).
net-picked-point = point { $n }
net-picked-held-out-point = held-out point { $n }
net-picked-whole = { $what }, the whole graph (click a neuron in the net to follow one):
net-picked-neuron = { $what } through neuron { $neuron }:
net-open-chain = step its chain rule →

## what the engine says in the net mode (crates/web/src/net.rs)

net-error-unreadable = the page's request could not be read: { $error }
net-error-unwritable = the answer could not be written: { $error }
net-error-no-net = no net yet: choose a data set first
net-error-field = { $field }: { $error }
net-first-weights = the first weights
net-error-steps-per-request = { $steps } steps in one request is more than the page's { $limit }
net-error-point-inputs = a point of this data has { $n } inputs, not { $given }
net-error-point-finite = a point's inputs and target must be finite numbers
net-error-class = a class is 0 to { $last }, not { $given }
net-error-max-points = the page trains on at most { $limit } points
net-error-two-points = training needs at least 2 points: add one before deleting this one
net-error-no-point = there is no point { $index }: there are { $count }
net-parameter = parameter { $index }
net-error-parameter = { $name }: "{ $text }" is not a number; type one like 0.5 or -1.2e-3
net-error-diverged = training diverged: { $error }; rewind, or lower the learning rate
net-error-not-finite = a loss or a gradient is no longer a finite number, at step { $step }
net-loss-node = loss
net-sample-training = training point { $n } ({ $inputs }, { $what })
net-sample-held-out = held-out point { $n } ({ $inputs }, { $what })
net-sample-whole = { $title }, down to its loss
net-sample-neuron = { $title }, through neuron { $neuron }, down to its loss
net-note-bce = the loss is binary cross-entropy on the score z, written softplus(z) − y·z: the same number as −[y·log σ(z) + (1 − y)·log(1 − σ(z))], without the rounding of log σ for large |z| (PyTorch's BCEWithLogitsLoss)
net-note-hinge = the loss is the hinge relu(1 − y·z) on the score z, with the target y as −1 or 1
net-note-cross-entropy = the loss is cross-entropy on the scores, written log Σ exp(z) − Σ y·z with the targets y one-hot: the same number as −log softmax(z) of the right class
net-error-sample-too-large = this sample's graph has { $nodes } nodes, more than the { $limit } the page opens; pick a neuron to see only what passes through it, or use a smaller net
net-node = node { $i }
net-error-neuron-name = neuron "{ $text }": name one as LAYER.NEURON, like 1.2 (layer 1 to { $layers })
net-error-neuron-range = neuron { $text }: layer { $layer } has neurons { $layer }.1 to { $layer }.{ $last }
net-error-csv-too-big = { $name }: { $bytes } bytes, more than the page's limit of { $limit } for a CSV file
net-error-unknown-dataset = unknown dataset "{ $name }"; built-in: { $builtin } (or load a CSV file)
net-error-samples-limit = { $what }: { $n } is more than the page's limit of { $limit }
net-error-too-many-samples = { $name }: { $n } samples, more than the page's limit of { $limit }
net-error-activations-count = { $activations } activations for { $hidden } hidden layers: give one per hidden layer, or one for all
net-error-empty-layer = a hidden layer needs at least 1 neuron
net-error-output-loss = output { $output } with the { $loss } loss: { $error }
net-error-too-many-parameters = a net of { $n } parameters is more than the page's { $limit }: use fewer hidden neurons
net-error-loss-fit = loss { $loss }: { $error }
net-error-batch-zero = { $what }: 0 is not a batch; give at least 1 (or none for all)
net-error-steps-zero = { $what }: give at least 1
