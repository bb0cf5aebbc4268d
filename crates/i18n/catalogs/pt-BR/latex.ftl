# A derivação em LaTeX da retropropagação em português brasileiro (gradgraph expr --latex, a
# derivação do pacote Python), no vocabulário da disciplina (book/src/glossary.md). Cada
# mensagem está também em ../en/latex.ftl, na mesma ordem, com as mesmas variáveis.

## os comentários no começo do arquivo

latex-title = gradgraph: a retropropagação como uma derivação, primeiro a propagação direta. Os números
latex-title-digits = são os que `gradgraph expr --trace` mostra, com { $digits } algarismos significativos.
latex-compile = Compile com pdflatex; a página é recortada rente ao conteúdo.
latex-fragment = Um fragmento para incluir com \input num documento cujo preâmbulo tenha:

## a derivação

latex-forward = Propagação direta:
# "Propagação direta, em $x = 1$, $w = 0{,}5$:"
latex-forward-at = Propagação direta, em { $values }:
latex-backward = Retropropagação, da saída para as entradas, pela regra da cadeia: { $rule }, somando sobre os valores $u$ calculados a partir de $v$:
