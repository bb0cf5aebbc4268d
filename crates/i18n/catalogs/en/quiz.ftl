# The quiz's texts in English (gradgraph quiz, the crate gradgraph-quiz, the page's
# exercises). Every message here is in ../pt-BR/quiz.ftl too, in the same order, with the
# same variables (a test checks it); the Portuguese follows book/src/glossary.md.

## a question

# "#4 = #3 + b = 0.3, used by #5"
quiz-used-by = { $what }, used by { $users }

## the diagnosis of a wrong answer: one sentence a line, ending with the right product

quiz-local-first = The first mistake is the local derivative of { $at } with respect to { $respect }:
quiz-local-used = you used { $used },
quiz-local-but = but { $rule }.
quiz-missing-upstream = The first mistake: { $at } sends { $to } its local derivative, { $local }, without multiplying it by the upstream gradient ∂f/∂{ $user } = { $upstream }.
quiz-counted-twice = The first mistake: the product { $at } sends { $to } ({ $local } × { $upstream } = { $product }) is counted twice.
quiz-sends = { $user } sends { $to } local × upstream = { $local } × { $upstream } = { $product }.
quiz-carried = Carried down to { $tag }, that mistake gives { $gives }; the right { $asked } = { $gradient }.
quiz-own-local = The first mistake is what was asked for: you gave { $local }, the local derivative of { $node } with respect to { $operand }, which { $node } will pass down;
quiz-own-local-asked = { $asked } is the gradient that reaches { $node } from the nodes that use it.
quiz-value = The first mistake is what was asked for: { $value } is the value of { $node } ({ $what }), not its gradient { $asked };
quiz-value-variable = the value it is set to
quiz-value-result = its forward result
quiz-value-asked = the gradient is what backward sends { $node } from the nodes that use it.
quiz-unexplained = That is not one slip I can name (a wrong local derivative, a use left out or counted twice, a missing upstream factor); here is the computation:
quiz-left-out = { $tag } is used { $uses } times, so its gradient is the sum of what each use sends:
quiz-left-out-answer = Your answer, { $answer }, is that sum without the { $count ->
        [one] product
       *[other] products
    } { $what }.
# one product left out: "1 from #2 = #1 + x"
quiz-left-out-item = { $product } from { $user }
# the last two of a list: "a and b"
quiz-and = { $rest } and { $last }
quiz-one-product = { $asked } gets one product, { $product }, where { $rule }.
quiz-product-where = { $product }, where { $rule }
quiz-product = from { $user }: { $local } × { $upstream } = { $product }
quiz-sum = The right sum: { $asked } = { $terms } = { $gradient }.
# which operand: "x (its denominator)", "x (its first operand)"
quiz-operand-role = { $name } (its { $role })
quiz-operand-nth = { $name } (its { $ordinal } operand)
quiz-ordinal-1 = first
quiz-ordinal-2 = second
quiz-ordinal-3 = third
quiz-ordinal-n = { $n }th
quiz-role-from = from
quiz-role-minus = minus
quiz-role-numerator = numerator
quiz-role-denominator = denominator
quiz-role-base = base
quiz-role-exponent = exponent
quiz-role-x = x
quiz-role-slope = slope
quiz-role-condition = condition
quiz-role-then = then
quiz-role-else = else
# the table of ops' piecewise rules: "1 if #4 > 0, else 0"
quiz-rule-if = { " " }if{ " " }
quiz-rule-else = , else{ " " }

## the slips of each op's local derivative: what the student used

quiz-slip-sub = +1, without the minus sign of - { $b }
quiz-slip-mul = { $value }, the operand itself instead of the other one
quiz-slip-div-numerator = { $b } = { $value } instead of 1/{ $b }
quiz-slip-div-sign = { $x }/{ $b }² = { $px }/{ $pb }² = { $value }, without the minus sign
quiz-slip-div-square = -{ $x }/{ $b } = -{ $px }/{ $pb } = { $value }, with { $b } not squared
quiz-slip-div-factor = -1/{ $b }² = { $value }, without the factor { $x }
quiz-slip-powconst-factor = { $x }^(p - 1) = { $px }^{ $pe } = { $value }, without the factor { $p }
quiz-slip-powconst-lowered = p·{ $x }^p = { $p }·{ $px }^{ $p } = { $value }, with the exponent not lowered
quiz-slip-pow-factor = { $x }^({ $b } - 1) = { $value }, without the factor { $b }
quiz-slip-pow-lowered = { $b }·{ $x }^{ $b } = { $value }, with the exponent not lowered
quiz-slip-pow-ln = { $x }^{ $b } = { $value }, without the factor ln({ $x })
quiz-slip-pow-power-rule = { $b }·{ $x }^({ $b } - 1) = { $value }, the power rule, which is the derivative for the base, not the exponent
quiz-slip-exp = { $x }·exp({ $x } - 1) = { $value }, the power rule, which does not apply to exp
quiz-slip-log = 1/{ $y } with { $y } = log({ $x }) = { $out } the output, not the input: { $value }
quiz-slip-sqrt-half = 1/√{ $x } = 1/{ $py } = { $value }, without the factor 1/2
quiz-slip-sqrt-root = 1/(2{ $x }) = { $value }, without the square root
quiz-slip-tanh-input = 1 - { $x }² with { $x } the input: 1 - { $px }² = { $value }
quiz-slip-tanh-square = 1 - { $y } = 1 - { $py } = { $value }, without the square
quiz-slip-tanh-plus = 1 + { $y }² = { $value }, with a plus sign
quiz-slip-sigmoid-input = { $x }·(1 - { $x }) with { $x } the input: { $px }·(1 - { $px }) = { $value }
quiz-slip-sigmoid-factor = 1 - σ({ $x }) = 1 - { $py } = { $value }, without the factor σ({ $x })
quiz-slip-relu = 1, but relu is flat for { $x } ≤ 0
quiz-slip-leaky-one = 1, but below 0 leaky relu's slope is its parameter
quiz-slip-leaky-zero = 0, as for relu, but leaky relu keeps a slope below 0
quiz-slip-leaky-slope = the slope { $value }, which holds only for { $x } ≤ 0
quiz-slip-prelu-one = 1, which holds only for { $x } > 0
quiz-slip-prelu-slope = { $b } = { $value }, instead of { $x }
quiz-slip-elu = exp({ $x }) - 1 = { $value }, the output instead of exp({ $x })
quiz-slip-erf = exp(-{ $x }²) = { $value }, without the factor 2/√π
quiz-slip-gelu-cdf = Φ({ $x }) = { $value }, without { $x }·φ({ $x })
quiz-slip-gelu-pdf = { $x }·φ({ $x }) = { $value }, without Φ({ $x })
quiz-slip-silu-sigmoid = σ({ $x }) = { $value }, without { $x }·σ'({ $x }) (the product rule)
quiz-slip-silu-product = { $x }·σ({ $x })·(1 - σ({ $x })) = { $value }, without σ({ $x })
quiz-slip-softplus = 1/(1 + exp({ $x })) = { $value }, with the sign of { $x } flipped
quiz-slip-sign = { $value }, the right size with the wrong sign
quiz-slip-one = 1, as if { $op } passed the gradient through unchanged
quiz-slip-value = the node's value, { $value }, instead of its local derivative

