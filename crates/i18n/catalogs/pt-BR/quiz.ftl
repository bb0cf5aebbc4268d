# Os textos do exercício em português brasileiro (gradgraph quiz, o crate gradgraph-quiz, os
# exercícios da página), no vocabulário da disciplina (book/src/glossary.md). Cada mensagem
# está também em ../en/quiz.ftl, na mesma ordem, com as mesmas variáveis.

## uma pergunta

# "#4 = #3 + b = 0,3, usado por #5"
quiz-used-by = { $what }, usado por { $users }

## o diagnóstico de uma resposta errada: uma frase por linha, terminando com o produto certo

quiz-local-first = O primeiro erro está na derivada local de { $at } em relação a { $respect }:
quiz-local-used = você usou { $used },
quiz-local-but = mas { $rule }.
quiz-missing-upstream = O primeiro erro: faltou multiplicar pelo gradiente que chega de cima. { $at } envia a { $to } a derivada local { $local }, que ainda precisa ser multiplicada pelo gradiente que chega, ∂f/∂{ $user } = { $upstream }.
quiz-counted-twice = O primeiro erro: o produto que { $at } envia a { $to } ({ $local } × { $upstream } = { $product }) foi contado duas vezes.
quiz-sends = { $user } envia a { $to }: derivada local × gradiente que chega = { $local } × { $upstream } = { $product }.
quiz-carried = Levado para baixo até { $tag }, esse erro dá { $gives }; o certo é { $asked } = { $gradient }.
quiz-own-local = O primeiro erro está no que foi pedido: essa é a derivada local, não o gradiente. Você deu { $local }, a derivada local de { $node } em relação a { $operand }, que { $node } vai passar para baixo;
quiz-own-local-asked = { $asked } é o gradiente que chega a { $node } de cima, vindo dos nós que o usam.
quiz-value = O primeiro erro está no que foi pedido: { $value } é o valor de { $node } ({ $what }), não o seu gradiente { $asked };
quiz-value-variable = o valor que lhe foi atribuído
quiz-value-result = o resultado da propagação direta
quiz-value-asked = o gradiente é o que a retropropagação envia a { $node } a partir dos nós que o usam.
quiz-unexplained = Essa resposta não corresponde a um erro isolado que eu saiba apontar (uma derivada local errada, um uso deixado fora da soma ou contado duas vezes, esquecer de multiplicar pelo gradiente que chega de cima); veja a conta:
quiz-left-out = { $tag } é usado { $uses } vezes, então o seu gradiente soma o que cada uso envia:
quiz-left-out-answer = A sua resposta, { $answer }, é essa soma sem { $count ->
        [one] o produto
       *[other] os produtos
    } { $what }: faltou somar { $count ->
        [one] esse uso
       *[other] esses usos
    }.
# um produto deixado de fora: "1 de #2 = #1 + x"
quiz-left-out-item = { $product } de { $user }
# os dois últimos de uma lista: "a e b"
quiz-and = { $rest } e { $last }
quiz-one-product = { $asked } recebe um único produto, { $product }, onde { $rule }.
quiz-product-where = { $product }, onde { $rule }
quiz-product = de { $user }: { $local } × { $upstream } = { $product }
quiz-sum = A soma certa: { $asked } = { $terms } = { $gradient }.
# qual operando: "x (o seu denominador)", "x (o seu primeiro operando)"
quiz-operand-role = { $name } (o seu { $role })
quiz-operand-nth = { $name } (o seu { $ordinal } operando)
quiz-ordinal-1 = primeiro
quiz-ordinal-2 = segundo
quiz-ordinal-3 = terceiro
quiz-ordinal-n = { $n }º
quiz-role-from = minuendo
quiz-role-minus = subtraendo
quiz-role-numerator = numerador
quiz-role-denominator = denominador
quiz-role-base = base
quiz-role-exponent = expoente
quiz-role-x = x
quiz-role-slope = coeficiente de inclinação
quiz-role-condition = condição
quiz-role-then = valor para condição positiva
quiz-role-else = valor para condição não positiva
# as regras por partes da tabela de operações: "1 se #4 > 0, senão 0"
quiz-rule-if = { " " }se{ " " }
quiz-rule-else = , senão{ " " }

## os erros comuns na derivada local de cada operação: o que o aluno usou

