# Os textos do pacote Python em português do Brasil (crates/py): as exceções e o que um
# notebook mostra. Cada mensagem está também em ../en/python.ftl, na mesma ordem, com as
# mesmas variáveis.

## a saída de um notebook

py-page-note = { $title }: se nada aparecer acima, execute a célula ou marque o notebook como confiável
py-page-zoom = ; sobre o grafo, Ctrl ou ⌘ com a roda do mouse dá zoom
py-title-expr = a página interativa de f = { $expression }
py-title-value = a página interativa do grafo de um valor
py-title-net = um MLP treinado
py-fit-note = treinada por MLP.fit: { $steps } { $steps ->
    [one] passo
   *[other] passos
}, os mesmos valores da função de erro que no Python
py-fit-repr = Fit({ $steps ->
    [one] 1 passo
   *[other] { $steps } passos
} de { $loss }: { $losses }, { $measure })

## argumentos de tipo ou valor errado

py-must-be-int = { $name } deve ser um int, não { $type }
py-at-least-one = { $name } deve ser pelo menos 1, não { $value }
py-at-least-zero = { $name } deve ser pelo menos 0, não { $value }
py-must-be-number = { $name } deve ser um número, não { $type }
py-must-be-finite = { $name } deve ser um número finito, não { $value }
py-int-too-large = { $name }: esse int é grande demais para um float (o maior é cerca de 1,8e308)
py-height-type = height deve ser um int (em pixels), não { $type }
py-height-range = height deve estar entre 200 e 4000 pixels, não { $value }
py-mode = mode deve ser um de { $modes }, não { $mode }
py-nothing-to-show = um { $type } não tem nada para mostrar: display recebe um Value, um resultado de expr, um MLP treinado ou o seu Fit
py-no-trace = um { $type } não tem retropropagação para mostrar
py-no-picture = um { $type } não tem figura estática; use mode='page'
py-no-page-yet = este { $type } ainda não tem página (treine-o antes com fit)
py-path-type = um caminho deve ser um str ou um objeto de caminho, não { $type }
py-activation-type = activation deve ser um str, não { $type }
py-lang = idioma desconhecido { $lang }: o gradgraph fala 'en' (inglês) e 'pt-BR' (português)

## Value

py-child-type = Value(data, _children): cada filho deve ser um Value, não { $type }
py-op-unknown = Value(data, _children, _op={ $op }): o gradgraph calcula os gradientes sozinho, então _op deve ser uma das suas operações com { $count } operando(s): + - * / ** **2 ReLU tanh exp log sigmoid ...
py-label-type = Value.label deve ser um str, não { $type }
py-pickled-op = um Value serializado (pickle): não há operação chamada { $op }
py-pickled-arity = um Value serializado (pickle): { $op } tem { $arity } operandos, não { $count }
py-operand = o número ao lado de um Value em `{ $op }`
py-exponent = o expoente em `Value ** p`
py-pickled-part = o campo { $part } de um Value serializado (pickle)
py-leaf-quiz = um quiz pergunta os gradientes de um valor calculado a partir de outros; este é uma folha
py-page-limit = a página interativa: { $why }
py-output-missing = falta a saída

## expr

py-expr-type = expr(source): a expressão deve ser um str, não { $type }
py-expr-too-long = a expressão tem { $bytes } bytes, mais que o limite de { $limit } do gradgraph
py-no-such-variable = { $binding }: a expressão não tem a variável `{ $name }`; as variáveis dela são { $variables }
py-did-you-mean = { $binding }: a expressão não tem a variável `{ $name }`; você quis dizer `{ $close }`?
py-no-variables = { $binding }: a expressão não tem variáveis
py-value = VALOR
py-variable-value = { $name }: o valor de uma variável
py-missing-values = { $count ->
    [one] falta o valor da variável { $names }: acrescente { $fix }
   *[other] faltam os valores das variáveis { $names }: acrescente { $fix }
}

## quiz

py-scope = scope deve ser "every" ou "leaves", não { $scope }
py-quiz-values = o quiz de um Value usa os números que já estão no grafo: não passe valores
py-quiz-target = quiz(target): um Value ou uma expressão (str), não { $type }
py-question-index = pergunta { $index }: o quiz tem { $count } perguntas, de 0 a { $last }
py-answer-type = uma resposta é um número ou um texto, não { $type }

