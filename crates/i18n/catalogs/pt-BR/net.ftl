# A parte de rede da página interativa em português do Brasil (o laboratório de treino): o
# que page.html, net.js e o motor (crates/web/src/net.rs) mostram. Cada mensagem está também em
# ../en/net.ftl, na mesma ordem, com as mesmas variáveis.

## o formulário e os controles

net-page-title = { $name }: uma rede treinada ao vivo
net-preset = experimento
net-stat-step = passo
net-stat-loss = erro
net-stat-held-out = separados
net-click = clique:
net-click-add = acrescenta
net-click-delete = apaga
net-click-pick = escolhe uma amostra
net-head = a rede
net-head-note = aresta: largura e cor = peso (azul +, laranja −); passe o mouse para ver seu gradiente, clique para mudá-lo; clique num neurônio para escolhê-lo
net-dataset = conjunto de dados
net-samples = amostras
net-noise = ruído
net-test-fraction = separados para teste
net-csv = arquivo CSV
net-hidden = camadas ocultas
net-activation = ativação
net-activations = por camada
net-loss = função de erro
net-output = saída
net-optimizer = otimizador
net-lr = taxa de aprendizagem
net-lr-end = decai até
net-steps = passos
net-batch = tamanho do lote
net-l2 = L2
net-clip-value = limite por valor
net-clip-norm = limite da norma
net-seed = semente
net-stop-loss = parar com erro abaixo de
net-stop-100 = parar com 100% de acerto
net-net-panel-aria = os dados, a rede e os ajustes do treino
net-noise-placeholder = padrão
net-hidden-title = O tamanho de cada camada oculta, separados por vírgula (nenhum para nenhuma camada oculta), como a opção --hidden os recebe
net-activations-title = Uma função de ativação por camada oculta, separadas por vírgula (substitui a de cima)
net-activations-placeholder = p. ex. tanh,relu
net-lr-end-title = A taxa cai em linha reta até este valor no último passo
net-lr-end-placeholder = sem decaimento
net-steps-title = O treino pausa aqui (aperte treinar para continuar); o horizonte do decaimento
net-batch-placeholder = todas
net-clip-value-placeholder = nenhum
net-clip-norm-placeholder = nenhum
net-stop-loss-placeholder = não
net-net-centre-aria = os dados e a resposta do modelo
net-train-play-title = Treinar ou pausar (espaço)
net-train-step-title = Um passo (→)
net-train-reset-title = Volta ao passo 0, com os mesmos pesos iniciais
net-train-reseed-title = Novos pesos iniciais (a próxima semente); os dados ficam
net-speed-net-title = Passos por quadro
net-loss-now-title = o erro de treino agora (todo o conjunto de treino, com L2)
net-map-aria = os dados e a resposta do modelo: clique para acrescentar, apagar ou escolher um ponto
net-click-mode-aria = o que um clique no mapa faz
net-add-class-title = A classe dos pontos que você acrescenta
net-net-right-aria = a rede e suas curvas de treino
net-loss-chart-aria = o erro a cada passo, em escala logarítmica
net-norm-chart-aria = a norma do gradiente de cada camada a cada passo, em escala logarítmica
net-legend-data = dados
net-legend-net = rede
net-legend-training = treino
net-train-play = treinar
net-train-step = passo
net-train-reset = recomeçar
net-train-reseed = novos pesos
net-option-own = (seus próprios ajustes)
net-option-momentum = momento (0,9)
net-speed-1 = 1 passo/quadro
net-speed-2 = 2 passos/quadro
net-speed-5 = 5 passos/quadro
net-speed-20 = 20 passos/quadro
net-speed-100 = 100 passos/quadro

## os experimentos da disciplina

