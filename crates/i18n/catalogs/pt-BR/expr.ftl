# Os textos do gradgraph expr em português do Brasil, no vocabulário da disciplina (o
# glossário: book/src/glossary.md). Cada mensagem está também em ../en/expr.ftl, na mesma
# ordem, com as mesmas variáveis.

## gradgraph expr: o relatório

# depois da expressão, os valores das variáveis: "em b = -0,2, w = 0,5, x = 1"
expr-at = em { $values }
expr-no-variables = (sem variáveis: não há o que derivar)
expr-comma = --at { $binding }: escreva o número com ponto decimal, --at { $fixed } (a vírgula decimal vale em português: --lang pt-BR ou GRADGRAPH_LANG=pt-BR)

## a retropropagação, como --trace a mostra

trace-title = retropropagação, da saída para as entradas (gradiente que chega = ∂f/∂nó):
trace-node = nó
trace-data = valor
trace-upstream = gradiente que chega
trace-sent = enviado a cada entrada: derivada local × gradiente que chega = produto
trace-variable = variável: ∂f/∂{ $name } = { $gradient }
trace-constant = constante: não guarda gradiente

## gradgraph expr --hessian

hessian-title = derivadas segundas ∂²f/∂linha∂coluna (retropropagação pelo grafo do gradiente):
hessian-not-finite-one = uma derivada segunda não é um número finito: { $entry }
hessian-not-finite-many = derivadas segundas não são números finitos: { $entries }{ $more }
hessian-more = {" "}e mais { $count }
hessian-first-error = ; na retropropagação a partir de ∂f/∂{ $name } pelo grafo do gradiente, { $detail } (--grad-graph { $name } --svg ARQUIVO desenha esse grafo, com essa numeração)

## --hessian e --grad-graph: o que recusam

grad-graph-nothing-drawn = --grad-graph escolhe o que --dot, --svg, --png, --tikz, --html, --frames e --latex desenham, mas nenhuma delas foi dada: acrescente uma, por exemplo --svg grad.svg
grad-graph-no-variables = --grad-graph: a expressão não tem variáveis, então não tem gradiente para desenhar
grad-graph-choose-one = { $flag } percorre a retropropagação de uma só saída, e o grafo do gradiente tem { $count } ({ $outputs }): diga de que variável desenhar o gradiente, por exemplo --grad-graph { $example }
hessian-too-many-variables = --hessian: a expressão tem { $variables } variáveis, acima do limite de { $limit } (a sua tabela teria { $entries } entradas)
hessian-too-many-nodes = { $flag }: a expressão tem { $size } nós, acima do limite de { $limit } para o grafo do seu gradiente (alguns nós para cada nó da expressão); use uma expressão menor
hessian-too-much-work = --hessian: { $passes } retropropagações (uma por variável) por um grafo do gradiente de { $nodes } nós são { $work } visitas a nós, acima do limite de { $limit }; use uma expressão com menos variáveis ou nós
grad-graph-too-large = --grad-graph: o grafo do gradiente teria { $size } nós, acima do limite de { $limit } para uma figura; desenhe uma expressão menor
grad-graph-too-large-to-render = --grad-graph: o grafo do gradiente tem { $size } nós, acima do limite de { $limit } para o desenho (o `dot` do Graphviz leva segundos com alguns milhares de nós e minutos com 10.000); aumente-o com --max-nodes, grave-o só com --dot, ou desenhe uma expressão menor
grad-graph-too-many-frames = --frames: a retropropagação por { $output } tem { $steps } passos, acima do limite de { $limit } quadros; aumente-o com --max-frames (até { $most }) ou desenhe uma expressão menor
