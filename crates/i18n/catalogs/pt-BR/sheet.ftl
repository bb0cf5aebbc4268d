# A folha de exercício e o seu gabarito em português brasileiro (gradgraph quiz --worksheet:
# Markdown e LaTeX), no vocabulário da disciplina (book/src/glossary.md). Cada mensagem está
# também em ../en/sheet.ftl, na mesma ordem, com as mesmas variáveis.

sheet-title = Retropropagação à mão
sheet-title-answers = Retropropagação à mão: gabarito
# "f = `tanh(x*w + b)` em b = -0,2, w = 0,5, x = 1."
sheet-at = { $expression } em { $values }.
sheet-picture = O grafo de f: cada caixa é um nó, com o seu nome e o seu valor
sheet-picture-answers = O grafo de f: cada caixa é um nó, com o seu nome, o seu valor e o seu gradiente
sheet-dot-only-md = O grafo de f está em `{ $file }`; desenhe-o com o Graphviz: `dot -Tsvg { $file } -o { $stem }.svg`.
sheet-dot-only-comment = Para ter a figura: desenhe o grafo { $file } com o Graphviz, `dot -Tpdf { $file } -o { $stem }.pdf`,
sheet-dot-only-comment-include = e inclua-a aqui com \includegraphics.
sheet-dot-only-tex = O grafo de { $f } está em { $file }; desenhe-o com o Graphviz.
sheet-forward = A propagação direta
sheet-node = nó
sheet-formula = fórmula
sheet-part = parte de { $f }
sheet-value = valor
sheet-used-by = usado por
sheet-backward = A retropropagação
sheet-instructions = A retropropagação começa na saída, com ∂f/∂{ $output } = 1. Calcule o gradiente ∂f/∂nó de { $which }, nesta ordem (a ordem em que a retropropagação os processa). Cada uso de um nó envia a ele derivada local × gradiente que chega; um nó usado várias vezes soma o que recebe de cada uso.
# os nós que usam um nó: "#2, #1 (duas vezes)"
sheet-twice = { $tag } (duas vezes)
sheet-times = { $tag } ({ $n } vezes)
sheet-how = Como cada gradiente é calculado
sheet-graph = O grafo de { $f }
sheet-graph-later = (O grafo de { $f } está numa página só para ele, depois das tabelas.)
# um comentário da folha em LaTeX, acima da linha que escreve os tamanhos da figura no log
sheet-sizes-comment = os tamanhos, para conferência: o grafo como é, depois como foi desenhado
