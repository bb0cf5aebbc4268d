# The tour (gradgraph with no command, cargo run --release): what it prints, and the reports
# of the course's experiments. Each message is also in ../pt-BR/tour.ftl, in the same order,
# with the same variables.

## the tour itself

tour-start = gradgraph: a tour of the course's experiments (plots are written into { $dir }/)
tour-heading = == { $number }. { $title } ({ $seconds } s; examples/{ $example }.rs) ==
tour-wrote = wrote: { $path } ({ $what })
tour-conclusion = conclusion: { $conclusion }
tour-no-graphviz = Graphviz's `dot` is not installed, so the graphs were written as DOT files only and these pictures were not drawn (those already there are left as they were): { $pictures }. Install Graphviz (apt-get install graphviz, brew install graphviz, or https://graphviz.org/download/) to draw them.
tour-took = The tour took { $seconds } s. Each section is also an example: { $command } NAME
tour-cannot-create = cannot create { $dir }: { $error }
tour-cannot-write = cannot write to stdout: { $error }
tour-frames-in = the SVG frames in { $dir }

## the sections' titles

tour-section-1 = Backpropagation is the chain rule
tour-section-2 = Activations and their derivatives
tour-section-3 = XOR with a 2-2-1 MLP
tour-section-4 = Concentric circles, one hidden layer of 4 nodes
tour-section-5 = Regression: x², 1/x, sin x
tour-section-6 = Vanishing gradients
tour-section-7 = Exploding gradients and clipping
tour-section-8 = A recurrent net, through time

## what each file the tour writes is

tour-dot-of = the DOT source of { $what }
tour-file-neuron = the graph of one neuron, tanh(x·w + b), after backward
tour-file-chain = the chain's graph, after backward, a local derivative on every edge
tour-file-page = the two neurons' live page: open { $path } in a browser to step through their forward and backward pass
tour-file-two-neurons = the two neurons' graph, after backward
tour-file-two-neurons-collapsed = the two neurons' graph, each group one node
tour-file-mlp-neurons = a 2-16-16-1 net's graph, one node per neuron
tour-file-chain-frames = the chain's backward pass, one frame per step
tour-file-two-neurons-frames = the two neurons' backward pass, one frame per step
tour-file-activations = every activation and its derivative
tour-file-xor = XOR: each hidden node's line, and the output combining them
tour-file-xor-seeds = XOR's loss from 50 random starts, the stuck ones in orange
tour-file-xor-net = the trained XOR net's graph for the input (1, 0), after backward
tour-file-circles = the 2-4-1 net's decision boundary over the circles, and its loss
tour-file-circles-hidden = the trained net's 4 hidden nodes: thresholds, ridges, a bump
tour-file-circles-construction = the course's construction by hand, stage by stage
tour-file-regression = the fits of x², 1/x and sin x
tour-file-vanishing-layers = the gradient norm of each layer at initialisation
tour-file-vanishing-depth = the gradient reaching the first layer, by depth
tour-file-vanishing-training = the first layer's gradient and the loss during training
tour-file-exploding = gradient norms by depth; plain and clipped gradient descent
tour-file-rnn = the RNN's loss, the gradient reaching each time step, its predictions
tour-file-other = a picture

## the names the lecture gives things

activation-step = step
activation-sigmoid = sigmoid
formula-if = if
formula-else = else
setting-mse = mse
setting-bce = bce
setting-uniform = uniform:{ $a }

## 1. the chain rule

chain-title = y = f(g(h(w·x))), h = σ, g = tanh, f = σ, w = { $w }, x = { $x }
chain-neurons-title = two sigmoid neurons, J = (1/N) Σ (ŷ − y)², w1 = { $w1 }, w2 = { $w2 }, samples (x, y) = { $samples }
chain-factor = factor
chain-closed-form = closed form
chain-by-hand = by hand
chain-difference = |by hand − engine|
chain-disagree = (disagree)
chain-step = one step w ← w − { $rate }·dJ/dw: J = { $before } → { $after }
chain-agree = every factor worked out by hand is the number the engine's backward pass used, to rounding (the largest difference is { $largest })
chain-wrong = the factors { $names } by hand disagree with the engine's backward pass
chain-conclusion = { $agree }: backpropagation is the chain rule applied node by node, and one step against the gradient lowers J from { $before } to { $after }.

## 2. the activations

activations-title = activations on [{ $lo }, { $hi }], derivatives from the engine's backward pass
activations-activation = activation
activations-max = max f'
activations-at = at x
activations-min = min f'
activations-finite = |f' − finite diff.|
activations-conclusion = the backward pass gives every derivative (within { $worst } of finite differences): the sigmoid's is at most { $sigmoid } and tanh's at most { $tanh }, and the step's is { $step } everywhere, so a net of steps cannot learn by gradient descent.

## 3. XOR

xor-config = 2-2-1 MLP ({ $activation } hidden, sigmoid output, { $loss } loss, SGD lr { $lr }, { $steps } steps, init { $init }), seed { $seed }
xor-output = output
xor-class = class
xor-accuracy = accuracy { $accuracy }%, loss { $first } → { $last }
xor-hidden-line = hidden node { $node }: its line is { $line }
xor-seeds = seeds 1..={ $starts }: { $solved } of { $starts } starts solve XOR ({ $percent }%); the others are stuck:
xor-seed = seed
xor-accuracy-header = accuracy
xor-final-loss = final loss
xor-conclusion = two hidden nodes draw two lines and the output node combines them, so the 2-2-1 net learns XOR from seed { $seed } (accuracy { $accuracy }%), but { $stuck } of { $starts } random starts get stuck: a net this small depends on where it starts.