py-answer = uma resposta
py-quiz-right = certo: { $asked } = { $gradient }
py-quiz-repr = Quiz sobre f = { $expression } ({ $count ->
    [one] 1 pergunta
   *[other] { $count } perguntas
}):
## neurônios, camadas, MLPs, treino

py-neuron-size = um neurônio de { $inputs } entradas passa do limite de { $limit } parâmetros do gradgraph
py-layer-size = uma camada de { $inputs }x{ $outputs } pesos passa do limite de { $limit } parâmetros do gradgraph
py-mlp-size = um MLP de { $count } parâmetros passa do limite de { $limit } do gradgraph
py-nouts-empty = nouts está vazio: dê o tamanho de cada camada, a de saída por último
py-each-size = cada tamanho em nouts
py-activations-count = { $count } funções de ativação para { $hidden } camadas ocultas: dê uma por camada oculta, ou um só nome para todas
py-inputs-count = o neurônio tem { $weights } pesos, mas recebeu { $inputs } entradas
py-neuron-input = a entrada de um neurônio deve ser um número finito, não { $value }
py-call-type = um módulo é chamado com uma lista de { $count } números ou objetos Value, não com { $type }
py-input-type = a entrada { $index } é um { $type }: um módulo é chamado com números ou objetos Value
py-rows-type = { $name } deve ser uma lista de linhas (listas de números) ou um array 2-D do NumPy
py-cell-type = { $name }[{ $row }][{ $column }] é um { $type }, não um número
py-targets-type = y deve ser uma lista de números ou um array do NumPy
py-target-type = y[{ $index }] é um { $type }, não um número
py-x-empty = X está vazio: dê pelo menos uma amostra
py-x-too-many = X tem { $count } amostras, mais que o limite de { $limit } do gradgraph
py-x-width = X[{ $index }] tem { $count } números, mas o MLP recebe { $inputs } entradas
py-x-finite = X[{ $row }][{ $column }] é { $value }: toda entrada deve ser um número finito
py-y-count = y tem { $targets } alvos para { $samples } amostras de X: dê um alvo por amostra
py-y-finite = y[{ $index }] é { $value }: todo alvo deve ser um número finito
py-batch-zero = batch_size: 0 não é um lote; dê pelo menos 1 (ou None para todas as amostras)
py-finite-at-least-zero = { $name } deve ser um número finito, pelo menos 0, não { $value }
py-data = os dados
py-diverged-loss = o treino divergiu: a função de erro valia { $loss } no passo { $step } (valia { $first } no passo 0); uma taxa de aprendizagem menor (lr, agora { $lr }), ou clip_norm, a mantém finita
py-diverged = o treino divergiu ({ $why }); uma taxa de aprendizagem menor (lr, agora { $lr }), ou clip_norm, mantém os pesos finitos
py-numbers-count = { $numbers } números para { $parameters } parâmetros
py-parameter-finite = o parâmetro { $index } ficaria { $value }: todo parâmetro deve ser um número finito
py-parameters = os parâmetros do MLP
py-model-format = { $source }: não é um arquivo de modelo JSON nem safetensors
py-model-batch-norm = { $source }: uma rede com normalização em lote (batch normalisation); o MLP de gradgraph.nn não tem
py-model-output = { $source }: esta rede termina numa saída { $output }; o MLP de gradgraph.nn, como o do micrograd, termina linear (gradgraph predict --load a usa como está)
py-model-too-large = { $source }: { $bytes } bytes, mais que o limite de { $limit } do gradgraph para um arquivo de modelo
py-model-folder = não é possível gravar um modelo por cima de uma pasta
py-model-no-folder = a pasta onde gravar o modelo não existe
py-prelu = prelu aprende uma inclinação em cada neurônio, e o Neuron de gradgraph.nn não tem isso: use leaky_relu
py-labels-regression = labels: { $name } é uma regressão (os alvos são números, não classes); não passe labels
py-labels-count = labels: { $name } tem { $classes } classes, mas foram dados { $labels } rótulos
