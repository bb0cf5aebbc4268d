# O --help do gradgraph em português do Brasil, no vocabulário da disciplina (o glossário:
# book/src/glossary.md). Cada mensagem está também em ../en/help.ftl, na mesma ordem, com as
# mesmas variáveis.

## as palavras do próprio clap

help-usage = Uso:
help-options = Opções:
help-arguments = Argumentos:
help-commands = Comandos:
help-possible-values = Valores possíveis:
help-possible-values-inline = [valores possíveis:{" "}
help-default = [padrão:{" "}
help-options-usage = [OPÇÕES]
help-command-usage = [COMANDO]
help-command-value = COMANDO
help-print-help = Mostra a ajuda
help-print-help-long = Mostra a ajuda (um resumo com '-h')
help-print-version = Mostra a versão
help-help-about = Mostra esta mensagem ou a ajuda dos comandos dados
help-help-subcommand = Mostra a ajuda dos comandos dados

## os comandos e seus argumentos

help-gradgraph-about = O comando gradgraph: o passeio pelos experimentos da disciplina e os comandos listados abaixo
help-gradgraph-long-about =
    gradgraph: a retropropagação que você vê.

    Sem comando, percorre os experimentos da disciplina.
help-gradgraph-after = Sem comando, o gradgraph faz o passeio: cada experimento da disciplina, com seus números mostrados e seus gráficos gravados em graphs/.
help-arg-lang = O idioma dos textos que o gradgraph escreve para as pessoas: en ou pt-BR (números com vírgula decimal, e --at lido com ela). Sem a opção, vale GRADGRAPH_LANG, depois a localidade (LC_ALL, LC_MESSAGES, LANG: português quando começa com pt), senão inglês
help-expr-about = Calcula uma expressão e o seu gradiente em relação a cada variável
help-expr-after =
    Expressões: números (2, 0.5, 1e-3, sempre com ponto decimal, porque a vírgula separa
    os argumentos de uma função), variáveis (x, w_1), + - * /, ^ para potências
    (associa à direita; -x^2 é -(x^2)), parênteses e as funções
    exp log sqrt sin cos abs erf relu tanh sigmoid gelu elu silu softplus step(x),
    leaky_relu(x), leaky_relu(x, inclinação), prelu(x, a), if_positive(c, a, b),
    pow(x, y).

    Códigos de saída: 0 concluído, 2 entrada inválida (expressão ou opções), 1 um valor ou
    gradiente (ou, com --hessian, uma derivada segunda) é NaN ou infinito (a mensagem diz
    o nó que o produziu), ou falta o Graphviz para --svg, --png, --tikz ou o --html de
    --grad-graph (os demais arquivos são gravados mesmo assim; a página interativa de
    --html não precisa dele).

    Exemplo: gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0,5 --at b=-0,2 --trace
help-expr-expression = A expressão, por exemplo "tanh(x*w + b)"; `-` a lê da entrada padrão
help-expr-at = O valor de uma variável, como NOME=VALOR (um número finito; em português, com vírgula decimal: x=0,5); um --at para cada variável da expressão
help-expr-json = Escreve um objeto JSON, { $open }"value": .., "grads": { $open }..{ $close }{ $close } (e "trace": [..] com --trace)
help-expr-trace = Mostra a retropropagação passo a passo: para cada nó, o gradiente que chega de cima, cada derivada local e o produto enviado a cada entrada
help-expr-hessian = Escreve as derivadas segundas em relação a cada par de variáveis (a hessiana), obtidas pela retropropagação no grafo do próprio gradiente (os números são constantes e não têm derivada). Com --json, como "hessian": { $open }"x": { $open }"x": .., "y": ..{ $close }, ..{ $close }
help-expr-grad_graph = Faz --dot, --svg, --png, --tikz, --html, --frames e --latex desenharem o grafo do próprio gradiente: a expressão, depois os nós que a retropropagação constrói como valores, terminando em ∂f/∂v para cada variável, ou só para VARIÁVEL (--html, --frames e --latex percorrem um deles)
help-arg-dot = Grava o grafo em ARQUIVO, no formato DOT do Graphviz
help-arg-svg = Desenha o grafo num arquivo SVG (precisa do programa `dot` do Graphviz)
help-arg-png = Desenha o grafo num arquivo PNG (precisa do programa `dot` do Graphviz)
help-arg-html = Grava uma página interativa em ARQUIVO.html, um arquivo único para abrir no navegador: a página interativa, aberta na expressão (com expr) ou na rede e nos dados de um treino, que dispensa o Graphviz; com `expr --grad-graph`, uma página que percorre a propagação direta e a retropropagação do grafo do gradiente (precisa do programa `dot` do Graphviz)
help-arg-tikz = Grava o grafo como figura TikZ em ARQUIVO.tex, para slides em LaTeX: os registros, as operações e os rótulos das arestas do --svg, nas posições calculadas pelo Graphviz (precisa do programa `dot` do Graphviz). Um documento que o pdflatex compila (com os pacotes tikz e preview) ou, com --tikz-bare, só o tikzpicture
help-arg-tikz_bare = Grava o --tikz só como tikzpicture, para dar \input em slides cujo preâmbulo tem \usepackage{ $open }tikz{ $close } (sem biblioteca TikZ)
help-arg-latex = Grava a retropropagação como dedução em LaTeX em ARQUIVO.tex: um align* com cada valor da propagação direta, depois cada gradiente pela regra da cadeia com seus números (os números do --trace), uma soma quando um valor alimenta vários outros. Um documento que o pdflatex compila (com os pacotes amsmath e preview) ou, com --latex-bare, só o align*. No máximo 200 passos da retropropagação; dispensa o Graphviz
help-arg-latex_bare = Grava o --latex só como align*, para dar \input em slides cujo preâmbulo tem \usepackage{ $open }amsmath{ $close }
help-arg-digits = Algarismos significativos dos números de --latex, --tikz e das outras figuras (padrão 4, de 1 a 17): o --latex tira os zeros à direita (-1,2, não -1,2000000000000002) e nunca escreve -0; as figuras os mantêm, para cada número mostrar sua precisão
help-arg-frames = Grava uma figura por passo da retropropagação em PASTA (arquivos DOT, e SVGs quando o `dot` está instalado)
help-arg-rankdir = Direção do desenho: LR (da esquerda para a direita) ou TB (de cima para baixo)
help-arg-no_legend = Deixa a legenda fora de --dot, --svg, --png, --tikz e --frames: uma figura para um slide que já explica suas cores
help-arg-collapse = Desenha o grafo resumido, para --dot, --svg e --png: --collapse=neurons (o padrão quando a opção vem sem valor) desenha um nó por neurônio (o grupo mais interno) dentro de um bloco por camada, --collapse=layers um nó por camada (o grupo mais externo), --collapse=none nunca resume. Sem a opção, --svg e --png de um grafo com mais valores que --max-nodes, ou de uma rede alta demais para a tela, passam a um nó por neurônio (ou por camada) e avisam; o --dot continua completo
help-arg-max_nodes = O máximo de nós que --svg, --png e --html entregam ao Graphviz (padrão 2000, pelo menos 1; o desenho de uma rede densa leva segundos com 2.000 nós e cerca de um minuto com 5.000)
help-arg-max_frames = O máximo de figuras que --frames grava, uma por passo da retropropagação (padrão 200; de 1 a 10000)
help-bench-about = Mede o tempo das cargas de referência ao lado das versões escritas à mão
help-bench-workloads = Cargas a medir: w1 (a demonstração do micrograd), w2 (uma cadeia de 1.000.000 de operações), w3 (o passeio), xor (o XOR da disciplina com 50 sementes), vanishing (o estudo do desvanecimento do gradiente), wide (uma rede 2-64-64-1 em 1.000 pontos de luas, 100 passos), sweep (ns por nó de 10³ a 10⁷ nós). Todas, quando nenhuma é dada
help-bench-runs = Quantas vezes cada medida é tomada; mostra-se a mediana
help-bench-json = Escreve um objeto JSON por carga em vez da tabela
help-bench-quick = Tamanhos pequenos, para conferir que cada carga roda (W1 com 10 passos, W2 com 10⁴ operações, XOR com 5 sementes de 200 passos, a configuração rápida do estudo do desvanecimento, a rede larga em 300 pontos por 5 passos, sweep até 10⁵ nós). As medidas então pouco dizem
help-bench-threads = Mede também a rede larga com esse número de threads (o lote dividido entre elas), ao lado da medida com uma só
help-train-about = Treina uma rede MLP num conjunto de dados embutido ou num arquivo CSV
help-train-after =
    Códigos de saída: 0 concluído, 2 entrada inválida (opções, dados, arquivos, tamanhos acima de um limite; achados antes do treino), 1 o treino divergiu (o erro ou um parâmetro virou NaN ou infinito: nada é salvo nem gravado), o Graphviz falhou, ou falta para --svg, --png ou --tikz (os demais arquivos são gravados mesmo assim; a página interativa de --html não precisa dele).

    Todos os arquivos de uma execução (--save, --plot, --dot, --svg, --png, --html, --tikz, --latex, --frames) vão para o lugar juntos, no fim; uma execução que falha deixa os arquivos anteriores como estavam.
help-train-dataset = Os dados: um conjunto embutido (xor, circles, moons, spiral, blobs, square, reciprocal, sine) ou um arquivo CSV com uma linha de cabeçalho x1,x2,...,y
help-train-samples = Número de amostras de um conjunto embutido (padrão 100; o xor tem 4; de 2 a 1000000)
help-train-noise = Desvio padrão do ruído gaussiano de um conjunto embutido (padrão próprio de cada conjunto; um número finito, pelo menos 0)
help-train-test_fraction = Fração das amostras separada para teste, em [0, 1)
help-train-task = Troca a tarefa deduzida dos alvos de um arquivo CSV
help-train-hidden = Tamanhos das camadas ocultas, separados por vírgula ("none" para nenhuma camada oculta) [padrão: 16,16, ou a receita do conjunto de dados]
help-train-activation = Função de ativação das camadas ocultas: uma para todas, ou uma por camada oculta (relu,tanh): linear, relu, tanh, sigmoid, leaky_relu[:INCLINAÇÃO], prelu, gelu, elu, silu, softplus, step(x) [padrão: relu; tanh para os conjuntos circles, sine e reciprocal, silu para o xor]. Com --load, só para um arquivo safetensors salvo pelo PyTorch, que não a registra
help-train-output = A saída do modelo (padrão: sigmoid com bce, softmax com cross_entropy, linear nos demais casos). Com --load, só para um arquivo safetensors salvo pelo PyTorch, que não a registra
help-train-loss = A função de erro (padrão: bce para duas classes, cross_entropy para mais, mse para regressão)
help-train-l2 = Coeficiente α da regularização L2 (o erro soma α Σ p²; um número finito, pelo menos 0)
help-train-optimizer = O otimizador: sgd, momentum[:MU] (MU em [0, 1), 0,9 se omitido) ou adam
help-train-lr = Taxa de aprendizagem, pelo menos 0 (padrão 0,01 com adam, 0,1 para o conjunto xor e 0,03 para circles; 0,1 com sgd e momentum)
help-train-lr_end = Reduz a taxa de aprendizagem linearmente até LR_END: lr_k = lr − (lr − lr_end)·k/passos
help-train-steps = Número de atualizações (no máximo 10.000.000) [padrão: 100; as receitas dos conjuntos embutidos: xor, circles e moons 300, square 500, spiral, sine e reciprocal 1000]
help-train-batch_size = Amostras por atualização, pelo menos 1 (padrão: o conjunto de treino inteiro)
help-train-clip_value = Limita cada componente do gradiente a [−C, C] (C acima de 0)
help-train-clip_norm = Reduz o gradiente a uma norma euclidiana de no máximo C (C acima de 0)
help-train-batch_norm = Normaliza por lote cada camada oculta
help-train-init = Inicialização dos pesos: uniform[:A], normal:S, glorot, glorot_normal, he/he_normal, lecun, zeros, ou um ARQUIVO de números, um por linha, na ordem canônica dos parâmetros (padrão: he/glorot, o primeiro para ativações do tipo relu, o segundo nas demais)
help-train-seed = Semente de toda escolha aleatória (dados, pesos, embaralhamentos, separação do teste)
help-train-threads = Threads que refazem cada lote: um lote de pelo menos 128 amostras por thread é dividido entre elas (os erros então batem com os de uma só thread até o arredondamento, cerca de 1e-12)
help-train-save = Salva o modelo treinado: ARQUIVO.json (o JSON do gradgraph) ou ARQUIVO.safetensors (carrega no PyTorch num torch.nn.Sequential; o relatório mostra qual)
help-train-load = Parte de um modelo salvo com --save (sua arquitetura substitui --hidden e as opções vizinhas), ou de um arquivo safetensors salvo pelo PyTorch (dê seus --activation e --output, que um arquivo assim não registra)
help-train-max_input_mb = O maior arquivo de entrada lido, em megabytes, de 1 a 65536 (arquivos de --dataset, --init e --load)
help-train-json = Escreve um objeto JSON na saída padrão em vez do relatório
help-train-quiet = Sem barra de progresso
help-train-plot = Desenha a fronteira de decisão (duas entradas) ou a curva ajustada (uma entrada) sobre os dados, ao lado da curva do erro, em SVG
help-predict-about = Aplica um modelo salvo (do gradgraph ou do PyTorch) às amostras de um arquivo CSV
help-predict-after =
    O arquivo CSV tem uma linha de cabeçalho com os nomes das colunas, depois uma amostra por linha: tantas colunas quantas são as entradas do modelo (x1,x2,...), ou uma a mais, um rótulo (a última coluna, como o --dataset do treino a lê: uma classe ou um valor alvo), mostrado ao lado de cada previsão e avaliado (acurácia ou RMSE). Uma última coluna com o nome da entrada seguinte (x3 depois de x2) é uma entrada, recusada para um modelo com uma entrada a menos; os rótulos de um classificador são as suas classes (0 e 1, ou -1 e 1, para duas), e qualquer outro é recusado, com a sua linha.

    Um classificador (saída sigmoid ou softmax) mostra a classe de cada amostra e a probabilidade de cada classe; qualquer outro modelo mostra as suas saídas (o valor, na regressão). O --json escreve um objeto com os números em precisão completa (o campo "outputs":[y1,y2] é o que o modelo devolve, como o Sequential do PyTorch com a função de saída).

    Códigos de saída: 0 concluído, 2 entrada inválida (opções, arquivos, um CSV que não serve ao modelo), 1 uma previsão NaN ou infinita.
help-predict-load = O modelo: um ARQUIVO.json ou ARQUIVO.safetensors salvo pelo --save do treino, ou um arquivo safetensors salvo pelo PyTorch (`safetensors.torch.save_file(model.state_dict(), ...)` de um torch.nn.Sequential)
help-predict-dataset = As amostras: um arquivo CSV com uma linha de cabeçalho, uma coluna por entrada do modelo e, se quiser, uma coluna de rótulos por último
help-predict-activation = Para um arquivo safetensors sem os metadados do gradgraph (salvo pelo PyTorch): a função de ativação das camadas ocultas, uma para todas ou uma por camada (relu,tanh) [padrão: relu]
help-predict-output = Para um arquivo safetensors sem os metadados do gradgraph: a sua função de saída [padrão: linear, os escores brutos]
help-predict-max_input_mb = O maior arquivo de entrada lido, em megabytes, de 1 a 65536 (arquivos de --load e --dataset)
help-predict-json = Escreve um objeto JSON na saída padrão em vez da tabela
help-quiz-about = Faça a retropropagação à mão: cada gradiente é conferido, e um errado, explicado
help-quiz-after =
    Respostas: uma por linha na entrada padrão, um número ou uma conta com números (0,915,
    -1/2, 1 - 0,2913^2, tanh(0,3)); linhas em branco são puladas. Uma resposta g' para um
    gradiente g está certa quando |g' - g| <= max(REL * |g|, ABS) (--tolerance REL, padrão
    1e-3; --abs-tolerance ABS, padrão 1e-6, que só importa perto de 0). Uma resposta errada é
    explicada (o primeiro engano que a produz: uma derivada local errada, um uso deixado fora
    de uma soma ou contado duas vezes, faltou multiplicar pelo gradiente que chega de cima, o
    valor do nó dado no lugar do seu gradiente) e o quiz segue com o valor certo. Num
    terminal, uma linha que não é número é perguntada de novo; por um pipe, ela encerra o quiz.

    Os nós têm os nomes que `gradgraph expr --trace` lhes dá: uma variável pelo seu nome,
    qualquer outro nó por #k (o seu índice: primeiro as folhas, depois cada operação na ordem
    em que é calculada). As constantes não guardam gradiente e não são perguntadas.

    O --json escreve um objeto JSON na saída padrão quando o quiz termina (o diálogo vai
    então para a saída de erros), com os campos (null quando não há):
      { $open }"expression","at":{ $open }nome:valor{ $close },"value","scope":"every_node"|"leaves",
      "tolerance":{ $open }"relative","absolute"{ $close },"random":{ $open }"level","seed"{ $close }(com:--random),
      "questions":[{ $open }"number","node","name","formula","text","kind","value","used_by",
      "gradient","contributions":[{ $open }"from","operand","local","upstream","product","rule"{ $close }],
      "answer":{ $open }"text","value","right","mistake":{ $open }"kind","at":{ $open }"from","to"{ $close },"gives",
      "explanation"{ $close }{ $close }{ $close }],"right","answered","total","error"{ $close }
    ("error":texto quando as respostas acabaram antes ou uma linha não era número).
    Tipos de engano: local_derivative, left_out, missing_upstream, counted_twice,
    own_local, value_for_gradient, unexplained.

    O --worksheet PASTA não pergunta nada: grava worksheet.md e answers.md (Markdown, com
    graph.svg e graph-answers.svg), worksheet.tex e answers.tex (LaTeX, com graph.pdf e
    graph-answers.pdf) e os arquivos DOT das figuras, todos ou nenhum. Sem o Graphviz grava
    só os arquivos DOT, e as folhas dizem como desenhá-los.

    Códigos de saída: 0 quando o quiz chegou ao fim, com respostas certas ou erradas (o
    resumo diz quantas acertou); 2 para entrada inválida: uma expressão ou opção inválida,
    valores em que um valor ou gradiente não é finito, uma linha por pipe que não é número,
    ou a entrada padrão terminando antes da última pergunta (a mensagem diz quantas ficaram
    sem resposta).

    Exemplos:
      printf '0,915\n0,915\n0,915\n0,915\n0,458\n' | gradgraph quiz "tanh(x*w + b)" --at x=1 --at w=0,5 --at b=-0,2
      gradgraph quiz --random --level hard --seed 7
      gradgraph quiz "x*x + x" --at x=3 --worksheet folha/