## 4. the circles

circles-config = 2-{ $hidden }-1 MLP (tanh hidden, sigmoid output, BCE, Adam lr { $lr }, { $steps } steps), circles of { $samples } points with noise { $noise }, seed { $seed }
circles-set = set
circles-points = points
circles-accuracy = accuracy
circles-training = training
circles-held-out = held out
circles-loss = loss { $first } → { $last }
circles-hidden-node = hidden node
circles-output-weight = output weight
circles-construction = the course's construction by hand (4 thresholds at ±{ $at } → 2 ridges → 1 bump): held-out accuracy { $accuracy }%
circles-conclusion = one hidden layer of { $hidden } nodes is enough: their soft thresholds add up to a bump around the inner circle, and the trained net classifies { $accuracy }% of the { $points } held-out points, as the construction by hand does ({ $construction }%).

## 5. the regression

regression-config = 1-{ $hidden }-1 MLP (tanh hidden, linear output, MSE, Adam lr { $lr } → { $lr_end }, { $steps } steps), { $samples } training points, input scaled to [-1, 1]
regression-function = function
regression-interval = interval
regression-input = input scaled
regression-train-rmse = train RMSE
regression-grid-rmse = RMSE on { $grid } grid points
regression-conclusion = one hidden layer of { $hidden } tanh nodes fits all { $functions } functions, between the training points as well as on them (RMSE at most { $worst } on the grid): the net learned the functions, not only the points.

## 6. vanishing gradients

vanishing-plain = plain U(±1)
vanishing-batch-norm = U(±1) + batch norm
vanishing-intro = gradient norm of each layer at initialisation: MLP 2-{ $width }-…-{ $width }-1, BCE on { $batch } circle points, mean of { $seeds } seeds
vanishing-by-depth = first hidden layer's norm / output layer's norm, by number of hidden layers:
vanishing-activation = activation
vanishing-init = init
vanishing-each-layer = with { $deepest } hidden layers, the norm of each layer (1 = nearest the input):
vanishing-out = out
vanishing-during = during training: { $depth } hidden layers, plain gradient descent (full batch, lr { $lr }) for { $steps } steps; first hidden layer's norm / output layer's norm at steps { $start }, { $middle } and { $end }, how far layer 1's parameters moved (‖Δθ_1‖ / ‖θ_1‖), and the loss:
vanishing-ratio-start = ratio at start
vanishing-middle = middle
vanishing-end = end
vanishing-moved = layer 1 moved
vanishing-loss-start = loss at start
vanishing-trained-loss = trained loss
vanishing-conclusion = with sigmoid the gradient shrinks at every layer: with { $deepest } hidden layers the first gets { $sigmoid } of the output layer's, and training leaves the loss at { $sigmoid_loss } (ln 2: the net learns nothing), while ReLU with { $he }'s initialisation and batch normalisation keep the first layer's share at { $relu } and { $batch } and the loss falls (to { $relu_loss } and { $batch_loss }).

## 7. exploding gradients

exploding-intro = ReLU MLP 1-{ $width }-…-{ $width }-1, weights U(±{ $scale }), MSE on { $samples } points of x²: gradient norms at initialisation (mean of { $seeds } seeds)
exploding-hidden-layers = hidden layers
exploding-first-layer = first layer
exploding-output-layer = output layer
exploding-first-output = first / output
exploding-training = { $n ->
    [one] training the { $n }-hidden-layer net, SGD lr { $lr }, { $steps } steps:
   *[other] training the { $n }-hidden-layer net, SGD lr { $lr }, { $steps } steps:
}
exploding-run = run
exploding-initial-loss = initial loss
exploding-final-loss = final loss
exploding-largest = largest gradient norm
exploding-outcome = outcome
exploding-not-finite = diverged: loss not finite from step { $step }
exploding-grew = diverged: loss grew
exploding-trained = trained: loss ÷ { $factor }
exploding-clipped-at = clipped at norm { $norm }
exploding-plain = plain SGD
exploding-diverges = plain gradient descent diverges
exploding-survives = plain gradient descent survives
exploding-trains = trains the same net
exploding-does-not-train = does not train the net either
exploding-conclusion = { $n ->
    [one] with ReLU and weights U(±{ $scale }) the first layer's gradient grows with depth ({ $shallow_norm } with { $n } hidden layer, { $deep_norm } with { $deep }), so { $plain }, and clipping the gradient's norm at { $clip } { $clipped } (loss { $before } → { $after }).
   *[other] with ReLU and weights U(±{ $scale }) the first layer's gradient grows with depth ({ $shallow_norm } with { $n } hidden layers, { $deep_norm } with { $deep }), so { $plain }, and clipping the gradient's norm at { $clip } { $clipped } (loss { $before } → { $after }).
}

## 8. the recurrent net

rnn-intro = Elman RNN, { $hidden } tanh units, predicting the next value of sin(2πt/{ $period }) + noise { $noise }; windows of { $window } steps, Adam lr { $lr }, { $steps } steps of { $batch } windows
rnn-step = step
rnn-loss = loss
rnn-through-time = |∂J/∂x_t|, J the last step's squared error, mean over { $probes } windows (t = { $window } is the newest input):
rnn-before = before training
rnn-after = after training
rnn-decay = the first input's gradient is { $decay } of the last one's
rnn-conclusion = backpropagation through time trains the recurrent net (loss { $before } → { $after }), and the gradient fades going back in time, as through a deep net's layers: the first input's is { $decay } of the last one's.