## an answer that is not a number

quiz-answer-empty = the answer is empty
quiz-answer-not-finite = `{ $text }` is not a finite number
quiz-answer-not-number = `{ $text }` is not a number
quiz-answer-infinite = `{ $text }` is { $value }, not a finite number
quiz-answer-variable = `{ $text }` is not a number (it has a variable; give the gradient's value)

## gradgraph quiz: the dialogue

quiz-header = f = { $expression }   at { $values }
# a random exercise: "(a random medium exercise: gradgraph quiz --random --level medium --seed 7)"
quiz-random = (a random { $level } exercise: gradgraph quiz --random --level { $name } --seed { $seed })
quiz-level-easy = easy
quiz-level-medium = medium
quiz-level-hard = hard
quiz-forward = The forward pass:
quiz-work = Work out the backward pass by hand, from ∂f/∂{ $output } = 1: give ∂f/∂node of { $which },
quiz-which-every = each node below
quiz-which-leaves = each variable below
quiz-work-order = in the order backward processes them. Answers are right within { $percent }% (or { $absolute } near 0),
quiz-work-arithmetic = and may be arithmetic, such as 1 - 0.29^2.
quiz-type-number = (type a number, such as 0.5 or 1 - 0.3^2)
quiz-ask-again = { $why }; type a number, such as 0.5 or 1 - 0.3^2
quiz-right = right: { $asked } = { $gradient }
quiz-wrong = wrong: { $asked } = { $gradient }, not { $answer }
quiz-goes-on = The quiz goes on with the right value, { $asked } = { $gradient }.
quiz-summary = { $right } of { $total } right.
quiz-summary-unanswered = { $right } of { $total } right; { $unanswered } unanswered.

## gradgraph quiz: what stops it

quiz-bad-line = the answer to question { $number } ({ $asked }), line { $line } of standard input: { $why }; give one number per line
quiz-read-error = standard input, line { $line }: { $why }
quiz-cannot-read = cannot read it: { $error }
quiz-line-too-long = a line longer than { $max } bytes
quiz-not-utf8 = not UTF-8 text
quiz-ended = standard input ended after { $lines } { $lines ->
        [one] line
       *[other] lines
    }: { $missing } of { $total } { $total ->
        [one] question
       *[other] questions
    } unanswered
quiz-cannot-write = cannot write the quiz: { $error }
quiz-cannot-write-output = cannot write the output: { $error }
quiz-level-flag = { $flag } is for a random exercise: add --random (and leave out the expression and its --at values)
quiz-stdin-expression = the quiz reads its answers from standard input, so the expression cannot come from there; give it as an argument

## gradgraph quiz --worksheet

quiz-wrote = wrote { $path }
quiz-no-graphviz = note: Graphviz's `dot` is not installed, so the pictures are DOT files only; install Graphviz (apt-get install graphviz, brew install graphviz, https://graphviz.org/download/) and run again to get them as SVG and PDF

## the quiz's refusals

quiz-error-relative-tolerance = the relative tolerance must be at least 0 and below 1, not { $value }
quiz-error-absolute-tolerance = the absolute tolerance must be a number of at least 0, not { $value }
quiz-error-expression-too-large = the expression has { $count } nodes, more than the { $limit } a quiz asks about; write a smaller expression
quiz-error-no-variables = the expression has no variables: there is no gradient to ask for
quiz-error-no-such-output = the output is node { $output }, but the graph has { $count } nodes
quiz-error-graph-too-large = the output depends on { $count } nodes, more than the { $limit } a quiz asks about; ask about a smaller graph (one neuron, one sample)
quiz-error-output-is-variable = the output is a variable itself: there is no backward pass to work out
quiz-error-no-variable-below = the output depends on no variable (an input or a parameter): there is no gradient to ask for
quiz-error-not-finite = no quiz at these values, which need finite values and gradients: { $why }
quiz-error-no-exercise = no well-posed { $level } exercise found for seed { $seed }; try another seed
