# Os relatórios do gradgraph train e do gradgraph predict em português do Brasil, e as
# linhas dos arquivos que uma execução grava. Cada mensagem está também em ../en/train.ftl,
# na mesma ordem, com as mesmas variáveis.

## gradgraph train: o relatório

train-trained = rede { $architecture } ({ $parameters } parâmetros) treinada em { $dataset } ({ $samples } amostras, { $task }) por { $steps } { $steps ->
        [one] passo
       *[other] passos
    } em { $seconds } s
train-task-regression = regressão
train-task-binary = classificação binária
train-task-classes = classificação em { $classes } classes
train-recipe = padrões para { $dataset }: { $flags } (dê as opções para escolher outros)
train-loss = função de erro ({ $loss }{ $l2 }): { $first } -> { $last }
train-still-falling = o erro ainda estava caindo (caiu { $drop } nos últimos 10% dos passos): mais --steps o baixariam
train-accuracy = acurácia no treino: { $accuracy }%
train-rmse = RMSE no treino: { $rmse }
train-test-accuracy = acurácia no teste: { $accuracy }% ({ $samples } amostras)
train-test-rmse = RMSE no teste: { $rmse } ({ $samples } amostras)
train-torch = no PyTorch: { $module }
train-torch-none = no PyTorch: nenhum módulo reproduz uma função de ativação deste modelo (a função degrau)
train-diverged = o treino divergiu: o erro é { $loss } a partir do passo { $step }; tente uma --lr menor ou --clip-norm{ $files }
train-diverged-files = ; nenhum arquivo foi gravado (um modelo com parâmetros não finitos nunca é salvo)
train-long-run = aviso: { $steps } passos em { $samples } amostras vão levar cerca de { $duration } (estimativa pelo primeiro passo); menos --steps, um --batch-size menor ou menos amostras rodam mais rápido
train-progress = { $bar } { $pos }/{ $len } passos  erro { $msg }  (faltam cerca de { $eta })

## os arquivos que uma execução grava

wrote = gravado: { $path }
wrote-frames = { $count } quadros da retropropagação ({ $what }) gravados em { $folder }

## gradgraph predict: a tabela e a sua nota

predict-sample = amostra
predict-label = rótulo
predict-value = valor
predict-output = saída { $k }
predict-class = classe
predict-accuracy = acurácia: { $accuracy }% ({ $samples } amostras com rótulo)
predict-rmse = RMSE: { $rmse } ({ $samples } amostras com rótulo)
predict-not-finite = a previsão para a amostra { $sample } não é finita ({ $outputs }): uma entrada muito fora da faixa em que o modelo foi treinado?
predict-label-range-two = 0 e 1
predict-label-range = de 0 a { $last }
predict-bad-label = --dataset { $file }: linha { $line }: rótulo { $label }, mas o modelo tem { $classes } classes ({ $range })
predict-label-named-as-input = --dataset { $file }: { $count } colunas de entrada ({ $columns }), mas o modelo lê { $inputs }; uma coluna de rótulos vem por último, com um nome que nenhuma entrada tem (como y)
predict-columns = --dataset { $file }: { $count } { $count ->
        [one] coluna
       *[other] colunas
    } ({ $columns }), mas o modelo lê { $inputs } { $inputs ->
        [one] entrada
       *[other] entradas
    }: esperava { $inputs } colunas (as entradas) ou { $more } (as entradas, depois um rótulo)

## gradgraph train: o que recusa antes de treinar

train-samples-of-file = --samples e --noise valem para os conjuntos de dados embutidos, não para o arquivo { $file }
train-page-batch-norm = as redes da página não têm normalização por lote; tire o --batch-norm, ou desenhe o grafo de uma amostra com --svg
train-page-task = a página deduz a tarefa dos dados, como sem --task; tire o --task para usar --html
train-page-samples = { $samples } amostras é mais do que as { $limit } com que a página treina; use menos --samples
train-page-parameters = uma rede de { $parameters } parâmetros é maior que o limite de { $limit } da página; use menos neurônios nas camadas ocultas
train-activations-count = --activation { $activations }: { $count } funções de ativação para { $layers } { $layers ->
        [one] camada oculta
       *[other] camadas ocultas
    } (--hidden { $hidden }): dê uma função de ativação por camada oculta, ou uma para todas
train-batch-norm-batch = --batch-norm precisa de um --batch-size de pelo menos 2
train-output-applied-by-loss = --output { $output }: a função de erro { $loss } já aplica { $applied } aos escores brutos do modelo, então --output { $output } seria ignorada; tire o --output (o modelo dá { $applied }), use --output linear (os escores brutos), ou escolha uma função de erro que a use (--loss mse ou hinge)
train-softmax-of-one = --output softmax: uma softmax precisa de pelo menos 2 saídas (uma por classe), e esta tarefa ({ $task }) com a função de erro { $loss } tem { $outputs }; use --output sigmoid ou linear
train-hidden-none-alone = --hidden: "none" quer dizer nenhuma camada oculta, então vem sozinho; esperava tamanhos como { $sizes } ou none

## um arquivo de modelo: o que se supõe de um arquivo do PyTorch, o que um do gradgraph registra

model-why-raw-scores = os escores brutos
model-why-loss-default = o padrão para a função de erro
model-assumed-relu = as suas camadas ocultas são tomadas como relu (--activation NOME ou NOME,NOME,... para escolher)
model-assumed-output = a sua função de saída como { $output }, { $why } (--output para escolher)
model-no-metadata = aviso: { $source } não tem os metadados do gradgraph (é um state_dict do PyTorch): { $assumed }
model-no-hidden-layer = nenhuma camada oculta
model-records-activations = --activation { $flag }: { $source } registra as suas funções de ativação ({ $recorded }); --activation vale para um arquivo safetensors sem os metadados do gradgraph (salvo pelo PyTorch)
model-records-output = --output { $flag }: { $source } registra a sua função de saída ({ $recorded }); --output vale para um arquivo safetensors sem os metadados do gradgraph (salvo pelo PyTorch)

# a nota na página de train --html
train-page-note = treinada por { $steps } { $steps ->
    [one] passo
   *[other] passos
} com { $dataset }, como o `gradgraph train` fez (os mesmos valores da função de erro, bit a bit); volte ao início para ver de novo, ou mude o que quiser.

## train --plot

train-plot-probability = probabilidade da classe 1
train-plot-score = escore
train-plot-boundary = { $what }, fronteira em { $threshold }
train-plot-predicted-class = classe prevista
train-plot-fit = ajuste de { $dataset }
train-plot-data = dados
train-plot-model = modelo
train-plot-loss-title = função de erro no treino
train-plot-step = passo
train-plot-loss = erro
train-plot-slow = nota: --plot avalia a rede ({ $parameters } parâmetros) em { $points } pontos: cerca de { $time }
