# O passeio (gradgraph sem comando, cargo run --release): o que ele escreve na tela, e os
# relatórios dos experimentos da disciplina. Cada mensagem está também em ../en/tour.ftl, na
# mesma ordem, com as mesmas variáveis.

## o passeio

tour-start = gradgraph: um passeio pelos experimentos da disciplina (os gráficos vão para { $dir }/)
tour-heading = == { $number }. { $title } ({ $seconds } s; examples/{ $example }.rs) ==
tour-wrote = gravado: { $path } ({ $what })
tour-conclusion = conclusão: { $conclusion }
tour-no-graphviz = O `dot` do Graphviz não está instalado: os grafos foram gravados só como arquivos DOT, e estas figuras não foram desenhadas (as que já existiam ficaram como estavam): { $pictures }. Instale o Graphviz (apt-get install graphviz, brew install graphviz, ou https://graphviz.org/download/) para desenhá-las.
tour-took = O passeio levou { $seconds } s. Cada seção é também um exemplo: { $command } NOME
tour-cannot-create = não foi possível criar { $dir }: { $error }
tour-cannot-write = não foi possível escrever na saída padrão: { $error }
tour-frames-in = os quadros SVG em { $dir }

## os títulos das seções

tour-section-1 = A retropropagação é a regra da cadeia
tour-section-2 = As funções de ativação e suas derivadas
tour-section-3 = XOR com uma MLP 2-2-1
tour-section-4 = Círculos concêntricos, uma camada oculta de 4 neurônios
tour-section-5 = Regressão: x², 1/x, sen x
tour-section-6 = O desvanecimento do gradiente
tour-section-7 = A explosão do gradiente e o corte do gradiente
tour-section-8 = Uma rede neural recorrente, desdobrada no tempo

## o que é cada arquivo que o passeio grava

tour-dot-of = o código DOT para { $what }
tour-file-neuron = o grafo de um neurônio, tanh(x·w + b), depois da retropropagação
tour-file-chain = o grafo da cadeia, depois da retropropagação, com a derivada local em cada aresta
tour-file-page = a página interativa dos dois neurônios: abra { $path } no navegador para percorrer, passo a passo, a propagação direta e a retropropagação
tour-file-two-neurons = o grafo dos dois neurônios, depois da retropropagação
tour-file-two-neurons-collapsed = o grafo dos dois neurônios, cada grupo um só nó
tour-file-mlp-neurons = o grafo de uma rede 2-16-16-1, um nó por neurônio
tour-file-chain-frames = a retropropagação da cadeia, um quadro por passo
tour-file-two-neurons-frames = a retropropagação dos dois neurônios, um quadro por passo
tour-file-activations = cada função de ativação e sua derivada
tour-file-xor = XOR: a reta de cada neurônio oculto, e a saída que as combina
tour-file-xor-seeds = o erro do XOR a partir de 50 inícios aleatórios, os que empacam em laranja
tour-file-xor-net = o grafo da rede XOR treinada para a entrada (1, 0), depois da retropropagação
tour-file-circles = a fronteira de decisão da rede 2-4-1 sobre os círculos, e o seu erro
tour-file-circles-hidden = os 4 neurônios ocultos da rede treinada: limiares, cristas, uma elevação
tour-file-circles-construction = a construção à mão da aula, etapa por etapa
tour-file-regression = os ajustes de x², 1/x e sen x
tour-file-vanishing-layers = a norma do gradiente em cada camada, na inicialização
tour-file-vanishing-depth = o gradiente que chega à primeira camada, por profundidade
tour-file-vanishing-training = o gradiente da primeira camada e o erro durante o treinamento
tour-file-exploding = normas do gradiente por profundidade; gradiente descendente simples e com corte
tour-file-rnn = o erro da rede recorrente, o gradiente que chega a cada instante, suas previsões
tour-file-other = uma figura

## os nomes que a aula dá às coisas

activation-step = degrau
activation-sigmoid = sigmoide
formula-if = se
formula-else = senão
setting-mse = erro quadrático médio
setting-bce = entropia cruzada binária
setting-uniform = uniforme U(±{ $a })

## 1. a regra da cadeia

chain-title = y = f(g(h(w·x))), h = σ, g = tanh, f = σ, w = { $w }, x = { $x }
chain-neurons-title = dois neurônios sigmoides, J = (1/N) Σ (ŷ − y)², w1 = { $w1 }, w2 = { $w2 }, amostras (x; y) = { $samples }
chain-factor = fator
chain-closed-form = fórmula
chain-by-hand = à mão
chain-difference = |à mão − gradgraph|
chain-disagree = (diferem)
chain-step = um passo w ← w − { $rate }·dJ/dw: J = { $before } → { $after }
chain-agree = cada fator calculado à mão é o número que a retropropagação do gradgraph usou, a menos de arredondamento (a maior diferença é { $largest })
chain-wrong = os fatores { $names } calculados à mão diferem dos da retropropagação do gradgraph
chain-conclusion = { $agree }: a retropropagação é a regra da cadeia aplicada nó a nó, e um passo contra o gradiente reduz J de { $before } para { $after }.

## 2. as funções de ativação

activations-title = funções de ativação em [{ $lo }; { $hi }], derivadas pela retropropagação do gradgraph
activations-activation = ativação
activations-max = máx. f'
activations-at = em x
activations-min = mín. f'
activations-finite = |f' − dif. finitas|
activations-conclusion = a retropropagação calcula cada derivada (com diferença de no máximo { $worst } em relação às diferenças finitas): a da sigmoide vale no máximo { $sigmoid } e a da tangente hiperbólica no máximo { $tanh }, e a do degrau vale { $step } em toda parte; por isso uma rede de degraus não aprende por gradiente descendente.

## 3. XOR

xor-config = MLP 2-2-1 ({ $activation } na camada oculta, saída sigmoide, { $loss } como função de erro, gradiente descendente estocástico com taxa de aprendizagem { $lr }, { $steps } passos, inicialização { $init }), semente { $seed }
xor-output = saída
xor-class = classe
xor-accuracy = acurácia { $accuracy }%, erro { $first } → { $last }
xor-hidden-line = neurônio oculto { $node }: sua reta é { $line }
xor-seeds = sementes de 1 a { $starts }: { $solved } de { $starts } inícios resolvem o XOR ({ $percent }%); os demais empacam:
xor-seed = semente
xor-accuracy-header = acurácia
xor-final-loss = erro final
xor-conclusion = dois neurônios ocultos traçam duas retas e o neurônio de saída as combina: a rede 2-2-1 aprende o XOR a partir da semente { $seed } (acurácia { $accuracy }%), mas { $stuck } de { $starts } inícios aleatórios empacam; uma rede tão pequena depende de onde começa.

## 4. os círculos

circles-config = MLP 2-{ $hidden }-1 (tanh na camada oculta, saída sigmoide, entropia cruzada binária, Adam com taxa de aprendizagem { $lr }, { $steps } passos), círculos de { $samples } pontos com ruído { $noise }, semente { $seed }
circles-set = conjunto
circles-points = pontos
circles-accuracy = acurácia
circles-training = treinamento
circles-held-out = teste
circles-loss = erro { $first } → { $last }
circles-hidden-node = neurônio oculto
circles-output-weight = peso na saída
circles-construction = a construção à mão da aula (4 limiares em ±{ $at } → 2 cristas → 1 elevação): acurácia no teste { $accuracy }%
circles-conclusion = uma camada oculta de { $hidden } neurônios basta: seus limiares suaves somam uma elevação em volta do círculo interno, e a rede treinada classifica { $accuracy }% dos { $points } pontos de teste, como a construção à mão ({ $construction }%).

## 5. a regressão

regression-config = MLP 1-{ $hidden }-1 (tanh na camada oculta, saída linear, erro quadrático médio, Adam com taxa de aprendizagem { $lr } → { $lr_end }, { $steps } passos), { $samples } pontos de treinamento, entrada reescalada para [-1; 1]
regression-function = função
regression-interval = intervalo
regression-input = entrada reescalada
regression-train-rmse = RMSE no treinamento
regression-grid-rmse = RMSE em { $grid } pontos da grade
regression-conclusion = uma camada oculta de { $hidden } neurônios tanh ajusta as { $functions } funções, tanto entre os pontos de treinamento quanto neles (RMSE de no máximo { $worst } na grade): a rede aprendeu as funções, não só os pontos.

## 6. o desvanecimento do gradiente

vanishing-plain = simples U(±1)
vanishing-batch-norm = U(±1) + normalização em lote
vanishing-intro = norma do gradiente de cada camada na inicialização: MLP 2-{ $width }-…-{ $width }-1, entropia cruzada binária em { $batch } pontos dos círculos, média de { $seeds } sementes
vanishing-by-depth = norma da primeira camada oculta / norma da camada de saída, por número de camadas ocultas:
vanishing-activation = ativação
vanishing-init = inicialização
vanishing-each-layer = com { $deepest } camadas ocultas, a norma de cada camada (1 = a mais próxima da entrada):
vanishing-out = saída
vanishing-during = durante o treinamento: { $depth } camadas ocultas, gradiente descendente simples (lote completo, taxa de aprendizagem { $lr }) por { $steps } passos; norma da primeira camada oculta / norma da camada de saída nos passos { $start }, { $middle } e { $end }, quanto os parâmetros da camada 1 mudaram (‖Δθ_1‖ / ‖θ_1‖), e o erro:
vanishing-ratio-start = razão no início
vanishing-middle = meio
vanishing-end = fim
vanishing-moved = mudança da camada 1
vanishing-loss-start = erro no início
vanishing-trained-loss = erro treinado
vanishing-conclusion = com a sigmoide o gradiente encolhe a cada camada: com { $deepest } camadas ocultas a primeira recebe { $sigmoid } do gradiente da camada de saída, e o treinamento deixa o erro em { $sigmoid_loss } (ln 2: a rede não aprende nada) — é o desvanecimento do gradiente; já a ReLU com a inicialização de { $he } e a normalização em lote mantêm a parcela da primeira camada em { $relu } e { $batch }, e o erro cai (para { $relu_loss } e { $batch_loss }).

## 7. a explosão do gradiente

exploding-intro = MLP ReLU 1-{ $width }-…-{ $width }-1, pesos U(±{ $scale }), erro quadrático médio em { $samples } pontos de x²: normas do gradiente na inicialização (média de { $seeds } sementes)
exploding-hidden-layers = camadas ocultas
exploding-first-layer = primeira camada
exploding-output-layer = camada de saída
exploding-first-output = primeira / saída
exploding-training = { $n ->
    [one] treinamento da rede de { $n } camada oculta, gradiente descendente estocástico com taxa de aprendizagem { $lr }, { $steps } passos:
   *[other] treinamento da rede de { $n } camadas ocultas, gradiente descendente estocástico com taxa de aprendizagem { $lr }, { $steps } passos:
}
exploding-run = treino
exploding-initial-loss = erro inicial
exploding-final-loss = erro final
exploding-largest = maior norma do gradiente
exploding-outcome = resultado
exploding-not-finite = divergiu: erro não finito a partir do passo { $step }
exploding-grew = divergiu: o erro cresceu
exploding-trained = treinou: erro ÷ { $factor }
exploding-clipped-at = com corte na norma { $norm }
exploding-plain = gradiente descendente simples
exploding-diverges = o gradiente descendente simples diverge
exploding-survives = o gradiente descendente simples resiste
exploding-trains = treina a mesma rede
exploding-does-not-train = também não treina a rede
exploding-conclusion = { $n ->
    [one] com ReLU e pesos U(±{ $scale }) o gradiente da primeira camada cresce com a profundidade ({ $shallow_norm } com { $n } camada oculta, { $deep_norm } com { $deep }) — é a explosão do gradiente: { $plain }, e cortar a norma do gradiente em { $clip } { $clipped } (erro { $before } → { $after }).
   *[other] com ReLU e pesos U(±{ $scale }) o gradiente da primeira camada cresce com a profundidade ({ $shallow_norm } com { $n } camadas ocultas, { $deep_norm } com { $deep }) — é a explosão do gradiente: { $plain }, e cortar a norma do gradiente em { $clip } { $clipped } (erro { $before } → { $after }).
}

## 8. a rede neural recorrente

rnn-intro = rede recorrente de Elman, { $hidden } unidades tanh, prevendo o próximo valor de sen(2πt/{ $period }) + ruído { $noise }; janelas de { $window } instantes, Adam com taxa de aprendizagem { $lr }, { $steps } passos de { $batch } janelas
rnn-step = passo
rnn-loss = erro
rnn-through-time = |∂J/∂x_t|, J o erro quadrático do último instante, média sobre { $probes } janelas (t = { $window } é a entrada mais recente):
rnn-before = antes do treinamento
rnn-after = depois do treinamento
rnn-decay = o gradiente da primeira entrada é { $decay } do gradiente da última
rnn-conclusion = a retropropagação através do tempo treina a rede neural recorrente (erro { $before } → { $after }), e o gradiente se desvanece ao voltar no tempo, como através das camadas de uma rede profunda: o da primeira entrada é { $decay } do da última.