quiz-slip-sub = +1, sem o sinal de menos de - { $b }
quiz-slip-mul = { $value }, o próprio operando, e não o outro
quiz-slip-div-numerator = { $b } = { $value } em vez de 1/{ $b }
quiz-slip-div-sign = { $x }/{ $b }² = { $px }/{ $pb }² = { $value }, sem o sinal de menos
quiz-slip-div-square = -{ $x }/{ $b } = -{ $px }/{ $pb } = { $value }, sem elevar { $b } ao quadrado
quiz-slip-div-factor = -1/{ $b }² = { $value }, sem o fator { $x }
quiz-slip-powconst-factor = { $x }^(p - 1) = { $px }^{ $pe } = { $value }, sem o fator { $p }
quiz-slip-powconst-lowered = p·{ $x }^p = { $p }·{ $px }^{ $p } = { $value }, sem baixar o expoente
quiz-slip-pow-factor = { $x }^({ $b } - 1) = { $value }, sem o fator { $b }
quiz-slip-pow-lowered = { $b }·{ $x }^{ $b } = { $value }, sem baixar o expoente
quiz-slip-pow-ln = { $x }^{ $b } = { $value }, sem o fator ln({ $x })
quiz-slip-pow-power-rule = { $b }·{ $x }^({ $b } - 1) = { $value }, a regra da potência, que é a derivada em relação à base, não ao expoente
quiz-slip-exp = { $x }·exp({ $x } - 1) = { $value }, a regra da potência, que não vale para exp
quiz-slip-log = 1/{ $y } com { $y } = log({ $x }) = { $out }, a saída em vez da entrada: { $value }
quiz-slip-sqrt-half = 1/√{ $x } = 1/{ $py } = { $value }, sem o fator 1/2
quiz-slip-sqrt-root = 1/(2{ $x }) = { $value }, sem a raiz quadrada
quiz-slip-tanh-input = 1 - { $x }², com { $x } a entrada em vez da saída: 1 - { $px }² = { $value }
quiz-slip-tanh-square = 1 - { $y } = 1 - { $py } = { $value }, sem o quadrado
quiz-slip-tanh-plus = 1 + { $y }² = { $value }, com sinal de mais
quiz-slip-sigmoid-input = { $x }·(1 - { $x }), com { $x } a entrada em vez da saída: { $px }·(1 - { $px }) = { $value }
quiz-slip-sigmoid-factor = 1 - σ({ $x }) = 1 - { $py } = { $value }, sem o fator σ({ $x })
quiz-slip-relu = 1, só que a ReLU é constante (derivada 0) para { $x } ≤ 0
quiz-slip-leaky-one = 1, só que abaixo de 0 a inclinação da leaky ReLU é o seu parâmetro
quiz-slip-leaky-zero = 0, como na ReLU, só que a leaky ReLU mantém uma inclinação abaixo de 0
quiz-slip-leaky-slope = a inclinação { $value }, que só vale para { $x } ≤ 0
quiz-slip-prelu-one = 1, que só vale para { $x } > 0
quiz-slip-prelu-slope = { $b } = { $value }, em vez de { $x }
quiz-slip-elu = exp({ $x }) - 1 = { $value }, a saída em vez de exp({ $x })
quiz-slip-erf = exp(-{ $x }²) = { $value }, sem o fator 2/√π
quiz-slip-gelu-cdf = Φ({ $x }) = { $value }, sem { $x }·φ({ $x })
quiz-slip-gelu-pdf = { $x }·φ({ $x }) = { $value }, sem Φ({ $x })
quiz-slip-silu-sigmoid = σ({ $x }) = { $value }, sem { $x }·σ'({ $x }) (a regra de derivação de um produto)
quiz-slip-silu-product = { $x }·σ({ $x })·(1 - σ({ $x })) = { $value }, sem σ({ $x })
quiz-slip-softplus = 1/(1 + exp({ $x })) = { $value }, com o sinal de { $x } trocado
quiz-slip-sign = { $value }, o valor absoluto certo, mas com o sinal trocado
quiz-slip-one = 1, como se { $op } passasse o gradiente adiante sem mudar
quiz-slip-value = { $value }, o valor que o nó guarda, em vez da sua derivada local

## uma resposta que não é um número

quiz-answer-empty = a resposta está vazia
quiz-answer-not-finite = `{ $text }` não é um número finito
quiz-answer-not-number = `{ $text }` não é um número
quiz-answer-infinite = `{ $text }` dá { $value }, não um número finito
quiz-answer-variable = `{ $text }` não é um número (tem uma variável; dê o gradiente como número)