net-preset-xor-title = XOR, 2-2-1
net-preset-xor-note = A rede 2-2-1 da disciplina aprende o XOR a partir deste início: cada neurônio oculto traça uma reta e a saída combina as duas. Depois aperte "novos pesos" algumas vezes: cerca de metade dos inícios aleatórios empaca em 50% ou 75% (um mínimo local).
net-preset-circles-title = círculos, 4 neurônios ocultos
net-preset-circles-note = Uma camada oculta de 4 neurônios, como na disciplina: cada neurônio é uma reta, e juntos eles fecham uma curva em volta do anel de dentro. Acrescente pontos de qualquer classe (clique no mapa) e veja a fronteira se mover; os quadrados ficam separados para teste.
net-preset-x2-title = x² em [−1, 1]
net-preset-x2-note = f(x) = x² com uma camada oculta de 16 neurônios tanh: a curva se dobra até a parábola. Clique para acrescentar pontos fora da curva e veja-a segui-los.
net-preset-reciprocal-title = 1/x em [1, 100]
net-preset-reciprocal-note = f(x) = 1/x: íngreme perto de 1, plana depois. Na escala logarítmica da curva de erro, o erro continua caindo muito depois de a curva parecer certa.
net-preset-sine-title = sen x em [1, 2π]
net-preset-sine-note = f(x) = sen x com uma camada oculta de 16 neurônios tanh: alguns neurônios fazem cada curva do seno.
net-preset-vanishing-title = desvanecimento do gradiente
net-preset-vanishing-note = Dez camadas ocultas de neurônios sigmoide: no gráfico da norma do gradiente, a da camada 1 fica ordens de grandeza abaixo da saída (cada sigmoide o multiplica por no máximo 0,25) e o erro quase não se mexe. Troque a ativação para relu e treine de novo.

## os textos e as conferências do formulário

net-loss-default = padrão para a tarefa
net-output-default = padrão para a função de erro
net-activation-step = degrau
net-hidden-none = nenhuma
net-file = { $name } (arquivo)
net-class = classe { $k }
net-bad-box = { $what }: "{ $text }" não é { $need }
net-need-whole = um número inteiro, no mínimo { $min }
net-need-above = um número acima de { $min }
net-need-at-least = um número, no mínimo { $min }
net-need-number = um número
net-bad-fraction = { $what }: { $value } não é uma fração abaixo de 1
net-bad-hidden = { $what }: "{ $text }" não é uma lista de tamanhos de camada como 4 ou 8,8 (ou { $none })
net-add-two-inputs = só se acrescentam pontos no mapa de um conjunto de dados com duas entradas
net-no-answer = o motor não respondeu

## o treino

net-pause = pausar
net-stopped-loss = parou no passo { $step }: o erro { $loss } ficou abaixo de { $below }.
net-stopped-all-right = parou no passo { $step }: 100% dos pontos de treino estão certos.
net-done = { $step } passos feitos.
net-done-jumps = { $step } passos feitos; o erro oscila (entre { $lo } e { $hi } nos últimos { $w } passos) em vez de cair: uma taxa de aprendizagem menor o estabilizaria.
net-done-falling = { $step } passos feitos, e o erro ainda está caindo ({ $fall }% nos últimos { $w } passos): mais passos o diminuiriam. Aperte treinar para continuar.
net-done-level-right = { $step } passos feitos; o erro se estabilizou com { $right }% de acerto: outra ativação, uma rede mais larga, outra taxa de aprendizagem ou novos pesos podem se sair melhor.
net-done-level = { $step } passos feitos; o erro se estabilizou.
net-rewound = recomeçado: passo 0, os mesmos pesos iniciais.
net-reseeded = novos pesos iniciais, da semente { $seed }; os dados ficam.
net-title = { $dataset } · rede { $sizes } · { $activations } · erro { $loss }
net-no-hidden-layer = sem camada oculta
net-accuracy = acerto
net-test-classes = erro { $loss }, { $accuracy }
net-test-regression = erro { $loss }, RMSE { $rmse }

## o mapa

net-map-cannot = o mapa desenha duas entradas e classes, ou uma entrada e um valor;
net-map-one-input = 1 entrada
net-map-inputs = { $n } entradas
net-map-classes = { $n } classes
net-map-a-value = um valor
net-map-this-data = estes dados têm { $inputs } e { $targets }: os pontos mostram x1 e x2
net-map-legend-curve = ● ponto de treino   □ separado para teste   — a curva do modelo
net-map-legend-boundary = ● treino   □ separado para teste   — fronteira (saída { $threshold })
net-map-legend-classes = ● treino   □ separado para teste   cor: a classe escolhida

## a rede e seus pesos

net-view-aria = a rede: neurônios em camadas, cada peso uma aresta
net-neuron-tip = neurônio { $name }: clique para escolhê-lo
net-layer-output = saída
net-every-hidden-layer = { $name } (todas as camadas ocultas)
net-weight = { $name } = { $value }   ∂L/∂{ $name } = { $gradient }   (clique para mudar)
net-set-weight = mudar { $name } =
net-set-weight-hint = (Enter para mudar, Esc para sair)
net-set-by-hand = { $name } mudado à mão: as saídas, o erro e os gradientes são os do novo peso.

## as curvas

net-chart-step = passo
net-chart-training = treino
net-chart-held-out = teste
net-chart-loss-title = erro (escala log)
net-chart-loss = erro
net-chart-layer = camada { $n }
net-chart-norm-title = norma do gradiente por camada (escala log)

