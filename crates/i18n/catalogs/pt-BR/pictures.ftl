# Os textos das figuras dos grafos (DOT, SVG, PNG, quadros da retropropagação): os registros
# dos nós, as legendas, os títulos. Cada mensagem está também em ../en/pictures.ftl, na mesma
# ordem, com as mesmas variáveis.

## o registro de um valor: { rótulo | valor 0,5000 | grad 0,7864 }

pic-data = valor { $value }
pic-grad = grad { $value }
pic-grad-blank = grad
pic-no-grad = não guarda gradiente

## a legenda

pic-legend = legenda
pic-input = entrada
pic-parameter = parâmetro
pic-constant = constante
pic-intermediate = intermediário
pic-output = saída
pic-op = operação
pic-group = grupo (recolhido)
pic-current = em processamento
pic-received = gradiente recebido,
    ainda não processado
pic-note-sent = rótulo da aresta: derivada local × gradiente que chega = gradiente enviado
pic-note-blank = grad em branco: nada recebido ainda
pic-note-grey = arestas cinza: ainda não percorridas
pic-note-local = rótulo da aresta: derivada local ∂ resultado / ∂ operando
pic-note-merged = ×k: k arestas entre os mesmos dois nós
pic-note-bundle = aresta tracejada entre camadas: cada neurônio ligado a cada neurônio
pic-note-fan = "a todos os n": uma aresta para cada neurônio da camada

## as vistas recolhidas

pic-values = { $n ->
    [one] { $n } valor
   *[other] { $n } valores
}
pic-to-all = a todos os { $n }
pic-all-weights = todos os { $m } × { $n } pesos
pic-edges = { $n ->
    [one] { $n } aresta
   *[other] { $n } arestas
}

## qual operando é qual, numa aresta

pic-role-from = minuendo
pic-role-minus = subtraendo
pic-role-numerator = numerador
pic-role-denominator = denominador
pic-role-base = base
pic-role-exponent = expoente
pic-role-slope = inclinação
pic-role-condition = condição
pic-role-then = então
pic-role-else = senão

## os títulos dos quadros da retropropagação

pic-frame-title = retropropagação, passo { $step } de { $total }: { $holds } { $value }
pic-frame-holds-named = { $node } ({ $op }) guarda ∂{ $output }/∂{ $of } =
pic-frame-holds = { $node } ({ $op }) guarda o gradiente
pic-frame-holds-index = nó #{ $index } ({ $op }) guarda o gradiente
pic-frame-constant = uma constante: a retropropagação não guarda o seu gradiente
pic-frame-leaf = uma folha: nada mais a enviar
pic-frame-sends = { $n ->
    [one] envia derivada local × gradiente que chega ao seu operando
   *[other] envia derivada local × gradiente que chega aos seus { $n } operandos
}

## por que uma figura é desenhada recolhida

pic-fit-size = o grafo tem { $size } valores
pic-fit-size-limit = o grafo tem { $size } valores, mais que o limite de { $limit } para desenhar
pic-fit-stack = { $how } empilharia { $count } { $what }, com cerca de { $height } pt de altura
pic-fit-full = desenhado por inteiro,
pic-fit-per = com um nó por { $unit },
pic-fit-drawn = { $reasons }: desenhado recolhido, um nó por { $unit } ({ $nodes } nós)
pic-unit-value = valor
pic-unit-neuron = neurônio
pic-unit-layer = camada
pic-stack-values = valores
pic-stack-neurons = neurônios

## os gráficos dos experimentos

plot-class = classe { $k }

plot-activations-title = Funções de ativação (linha cheia) e suas derivadas pela retropropagação (tracejada)

## os nomes que as redes e os exemplos da disciplina dão aos seus grupos

pic-group-layer = camada
pic-group-neuron = neurônio
pic-group-sample = amostra
pic-group-loss = erro
pic-group-step = passo
pic-group-unit = unidade
pic-group-output = saída
pic-group-batch-norm = normalização em lote { $layer }
plot-step = passo
plot-loss = erro
plot-xor-hidden = neurônio oculto { $node }
plot-xor-output = saída: P(classe 1)
plot-xor-title = XOR, 2-2-1: duas retas ocultas, combinadas pelo neurônio de saída
plot-xor-seeds-title = XOR a partir de { $seeds } sementes: erro por passo (azul: resolvido, laranja: empacado)
plot-xor-solved = resolvido
plot-xor-stuck = empacado
plot-circles-threshold = neurônio { $node }: limiar suave
plot-circles-ridge = crista: neurônios { $a } + { $b }
plot-circles-bump = elevação: Σ v·h + c
plot-circles-output = saída σ(elevação)
plot-circles-net = rede 2-{ $hidden }-1: acurácia no teste { $accuracy }%
plot-circles-loss = erro no treinamento (entropia cruzada)
plot-circles-hidden-title = Os 4 neurônios ocultos da rede treinada: limiares suaves, cristas, uma elevação
plot-circles-construction-title = A construção à mão da aula (acurácia no teste { $accuracy }%)
plot-regression-fit = { $function } em { $interval }: RMSE { $rmse }
plot-regression-data = dados de treinamento
plot-regression-net = rede
plot-regression-title = Uma camada oculta aproxima x², 1/x e sen x
plot-gradient-norm = norma do gradiente
plot-norm-ratio = razão entre normas do gradiente
plot-hidden-layers = camadas ocultas
plot-first-hidden-layer = primeira camada oculta
plot-output-layer = camada de saída
plot-vanishing-layers-panel = { $activation }, { $deepest } camadas ocultas
plot-vanishing-layer-axis = camada (1 = junto à entrada; última = saída)
plot-vanishing-depth-panel = { $activation }: primeira camada / camada de saída
plot-vanishing-layers-title = Norma do gradiente de cada camada na inicialização
plot-vanishing-depth-title = Quanto gradiente chega à primeira camada, por profundidade
plot-vanishing-norms = norma do gradiente: camada 1 (cheia), saída (tracejada)
plot-vanishing-ratio = camada 1 / camada de saída
plot-vanishing-training-title = Durante o treinamento, { $depth } camadas ocultas: quanto gradiente chega à primeira camada
plot-first-layer = primeira camada
plot-exploding-depth = ReLU, pesos U(±{ $scale }): norma do gradiente na inicialização
plot-exploding-off = gradiente descendente simples (sai do gráfico no passo { $step })
plot-exploding-training = treinamento com { $depth } camadas ocultas
plot-exploding-loss = erro (quadrático médio)
plot-exploding-title = A explosão do gradiente e o corte do gradiente
plot-rnn-loss = erro no treinamento (retropropagação no tempo)
plot-rnn-mse = erro quadrático médio
plot-rnn-through-time = o gradiente através do tempo
plot-rnn-time-step = instante t da janela
plot-rnn-after = depois do treinamento
plot-rnn-before = antes do treinamento
plot-rnn-predictions = previsões do próximo valor
plot-rnn-series = série
plot-rnn-prediction = previsão
plot-rnn-title = Uma rede neural recorrente treinada por retropropagação através do tempo
