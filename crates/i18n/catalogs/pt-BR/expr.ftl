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