help-quiz-expression = A expressão, por exemplo "tanh(x*w + b)" (a linguagem de `gradgraph expr`)
help-quiz-at = O valor de uma variável, como NOME=VALOR; um --at para cada variável da expressão
help-quiz-random = Um exercício aleatório tirado da tabela de operações, em vez de uma expressão (veja --level e --seed; a semente é mostrada para o exercício poder ser pedido de novo)
help-quiz-level = O tamanho de um exercício aleatório [padrão: medium]
help-quiz-seed = A semente de um exercício aleatório: a mesma semente e o mesmo nível dão o mesmo exercício
help-quiz-leaves = Pergunta só os gradientes das variáveis, não os de cada nó
help-quiz-tolerance = O maior erro, relativo ao gradiente, que ainda conta como certo, em [0, 1)
help-quiz-abs_tolerance = O maior erro que conta como certo perto de 0, pelo menos 0
help-quiz-json = Escreve as perguntas e as respostas conferidas como um objeto JSON na saída padrão (o diálogo vai para a saída de erros)
help-quiz-worksheet = Grava em PASTA uma folha de exercícios para imprimir e o seu gabarito (Markdown e LaTeX, com a figura do grafo) em vez de perguntar
help-page-about = Grava a página interativa: digite qualquer expressão e percorra a sua retropropagação, num arquivo HTML que funciona sem rede
help-page-after = Abra o arquivo num navegador (sem servidor, sem rede): digite qualquer expressão, arraste os valores das variáveis e percorra a propagação direta e a retropropagação, cada passo com os seus nomes; ou passe ao modo rede e treine uma rede ao vivo em dados que você muda. `gradgraph expr EXPRESSÃO --at ... --html ARQUIVO.html` grava a mesma página aberta nessa expressão; o --html de um treino, aberta na rede dessa execução.
help-page-file = A página a gravar, ARQUIVO.html
help-page-expression = A expressão em que a página abre (padrão: tanh(x*w + b), com x=1, w=0,5, b=-0,2)
help-page-at = O valor de uma variável, como NOME=VALOR; uma variável sem valor começa em 1
help-page-preset = Abre o modo rede num dos experimentos da disciplina: xor, circles, x2, reciprocal, sine ou vanishing
help-value-rankdir-lr = Da esquerda para a direita: lê-se como uma fórmula
help-value-rankdir-tb = De cima para baixo: cabe em slides altos e em cadeias longas
help-value-collapse-neurons = Um nó por neurônio (o grupo mais interno), dentro de um bloco por camada
help-value-collapse-layers = Um nó por camada (o grupo mais externo)
help-value-collapse-none = Cada valor desenhado
help-value-workloads-w1 = a demonstração do micrograd
help-value-workloads-w2 = Uma cadeia de 1.000.000 de operações
help-value-workloads-w3 = O passeio
help-value-workloads-xor = O XOR da disciplina com 50 sementes
help-value-workloads-vanishing = O estudo do desvanecimento do gradiente
help-value-workloads-wide = Uma rede 2-64-64-1 em 1.000 pontos de luas
help-value-workloads-sweep = Nanossegundos por nó de 10³ a 10⁷ nós
help-value-task-regression = Números a ajustar
help-value-task-binary = Duas classes, 0 e 1 (ou −1 e 1)
help-value-task-classes = Classes 0, 1, 2, …
help-value-output-linear = Os escores brutos
help-value-output-sigmoid = Uma probabilidade da classe 1, para uma saída
help-value-output-softmax = Uma probabilidade por classe, para duas saídas ou mais
help-value-loss-mse = Erro quadrático médio, para regressão
help-value-loss-bce = Entropia cruzada binária sobre um escore, para duas classes
help-value-loss-hinge = A função de erro hinge max(0, 1 − y·escore), para duas classes
help-value-loss-cross-entropy = Entropia cruzada com softmax, um escore por classe
help-value-level-easy = 2 variáveis, 1 função
help-value-level-medium = 3 variáveis, uma usada duas vezes, 2 funções
help-value-level-hard = Duas variáveis reusadas, 3 funções, uma potência
help-arg-rankdir-name = DIREÇÃO
help-name-lang = IDIOMA
help-name-expression = EXPRESSÃO
help-name-name-value = NOME=VALOR
help-name-variable = VARIÁVEL
help-name-file = ARQUIVO
help-name-file-html = ARQUIVO.html
help-name-file-tex = ARQUIVO.tex
help-name-dir = PASTA
help-name-level = NÍVEL
help-name-name-file-csv = NOME|ARQUIVO.csv
help-name-task = TAREFA
help-name-sizes = TAMANHOS
help-name-name-name = NOME[,NOME...]
help-name-name = NOME
help-name-scheme-file = ESQUEMA|ARQUIVO
help-name-file-json-file-safetensors = ARQUIVO.json|ARQUIVO.safetensors
help-name-file-svg = ARQUIVO.svg
help-name-model = MODELO
help-name-file-csv = ARQUIVO.csv
help-name-command = COMANDO