## gradgraph quiz: o diálogo

quiz-header = f = { $expression }   em { $values }
# um exercício aleatório: "(um exercício aleatório de nível médio: gradgraph quiz --random --level medium --seed 7)"
quiz-random = (um exercício aleatório de nível { $level }: gradgraph quiz --random --level { $name } --seed { $seed })
quiz-level-easy = fácil
quiz-level-medium = médio
quiz-level-hard = difícil
quiz-forward = A propagação direta:
quiz-work = Faça a retropropagação à mão, a partir de ∂f/∂{ $output } = 1: dê ∂f/∂nó de { $which },
quiz-which-every = cada nó abaixo
quiz-which-leaves = cada variável abaixo
quiz-work-order = na ordem em que a retropropagação os processa. Vale uma diferença de até { $percent }% (ou { $absolute } perto de 0),
quiz-work-arithmetic = e a resposta pode ser uma conta, como 1 - 0,29^2.
quiz-type-number = (digite um número, como 0,5 ou 1 - 0,3^2)
quiz-ask-again = { $why }; digite um número, como 0,5 ou 1 - 0,3^2
quiz-right = certo: { $asked } = { $gradient }
quiz-wrong = errado: { $asked } = { $gradient }, e não { $answer }
quiz-goes-on = O exercício continua com o valor certo, { $asked } = { $gradient }.
quiz-summary = Acertos: { $right } de { $total }.
quiz-summary-unanswered = Acertos: { $right } de { $total }; { $unanswered } sem resposta.

## gradgraph quiz: o que o interrompe

quiz-bad-line = a resposta da pergunta { $number } ({ $asked }), linha { $line } da entrada padrão: { $why }; dê um número por linha
quiz-read-error = entrada padrão, linha { $line }: { $why }
quiz-cannot-read = não foi possível lê-la: { $error }
quiz-line-too-long = uma linha com mais de { $max } bytes
quiz-not-utf8 = texto que não está em UTF-8
quiz-ended = a entrada padrão terminou depois de { $lines } { $lines ->
        [0] linhas
        [one] linha
       *[other] linhas
    }: { $missing } de { $total } { $total ->
        [one] pergunta
       *[other] perguntas
    } sem resposta
quiz-cannot-write = não foi possível escrever o exercício: { $error }
quiz-cannot-write-output = não foi possível escrever a saída: { $error }
quiz-level-flag = { $flag } é para um exercício aleatório: acrescente --random (e tire a expressão e os seus valores --at)
quiz-stdin-expression = o exercício lê as respostas da entrada padrão, então a expressão não pode vir de lá; dê a expressão como argumento

## gradgraph quiz --worksheet

quiz-wrote = gravado: { $path }
quiz-no-graphviz = nota: o `dot`, que vem com o Graphviz, não está instalado, então as figuras ficam só como arquivos DOT; instale o Graphviz (apt-get install graphviz, brew install graphviz, https://graphviz.org/download/) e rode de novo para tê-las em SVG e PDF

## as recusas do quiz

quiz-error-relative-tolerance = a tolerância relativa deve ser pelo menos 0 e menor que 1, não { $value }
quiz-error-absolute-tolerance = a tolerância absoluta deve ser um número maior ou igual a 0, não { $value }
quiz-error-expression-too-large = a expressão tem { $count } nós, mais que os { $limit } sobre os quais um quiz pergunta; escreva uma expressão menor
quiz-error-no-variables = a expressão não tem variáveis: não há gradiente para perguntar
quiz-error-no-such-output = a saída é o nó { $output }, mas o grafo tem { $count } nós
quiz-error-graph-too-large = a saída depende de { $count } nós, mais que os { $limit } sobre os quais um quiz pergunta; pergunte sobre um grafo menor (um neurônio, uma amostra)
quiz-error-output-is-variable = a saída já é uma variável: não há retropropagação para fazer
quiz-error-no-variable-below = a saída não depende de nenhuma variável (uma entrada ou um parâmetro): não há gradiente para perguntar
quiz-error-not-finite = não há quiz nesses valores, que precisam de valores e gradientes finitos: { $why }
quiz-error-no-exercise = nenhum exercício bem posto de nível { $level } encontrado com a semente { $seed }; tente outra semente
