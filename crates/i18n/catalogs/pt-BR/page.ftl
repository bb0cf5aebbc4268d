# Os textos da página interativa em português do Brasil (gradgraph page, expr --html): o que
# page.html e page.js mostram, e os passos, as derivações e os erros que o motor escreve para
# ela em WebAssembly (crates/web). Cada mensagem está também em ../en/page.ftl, na mesma
# ordem, com as mesmas variáveis; o vocabulário é o do glossário (book/src/glossary.md).

## o cabeçalho e o grafo

page-mode-label = o que explorar
page-mode-expression = expressão
page-mode-expression-title = Uma expressão: seu grafo, a propagação direta e a retropropagação, passo a passo
page-mode-net = rede
page-mode-net-title = Uma rede treinada ao vivo em dados que você pode mudar, com todos os gradientes
page-back = ← voltar à rede
page-back-title = Voltar à rede, como você a deixou
page-by = retropropagação, ao vivo · gradgraph
page-lang-label = idioma
page-lang-en-title = Mostrar a página em inglês
page-lang-pt-title = Mostrar a página em português
page-stage-label = o grafo
page-fit = ajustar
page-fit-title = Mostrar o grafo inteiro (F)
page-zoom-in-title = Aproximar (+)
page-zoom-out-title = Afastar (−)
page-loading = carregando o motor…
page-engine-failed = o motor falhou: { $error }
page-could-not-start = a página não conseguiu iniciar: { $error }

## o painel: a expressão, suas variáveis, os resultados

page-graph-placeholder = um grafo (digite para trocá-lo)
page-vars-label = as variáveis
page-value-of = o valor de { $name }
page-drag-value-of = arraste o valor de { $name }
page-results-title = o valor e os gradientes, ao fim das duas propagações
page-results-note = ao fim das propagações:
page-quiz = exercício: calcule você os gradientes
page-quiz-title = Esconde os gradientes para você calculá-los; cada resposta é conferida, e uma resposta errada, explicada
page-quiz-none = sem exercício aqui: { $error }
page-quiz-found = { $done } de { $total } já acertados.

## os passos

page-first-title = Primeiro passo (Home)
page-prev-title = Passo anterior (←)
page-play = animar
page-pause = pausar
page-play-title = Animar ou pausar (espaço)
page-next-title = Próximo passo (→)
page-last-title = Último passo (End)
page-speed-title = Velocidade
page-speed-half = 0,5×
page-slider-label = passo
page-phase-forward = propagação direta
page-phase-backward = retropropagação
page-start = início: as variáveis têm seus valores
page-press-next = aperte → (próximo) para calcular a propagação direta, uma operação por vez
page-done = fim: { $gradients }
page-derivation-title = o gradiente de { $name }

## a legenda

page-legend = legenda
page-legend-variable = uma variável (o valor é seu: digite-o ou arraste o controle)
page-legend-constant = uma constante (não guarda gradiente)
page-legend-operation = uma operação, com o nome do que ela calcula
page-legend-output = a saída f (borda grossa)
page-legend-pending = ainda não calculado
page-legend-current = o nó do passo atual
page-legend-computed = calculado pela propagação direta
page-legend-received = já recebeu (parte de) seu gradiente
page-legend-done = já repassou seu gradiente (a retropropagação terminou com ele)
page-legend-selected = o nó cuja derivação aparece (clique em outro)
page-legend-edge = o rótulo de uma aresta: sua derivada local, mostrada quando a retropropagação a usa
page-legend-hint = Clique num nó para ver a derivação de seu gradiente. Teclas: → ← espaço Home End; roda do mouse ou + − para aproximar, arraste para mover.

## os passos, como o motor os escreve

step-forward-title = propagação direta: calcula { $name }
step-output = ∂f/∂f = 1: { $name } é a saída
step-constant = uma constante: não guarda gradiente
step-variable = uma variável: ∂f/∂{ $name } = { $gradient } é o seu gradiente
step-operand-constant = { $operand } é uma constante: não guarda gradiente
step-leaf-title = retropropagação: { $name } tem seu gradiente
step-send-title = retropropagação: { $name } envia seu gradiente às entradas
step-through = , pelo { $nth } operando
step-nth-1 = 1º
step-nth-2 = 2º
step-nth-3 = 3º
step-nth = { $n }º

## a derivação de um nó, como o motor a escreve

derivation-output = ∂f/∂{ $name } = 1: é a saída f
derivation-constant = { $name } é uma constante: não guarda gradiente (nada pode mudá-la)
derivation-unused = ∂f/∂{ $name } = 0: f não depende dele
derivation-rule = ∂f/∂{ $name } = Σ sobre os nós que o usam: ∂nó/∂{ $name } · ∂f/∂nó (regra da cadeia)
derivation-sum = soma: ∂f/∂{ $name } = { $gradient }
derivation-check = conferência: (f({ $name } + h) − f({ $name } − h)) / 2h = { $difference } com h = { $h }; a retropropagação dá { $gradient }

## os erros da própria página

page-error-malformed = a página enviou um pedido malformado: { $error }
page-error-too-long = a expressão tem { $chars } caracteres, mais que o limite da página, { $limit }
page-error-not-a-number = o valor de `{ $name }`: `{ $text }` não é um número
page-error-not-finite = o valor de `{ $name }` precisa ser um número finito, não { $text }
page-error-bad-graph = a página recebeu um grafo inválido: { $error }
page-error-too-large = o grafo tem { $nodes } nós, mais que os { $limit } que a página desenha: o valor e os gradientes estão acima, a figura é a última desenhada
page-error-no-quiz = sem exercício enquanto não há grafo: corrija a expressão primeiro

## os textos do próprio painel do exercício (as perguntas e os diagnósticos são do gradgraph-quiz)

quiz-page-hint = Faça a retropropagação à mão, a partir de ∂f/∂f = 1: digite ∂f/∂nó de cada nó, na ordem em que a retropropagação os processa (a resposta pode ser uma conta, como 1 - 0,29^2; vale se estiver a 0,1% do certo, ou a 1e-6 perto de 0).