## a regra da cadeia de uma amostra

net-picked-none = A regra da cadeia de uma amostra: escolha um ponto (clique: escolhe uma amostra) e, se quiser, um neurônio (clique nele na rede).
net-picked-point = ponto { $n }
net-picked-held-out-point = ponto de teste { $n }
net-picked-whole = { $what }, o grafo inteiro (clique num neurônio da rede para seguir um só):
net-picked-neuron = { $what } pelo neurônio { $neuron }:
net-open-chain = passo a passo da regra da cadeia →

## o que o motor diz na parte de rede (crates/web/src/net.rs)

net-error-unreadable = não foi possível ler o pedido da página: { $error }
net-error-unwritable = não foi possível escrever a resposta: { $error }
net-error-no-net = ainda não há rede: escolha primeiro um conjunto de dados
net-error-field = { $field }: { $error }
net-first-weights = os pesos iniciais
net-error-steps-per-request = { $steps } passos num só pedido é mais que o limite da página, { $limit }
net-error-point-inputs = um ponto destes dados tem { $n } entradas, e não { $given }
net-error-point-finite = as entradas e o alvo de um ponto precisam ser números finitos
net-error-class = a classe vai de 0 a { $last }, e não { $given }
net-error-max-points = a página treina com no máximo { $limit } pontos
net-error-two-points = o treino precisa de pelo menos 2 pontos: acrescente um antes de apagar este
net-error-no-point = não existe o ponto { $index }: há { $count }
net-parameter = parâmetro { $index }
net-error-parameter = { $name }: "{ $text }" não é um número; digite um como 0,5 ou -1,2e-3
net-error-diverged = o treino divergiu: { $error }; recomece, ou diminua a taxa de aprendizagem
net-error-not-finite = uma perda ou um gradiente deixou de ser um número finito, no passo { $step }
net-loss-node = erro
net-sample-training = ponto de treino { $n } ({ $inputs }; { $what })
net-sample-held-out = ponto de teste { $n } ({ $inputs }; { $what })
net-sample-whole = { $title }, até o seu erro
net-sample-neuron = { $title }, pelo neurônio { $neuron }, até o seu erro
net-note-bce = a função de erro é a entropia cruzada binária sobre a pontuação z, escrita softplus(z) − y·z: o mesmo número que −[y·log σ(z) + (1 − y)·log(1 − σ(z))], sem o arredondamento de log σ para |z| grande (a BCEWithLogitsLoss de PyTorch)
net-note-hinge = a função de erro é a hinge relu(1 − y·z) sobre a pontuação z, com o alvo y valendo −1 ou 1
net-note-cross-entropy = a função de erro é a entropia cruzada sobre as pontuações, escrita log Σ exp(z) − Σ y·z com os alvos y em codificação one-hot: o mesmo número que −log softmax(z) da classe certa
net-error-sample-too-large = o grafo desta amostra tem { $nodes } nós, mais que os { $limit } que a página abre; escolha um neurônio para ver só o que passa por ele, ou use uma rede menor
net-node = nó { $i }
net-error-neuron-name = neurônio "{ $text }": indique-o como CAMADA.NEURÔNIO, como 1.2 (camada 1 a { $layers })
net-error-neuron-range = neurônio { $text }: a camada { $layer } tem os neurônios { $layer }.1 a { $layer }.{ $last }
net-error-csv-too-big = { $name }: { $bytes } bytes, mais que o limite da página para um arquivo CSV, { $limit }
net-error-unknown-dataset = conjunto de dados desconhecido, "{ $name }"; os embutidos: { $builtin } (ou carregue um arquivo CSV)
net-error-samples-limit = { $what }: { $n } é mais que o limite da página, { $limit }
net-error-too-many-samples = { $name }: { $n } amostras, mais que o limite da página, { $limit }
net-error-activations-count = { $activations } funções de ativação para { $hidden } camadas ocultas: indique uma por camada oculta, ou uma para todas
net-error-empty-layer = uma camada oculta precisa de pelo menos 1 neurônio
net-error-output-loss = saída { $output } com a função de erro { $loss }: { $error }
net-error-too-many-parameters = uma rede de { $n } parâmetros passa do limite da página, { $limit }: use menos neurônios ocultos
net-error-loss-fit = função de erro { $loss }: { $error }
net-error-batch-zero = { $what }: 0 não é um lote; indique pelo menos 1 (ou nada, para todos)
net-error-steps-zero = { $what }: indique pelo menos 1
