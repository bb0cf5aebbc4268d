# The LaTeX derivation of the backward pass in English (gradgraph expr --latex, the Python
# package's derivation). Every message here is in ../pt-BR/latex.ftl too, in the same order,
# with the same variables (a test checks it); the Portuguese follows book/src/glossary.md.

## the comments at the top of the file

latex-title = gradgraph: the backward pass as a derivation, forward pass first. The numbers
latex-title-digits = are those `gradgraph expr --trace` prints, to { $digits } significant digits.
latex-compile = Compile with pdflatex; the page is cropped to the content.
latex-fragment = A fragment to \input into a document whose preamble has:

## the derivation

latex-forward = Forward pass:
# "Forward pass, at $x = 1$, $w = 0.5$:"
latex-forward-at = Forward pass, at { $values }:
# the chain rule, as math, in $rule
latex-backward = Backward pass, output first: the chain rule, { $rule } over the values $u$ computed from $v$:
