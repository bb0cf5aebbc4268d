# gradgraph's error messages in English. Every message here is in ../pt-BR/errors.ftl too,
# in the same order, with the same variables (a test checks it).

## the line of a failed command

error-line = error: { $message }

## clap's own phrases, as clap writes them (found in its message and replaced)

clap-more-information = For more information, try '
clap-required-not-provided = the following required arguments were not provided:
clap-value-required = a value is required for '
clap-value-required-end = ' but none was supplied
clap-invalid-value = invalid value '
clap-for = ' for '
clap-unexpected-argument = unexpected argument '
clap-unexpected-value = unexpected value '
clap-no-more-expected = ' found; no more were expected
clap-found = ' found
clap-unrecognized-subcommand = unrecognized subcommand '
clap-the-argument = the argument '
clap-cannot-be-used-multiple = ' cannot be used multiple times
clap-cannot-be-used-with = ' cannot be used with
clap-one-or-more-others = {" "}one or more of the other specified arguments
clap-equal-sign = equal sign is needed when assigning values to '
clap-requires-subcommand = ' requires a subcommand but one was not provided
clap-tip-similar-value = tip: a similar value exists: '
clap-tip-similar-argument = tip: a similar argument exists: '
clap-tip-similar-subcommand = tip: a similar subcommand exists: '
clap-tip-similar-subcommands = tip: some similar subcommands exist:{" "}
clap-tip-pass-as-value = tip: to pass '
clap-tip-as-value-use = ' as a value, use '
clap-subcommands = [subcommands:{" "}
clap-invalid-utf8 = invalid UTF-8 was detected
clap-tip = tip:

## the engine's errors: an expression that does not parse (the message, then its column;
## the expression and a caret under the mistake follow it), a value that is not finite

parse-position = { $message } (column { $column })
parse-exponent-digits = malformed number `{ $text }`: the exponent needs digits, as in 1e-3 or 2.5E+2
parse-malformed-number = malformed number `{ $text }`
parse-number-too-large = the number `{ $text }` is too large for a 64-bit float
parse-unexpected-character = unexpected character `{ $character }`
parse-hint-point = : a number needs a digit after its point, as in 0.5
parse-hint-brackets = : group with ( and )
parse-hint-times = : multiply with *
parse-hint-divide = : divide with /
parse-hint-equals = : write only the expression; variables get their values separately
parse-parameter-not-constant = the { $parameter } of { $function } must be a constant, but `{ $text }` contains the variable `{ $variable }`
parse-slope = slope
parse-hint-prelu = ; for a slope that is learned, use prelu(x, { $text })
parse-arity = `{ $name }` takes { $takes }, got { $got }: write { $signature }
parse-takes-one = 1 argument
parse-takes-n = { $n } arguments
parse-takes-range = { $min } or { $max } arguments
parse-got-none = none
parse-signature-or = { $one } or { $other }
parse-unknown-function-did-you-mean = unknown function `{ $name }`; did you mean `{ $suggestion }`?
parse-unknown-function = unknown function `{ $name }`; the functions are { $functions }
parse-hint-multiply = ; to multiply, write `{ $product }`
parse-function-without-call = `{ $name }` is a function: call it with parentheses, as in { $name }(x)
parse-internal = internal parser error
parse-unexpected-comma = unexpected `,`: commas only separate the arguments of a call, as in pow(x, 2)
parse-hint-decimal-comma = ; if `{ $written }` is a number, write it with a decimal point, { $fixed }
parse-paren-not-closed = this `(` is never closed: a `)` is missing
parse-call-not-closed = the `(` of `{ $name }(` is never closed: a `)` is missing
parse-unmatched-close = unmatched `)`: there is no `(` before it for it to close
parse-empty = the expression is empty
parse-operand-at-start = expected a number, a variable, a function call or `(` at the start, found { $found ->
        [end] the end of the expression
       *[other] { $found }
    }
parse-operand-after = expected a number, a variable, a function call or `(` after { $after }, found { $found ->
        [end] the end of the expression
       *[other] { $found }
    }
parse-hint-power = ; powers are written with ^, as in x^2
parse-hint-slash = ; write a single / to divide
parse-operator-after = expected an operator (+ - * / ^), `)` or the end after { $after }, found { $found ->
        [end] the end of the expression
       *[other] { $found }
    }
error-shape = shape mismatch: { $what }: expected { $expected }, got { $got }
error-non-finite = non-finite number in the { $pass ->
        [forward] forward
       *[backward] backward
    } pass: { $detail }
error-non-finite-computed = node { $node } computed { $value } from operands [{ $operands }]
error-non-finite-sent = node { $node } sent gradient { $value } to { $input } (operands [{ $operands }])
error-no-value = no value for { $count ->
        [one] variable
       *[other] variables
    } { $names }
explain-node = node #{ $n } ({ $op })
explain-forward-is = the forward pass produced { $out } at { $at }: { $what } is { $out }
explain-forward-computes = the forward pass produced { $out } at { $at }: { $what } computes { $application } = { $out }
explain-backward-local = the backward pass produced a non-finite gradient at { $at }: the local derivative of { $what } with respect to { $operand } is { $local } at { $application }
explain-backward-overflow = the backward pass produced a non-finite gradient at { $at }: the local derivative of { $what } times the gradient arriving from above overflows ({ $detail })
error-more = … ({ $count } more)

## the command line's own messages

error-unknown = unknown { $kind } { $name }; known: { $known }
error-more-names = … ({ $count } more)
error-cannot-write = cannot write { $path }: { $reason }
error-cannot-write-flag = cannot write { $path } ({ $flag }): { $reason }
error-cannot-write-output = cannot write the output: { $reason }
error-nothing-written = no file was written (the run failed); earlier files are as they were
error-save-formats = JSON (.json) or safetensors (.safetensors)
error-extension = { $flag } { $path }: { $flag } writes { $writes }, but the name ends in .{ $ext }; name it .{ $usual }{ $hint }
error-extension-use = ; for a .{ $ext } file use { $flag }
error-extension-pytorch = ; for PyTorch name it .safetensors, which safetensors.torch.load_file reads
error-input-too-large = { $flag }: { $detail }; use a smaller input, or raise the limit with --max-input-mb
error-too-many-bytes = { $source }: more than { $limit } bytes, the limit for { $what }
error-not-utf8 = not UTF-8 text (invalid byte at offset { $offset })
what-a-model-file = a model file
what-a-csv-file = a CSV file
what-a-file-of-numbers = a file of numbers
what-an-expression = an expression
what-standard-input = standard input
expr-stdin-too-large = expression `-`: { $detail }; write a shorter expression
expr-stdin-unreadable = cannot read the expression from standard input: { $reason }
io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-read-only = Read-only file system
io-storage-full = No space left on device
io-invalid-filename = File name too long
io-invalid-data = invalid data
io-ends-with-separator = ends with a separator, so it names a folder, not a file
io-not-a-file-name = not a file name
io-folder-not-file = is a folder, not a file
io-not-regular = exists and is not a regular file (a device, fifo or socket): refusing to replace it
io-not-a-folder = { $path } is not a folder
io-no-folder = the folder { $path } does not exist
io-file-not-folder = { $path } is a file, not a folder

## --at NAME=VALUE

at-expected = expected NAME=VALUE, for example --at x=1.5
at-name-missing = the variable name before `=` is missing
at-function-name = `{ $name }` is a function name, so it cannot be a variable
at-not-a-name = `{ $name }` is not a variable name (a letter or _, then letters, digits or _)
at-value-missing = the value of `{ $name }` after `=` is missing
at-not-a-number = `{ $value }` is not a number
at-not-finite = the value of `{ $name }` must be a finite number, not { $value }
at-twice = --at { $name } is given twice (--at { $first }, then --at { $second }): give each variable one value
at-no-such-variable-did-you-mean = the expression has no variable `{ $name }`; did you mean `{ $close }`?
at-no-variables = the expression has no variables
at-no-such-variable = the expression has no variable `{ $name }`; its variables are { $variables }
at-hint-e = `e` is a variable like any other: write exp(x) for e^x
at-hint-pi = `pi` is a variable like any other: give --at pi=3.141592653589793
at-value-name = VALUE
at-missing = no value for { $count ->
        [one] variable
       *[other] variables
    } { $names }: add { $add }{ $hints }

## the values of flags

value-non-negative = expected a finite non-negative number
value-positive = expected a finite positive number
value-fraction = expected a number in [0, 1)
value-not-whole = `{ $value }` is not a whole number
value-at-least = expected at least { $least } { $what }
value-range = expected a number of { $what } from { $lo } to { $hi }
value-what-sample = sample
value-what-node = node
value-what-frames = frames
value-what-digits = digits
value-what-megabytes = megabytes
value-not-steps = `{ $value }` is not a number of steps
value-too-many-steps = more than the limit of { $limit } updates; train for fewer steps (save with --save and continue with --load)
value-few-samples = a data set needs at least 2 samples, got { $got }
value-not-samples = `{ $value }` is not a number of samples
value-too-many-samples = more than the limit of { $limit } for a built-in data set; ask for fewer samples
value-unknown-did-you-mean = unknown { $kind } { $name }; did you mean `{ $close }`? (known: { $known })
value-init-no-file = { $unknown }; no file named { $name } either
value-datasets = built-in: { $names } (or a CSV file path)
value-unknown-dataset-did-you-mean = unknown dataset { $name }; did you mean `{ $close }`? ({ $known })
value-unknown-dataset = unknown dataset { $name }; { $known }
kind-activation = activation
kind-init-scheme = init scheme
kind-level = level
kind-loss = loss
kind-optimizer = optimizer
kind-output = output

## a CSV file or a model that cannot be read

csv-empty = empty file: expected a header line like x1,x2,y and samples
csv-no-samples = no samples after the header line
csv-not-a-class = sample { $sample }: target { $target } is not a class index 0..{ $last }
csv-not-a-number = line { $line }, column { $column } ({ $name }): { $value } is not a{ $finite ->
        [finite] {" "}finite
       *[other] {""}
    } number
csv-header-numbers = line { $line }: expected a header line naming the columns (like x1,x2,y), found numbers
csv-few-columns = line { $line }: expected at least two columns (inputs, then the target y), found { $found }
csv-unnamed-column = line { $line }: column { $column } has no name
csv-invalid = line { $line }: not valid CSV: { $reason }
csv-fields = line { $line }: expected { $expected } fields ({ $names }), got { $got }
model-not-gradgraph = not a gradgraph model: { $reason }

## pictures: their limits, and Graphviz

draw-too-large = { $flag }: the picture would have { $size } nodes, more than the limit of { $limit }; draw it collapsed (--collapse neurons or --collapse layers) or draw a smaller graph
draw-frames-raise = raise the limit (--max-frames { $frames }) or draw a smaller graph
draw-frames-smaller = draw a smaller graph (--max-frames goes up to { $most })
draw-too-many-frames = --frames: the backward pass has { $frames } steps, more than the limit of { $limit } frames; { $hint }
draw-latex-too-large = --latex: the backward pass of one sample of a net with { $parameters } parameters has more steps than the limit of { $limit } for a derivation (one or more rows each); use a smaller net (--hidden 2) or derive an expression (gradgraph expr --latex)
draw-svg-frames = the SVG frames of --frames { $folder }
draw-not-drawn = note: not drawn: { $what }: { $why }
draw-not-written = not written: { $what }: { $why }; every other output was written
graphviz-missing = Graphviz's `dot` program is not installed (or not on the PATH); install Graphviz to render pictures: `apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS), or see https://graphviz.org/download/
error-writing-stdout = writing to stdout: { $reason }
test-fraction-range = test fraction { $fraction } must be in [0, 1)
test-fraction-split = test fraction { $fraction } of { $samples } samples leaves { $test } for testing and { $train } for training; both need at least one
