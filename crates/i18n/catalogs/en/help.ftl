# gradgraph's --help in English: the texts of the derive (crates/cli/src/main.rs and the
# subcommands' arguments), which English shows as they are; a test checks that they agree.
# Every message here is in ../pt-BR/help.ftl too.

## clap's own words

help-usage = Usage:
help-options = Options:
help-arguments = Arguments:
help-commands = Commands:
help-possible-values = Possible values:
help-possible-values-inline = [possible values:{" "}
help-default = [default:{" "}
help-options-usage = [OPTIONS]
help-command-usage = [COMMAND]
help-command-value = COMMAND
help-print-help = Print help
help-print-help-long = Print help (see a summary with '-h')
help-print-version = Print version
help-help-about = Print this message or the help of the given subcommand(s)
help-help-subcommand = Print help for the subcommand(s)

## the commands and their arguments

help-gradgraph-about = The gradgraph command: the tour of the course, expr, train, predict, quiz and bench
help-gradgraph-long-about =
    gradgraph: backpropagation you can see.

    Without a subcommand, runs the tour of the course's experiments.
help-gradgraph-after = Without a command, gradgraph runs the tour: every experiment of the course, its numbers printed and its plots written into graphs/.
help-arg-lang = The language of what gradgraph writes for people to read: en or pt-BR (numbers with a decimal comma, and --at read with one). Without it, GRADGRAPH_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG: Portuguese when it starts with pt), else English
help-expr-about = Evaluate an expression and its gradient with respect to every variable
help-expr-after =
    Expressions: numbers (2, 0.5, 1e-3), variables (x, w_1), + - * /, ^ for powers
    (right-associative; -x^2 is -(x^2)), parentheses, and the functions
    exp log sqrt sin cos abs erf relu tanh sigmoid gelu elu silu softplus step,
    leaky_relu(x), leaky_relu(x, slope), prelu(x, a), if_positive(c, a, b),
    pow(x, y).

    Exit codes: 0 done, 2 bad input (expression or flags), 1 a value or gradient (or
    with --hessian a second derivative) is NaN or infinite (the message names the node
    that produced it), or Graphviz is missing for --svg, --png, --tikz or --grad-graph's
    --html (every other file is still written; the live page of --html needs none).

    Example: gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=-0.2 --trace
help-expr-expression = The expression, for example "tanh(x*w + b)"; `-` reads it from standard input
help-expr-at = The value of a variable, as NAME=VALUE (a finite number); one --at per variable of the expression
help-expr-json = Print one JSON object, { $open }"value": .., "grads": { $open }..{ $close }{ $close } (and "trace": [..] with --trace)
help-expr-trace = Show the backward pass as it runs: for each node, the gradient arriving from above, each local derivative and the product sent to each input
help-expr-hessian = Print the second derivatives with respect to every pair of variables (the Hessian), found by running backward through the graph of the gradient (numbers are constants and get none). With --json, as "hessian": { $open }"x": { $open }"x": .., "y": ..{ $close }, ..{ $close }
help-expr-grad_graph = Make --dot, --svg, --png, --tikz, --html, --frames and --latex draw the graph of the gradient itself: the expression, then the nodes backward builds as values, ending in ∂f/∂v for every variable, or for VARIABLE alone (--html, --frames and --latex step through one)
help-arg-dot = Write the graph as Graphviz DOT to FILE
help-arg-svg = Render the graph to an SVG file (needs Graphviz's `dot` program)
help-arg-png = Render the graph to a PNG file (needs Graphviz's `dot` program)
help-arg-html = Write an interactive page to FILE.html, one self-contained file to open in a browser: the live page, opened on the expression (`expr`) or on the run's net and data (`train`), which needs no Graphviz; with `expr --grad-graph`, a page that steps through the forward and the backward pass of the gradient's graph (needs Graphviz's `dot` program)
help-arg-tikz = Write the graph as a TikZ picture to FILE.tex, for LaTeX slides: the records, ops and edge labels of --svg, at the positions Graphviz computes (needs Graphviz's `dot` program). A document that pdflatex compiles (with the tikz and preview packages), or with --tikz-bare a bare tikzpicture
help-arg-tikz_bare = Write --tikz as a bare tikzpicture, to \input into slides whose preamble has \usepackage{ $open }tikz{ $close } (no TikZ library needed)
help-arg-latex = Write the backward pass as a LaTeX derivation to FILE.tex: an align* with each value of the forward pass, then each gradient as the chain rule with its numbers (the numbers of --trace), a sum where a value feeds several others. A document that pdflatex compiles (with the amsmath and preview packages), or with --latex-bare a bare align*. At most 200 backward steps; needs no Graphviz
help-arg-latex_bare = Write --latex as a bare align*, to \input into slides whose preamble has \usepackage{ $open }amsmath{ $close }
help-arg-digits = Significant digits of the numbers in --latex, --tikz and the other pictures (default 4, from 1 to 17): --latex drops trailing zeros (-1.2, not -1.2000000000000002) and never writes -0; the pictures keep them, so every number shows its precision
help-arg-frames = Write one picture per backward step into DIR (DOT files, and SVGs when `dot` is installed)
help-arg-rankdir = Layout direction: LR (left to right) or TB (top to bottom)
help-arg-no_legend = Leave the legend out of --dot, --svg, --png, --tikz and --frames: a picture for a slide that explains its colours itself
help-arg-collapse = Draw the graph collapsed, for --dot, --svg and --png: `neurons` (the default when the flag has no value) draws one node per neuron (innermost group) inside a cluster per layer, `layers` one node per layer (outermost group), `none` never collapses. Without the flag, --svg and --png of a graph above --max-nodes values, or of a net too tall for a screen, fall back to one node per neuron (or per layer) and say so; --dot stays complete
help-arg-max_nodes = The most nodes --svg, --png and --html hand to Graphviz (default 2000, at least 1; its layout of a dense net takes seconds for 2,000 nodes and about a minute for 5,000)
help-arg-max_frames = The most pictures --frames writes, one per backward step (default 200; from 1 to 10000)
help-bench-about = Time the benchmark workloads beside their hand-written baselines
help-bench-workloads = Workloads to run: w1 (micrograd's demo), w2 (a chain of 1,000,000 ops), w3 (the tour), xor (the course's XOR from 50 seeds), vanishing (the vanishing-gradient study), wide (a 2-64-64-1 net on 1,000 moons points, 100 steps), sweep (ns per node from 10³ to 10⁷ nodes). All of them when none is named
help-bench-runs = How many times each figure is measured; the median is reported
help-bench-json = Print one JSON object keyed by workload instead of the table
help-bench-quick = Small sizes, to check that every workload runs (W1 10 steps, W2 10⁴ ops, XOR 5 seeds of 200 steps, the vanishing study's quick configuration, the wide net on 300 points for 5 steps, sweep up to 10⁵ nodes). The figures then mean little
help-bench-threads = Also time the wide net with this many threads (its batch is split between them), beside the one-thread figure
help-train-about = Train an MLP on a built-in data set or a CSV file
help-train-after =
    Exit codes: 0 done, 2 bad input (flags, data, files, sizes over a limit; found before training), 1 the training diverged (the loss or a parameter is NaN or infinite: nothing is saved or written), Graphviz fails, or it is missing for --svg, --png or --tikz (every other file is still written; the live page of --html needs none).

    Every file a run writes (--save, --plot, --dot, --svg, --png, --html, --tikz, --latex, --frames) is put in place together at the end; a run that fails leaves earlier files as they were.
help-train-dataset = The data: a built-in set (xor, circles, moons, spiral, blobs, square, reciprocal, sine) or a CSV file with a header line x1,x2,...,y
help-train-samples = Number of samples of a built-in set (default 100; xor has 4; from 2 to 1000000)
help-train-noise = Standard deviation of the Gaussian noise of a built-in set (default per set; a finite number, at least 0)
help-train-test_fraction = Fraction of the samples held out for testing, in [0, 1)
help-train-task = Override the task guessed from a CSV file's targets
help-train-hidden = Hidden layer sizes, comma-separated ("none" for no hidden layer) [default: 16,16, or the data set's recipe]
help-train-activation = Activation of the hidden layers: one for all, or one per hidden layer (relu,tanh): linear, relu, tanh, sigmoid, leaky_relu[:SLOPE], prelu, gelu, elu, silu, softplus, step [default: relu; tanh for the circles, sine and reciprocal sets, silu for xor]. With --load, only for a safetensors file saved from PyTorch, which does not record it
help-train-output = What the model outputs (default: sigmoid for bce, softmax for cross-entropy, linear otherwise). With --load, only for a safetensors file saved from PyTorch, which does not record it
help-train-loss = The loss (default: bce for two classes, cross_entropy for more, mse for regression)
help-train-l2 = L2 regularisation coefficient α (the loss adds α Σ p²; a finite number, at least 0)
help-train-optimizer = The optimiser: sgd, momentum[:MU] (MU in [0, 1), 0.9 without it) or adam
help-train-lr = Learning rate, at least 0 (default 0.01 with adam, 0.1 for the xor set and 0.03 for circles; 0.1 with sgd and momentum)
help-train-lr_end = Decay the learning rate linearly towards LR_END: lr_k = lr − (lr − lr_end)·k/steps
help-train-steps = Number of updates (at most 10,000,000) [default: 100; the built-in sets' recipes: xor, circles and moons 300, square 500, spiral, sine and reciprocal 1000]
help-train-batch_size = Samples per update, at least 1 (default: the whole training set)
help-train-clip_value = Clip every gradient component into [−C, C] (C above 0)
help-train-clip_norm = Rescale the gradient to a Euclidean norm of at most C (C above 0)
help-train-batch_norm = Batch-normalise every hidden layer
help-train-init = Weight initialisation: uniform[:A], normal:S, glorot, glorot_normal, he, he_normal, lecun, zeros, or a FILE of numbers, one per line, in canonical parameter order (default: he for relu-like activations, glorot otherwise)
help-train-seed = Seed of every random choice (data, weights, shuffles, test split)
help-train-threads = Threads to replay each batch with: a batch of at least 128 samples per thread is split between them (the losses then agree with one thread's to rounding, about 1e-12)
help-train-save = Save the trained model: FILE.json (gradgraph's JSON) or FILE.safetensors (loads in PyTorch into a torch.nn.Sequential; the report shows which)
help-train-load = Start from a model saved with --save (its architecture replaces --hidden and friends), or from a safetensors file saved from PyTorch (give its --activation and --output, which such a file does not record)
help-train-max_input_mb = The largest input file read, in megabytes, from 1 to 65536 (--dataset, --init and --load files)
help-train-json = Print one JSON object on stdout instead of the report
help-train-quiet = No progress bar
help-train-plot = Plot the decision boundary (two inputs) or the fitted curve (one input) over the data, beside the loss curve, as SVG
help-predict-about = Apply a saved model (gradgraph's or PyTorch's) to the samples of a CSV file
help-predict-after =
    The CSV file has a header line naming its columns, then one sample per line: as many columns as the model has inputs (x1,x2,...), or one more, a label (the last column, as `train --dataset` reads it: a class or a target value), which is shown beside each prediction and scored (accuracy or RMSE). A last column named as the next input (x3 after x2) is an input, refused for a model of one input fewer; a classifier's labels are its classes (0 and 1, or -1 and 1, for two), and any other is refused, with its line.

    A classifier (a sigmoid or softmax output) prints each sample's class and the probability of each class; any other model prints its outputs (the value, for regression). --json prints one object with full-precision numbers ("outputs" is what the model returns, as PyTorch's Sequential with the output function does).

    Exit codes: 0 done, 2 bad input (flags, files, a CSV that does not fit the model), 1 a prediction that is NaN or infinite.
help-predict-load = The model: a FILE.json or FILE.safetensors saved by `gradgraph train --save`, or a safetensors file saved from PyTorch (`safetensors.torch.save_file(model.state_dict(), ...)` of a torch.nn.Sequential)
help-predict-dataset = The samples: a CSV file with a header line, one column per input of the model, and optionally a label column last
help-predict-activation = For a safetensors file without gradgraph's metadata (saved from PyTorch): the activation of its hidden layers, one for all or one per layer (relu,tanh) [default: relu]
help-predict-output = For a safetensors file without gradgraph's metadata: its output function [default: linear, the raw scores]
help-predict-max_input_mb = The largest input file read, in megabytes, from 1 to 65536 (--load and --dataset files)
help-predict-json = Print one JSON object on stdout instead of the table
help-quiz-about = Work a backward pass by hand: each gradient is checked, and a wrong one explained
help-quiz-after =
    Answers: one per line on standard input, a number or arithmetic on numbers (0.915,
    -1/2, 1 - 0.2913^2, tanh(0.3)); blank lines are skipped. An answer g' to a gradient g
    is right when |g' - g| <= max(REL * |g|, ABS) (--tolerance REL, default 1e-3;
    --abs-tolerance ABS, default 1e-6, which matters only near 0). A wrong answer is
    explained (the first mistake that gives it: a wrong local derivative, a use left out of
    a sum or counted twice, a missing upstream factor, the node's value given for its
    gradient) and the quiz goes on with the right value. At a terminal a line that is not a number is asked again; piped, it ends the quiz.

    Nodes are named as `gradgraph expr --trace` names them: a variable by its name, any
    other node #k (its index: the leaves first, then each operation in the order it is
    evaluated). Constants keep no gradient and are not asked.

    --json prints one JSON object on stdout when the quiz ends (the dialogue then goes to
    stderr): { $open }"expression", "at": { $open }name: value{ $close }, "value", "scope": "every_node" or
    "leaves", "tolerance": { $open }"relative", "absolute"{ $close }, "random": { $open }"level", "seed"{ $close }
    (with --random), "questions": [{ $open }"number", "node", "name", "formula", "text",
    "kind", "value", "used_by", "gradient", "contributions": [{ $open }"from", "operand",
    "local", "upstream", "product", "rule"{ $close }], "answer": null or { $open }"text", "value",
    "right", "mistake": null or { $open }"kind", "at": { $open }"from", "to"{ $close } or null, "gives",
    "explanation"{ $close }{ $close }{ $close }], "right", "answered", "total", "error" (when the answers ended
    early or a line was not a number){ $close }. Mistake kinds: local_derivative, left_out,
    missing_upstream, counted_twice, own_local, value_for_gradient, unexplained.

    --worksheet DIR asks nothing: it writes worksheet.md and answers.md (Markdown, with
    graph.svg and graph-answers.svg), worksheet.tex and answers.tex (LaTeX, with graph.pdf
    and graph-answers.pdf) and the pictures' DOT files, all or none. Without Graphviz it
    writes the DOT files only, and the sheets say how to render them.

    Exit codes: 0 when the quiz ran to its end, whether the answers were right or wrong
    (the summary says how many were); 2 for bad input: a bad expression or flag, values at
    which a value or gradient is not finite, a piped line that is not a number, or standard
    input ending before the last question (the message says how many were unanswered).

    Examples:
      printf '0.915\n0.915\n0.915\n0.915\n0.458\n' | gradgraph quiz "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=-0.2
      gradgraph quiz --random --level hard --seed 7
      gradgraph quiz "x*x + x" --at x=3 --worksheet sheet/
help-quiz-expression = The expression, for example "tanh(x*w + b)" (the language of `gradgraph expr`)
help-quiz-at = The value of a variable, as NAME=VALUE; one --at per variable of the expression
help-quiz-random = A random exercise from the table of ops instead of an expression (see --level and --seed; the seed is printed so the exercise can be asked again)
help-quiz-level = The size of a random exercise [default: medium]
help-quiz-seed = The seed of a random exercise: the same seed and level give the same exercise
help-quiz-leaves = Ask only the variables' gradients, not every node's
help-quiz-tolerance = The largest error relative to the gradient that counts as right, in [0, 1)
help-quiz-abs_tolerance = The largest error that counts as right near 0, at least 0
help-quiz-json = Print the questions and the checked answers as one JSON object on stdout (the dialogue goes to stderr)
help-quiz-worksheet = Write a printable exercise sheet and its answer key into DIR (Markdown and LaTeX, with the graph's picture) instead of asking
help-page-about = Write the live page: type any expression, step through its backward pass, in one offline HTML file
help-page-after = Open the file in a browser (no server, no network): type any expression, drag its variables' values, and step through the forward and backward pass, each step in your own names; or switch to the net mode and train a net live on data you change. `gradgraph expr EXPRESSION --at ... --html FILE.html` writes the same page opened on that expression, `gradgraph train ... --html FILE.html` opened on that run's net.
help-page-file = The page to write, FILE.html
help-page-expression = The expression the page opens on (default: tanh(x*w + b), with x=1, w=0.5, b=-0.2)
help-page-at = The value of a variable, as NAME=VALUE; a variable without one starts at 1
help-page-preset = Open the net mode on one of the course's experiments: xor, circles, x2, reciprocal, sine or vanishing
help-value-rankdir-lr = Left to right: reads like a formula
help-value-rankdir-tb = Top to bottom: fits tall slides and deep chains
help-value-collapse-neurons = One node per neuron (innermost group), inside a cluster per layer
help-value-collapse-layers = One node per layer (outermost group)
help-value-collapse-none = Every value drawn
help-value-workloads-w1 = micrograd's demo
help-value-workloads-w2 = A chain of 1,000,000 ops
help-value-workloads-w3 = The tour
help-value-workloads-xor = The course's XOR from 50 seeds
help-value-workloads-vanishing = The vanishing-gradient study
help-value-workloads-wide = A 2-64-64-1 net on 1,000 moons points
help-value-workloads-sweep = Nanoseconds per node from 10³ to 10⁷ nodes
help-value-task-regression = Numbers to fit
help-value-task-binary = Two classes, 0 and 1 (or −1 and 1)
help-value-task-classes = Classes 0, 1, 2, …
help-value-output-linear = The raw scores
help-value-output-sigmoid = A probability of class 1, for one output
help-value-output-softmax = A probability per class, for two outputs or more
help-value-loss-mse = Mean squared error, for regression
help-value-loss-bce = Binary cross-entropy on one score, for two classes
help-value-loss-hinge = The hinge loss max(0, 1 − y·score), for two classes
help-value-loss-cross-entropy = Softmax cross-entropy, one score per class
help-value-level-easy = 2 variables, 1 function
help-value-level-medium = 3 variables, one used twice, 2 functions
help-value-level-hard = Two variables reused, 3 functions, a power
help-arg-rankdir-name = DIR
help-name-lang = LANG
help-name-expression = EXPRESSION
help-name-name-value = NAME=VALUE
help-name-variable = VARIABLE
help-name-file = FILE
help-name-file-html = FILE.html
help-name-file-tex = FILE.tex
help-name-dir = DIR
help-name-level = LEVEL
help-name-name-file-csv = NAME|FILE.csv
help-name-task = TASK
help-name-sizes = SIZES
help-name-name-name = NAME[,NAME...]
help-name-name = NAME
help-name-scheme-file = SCHEME|FILE
help-name-file-json-file-safetensors = FILE.json|FILE.safetensors
help-name-file-svg = FILE.svg
help-name-model = MODEL
help-name-file-csv = FILE.csv
help-name-command = COMMAND
