# As mensagens de erro do gradgraph em português do Brasil. Cada mensagem está também em
# ../en/errors.ftl, na mesma ordem, com as mesmas variáveis.

## a linha de um comando que falhou

error-line = erro: { $message }

## as frases do próprio clap (achadas na sua mensagem e trocadas)

clap-more-information = Para saber mais, use '
clap-required-not-provided = faltam argumentos obrigatórios:
clap-value-required = falta o valor de '
clap-value-required-end = '
clap-invalid-value = valor inválido '
clap-for = ' para '
clap-unexpected-argument = argumento inesperado '
clap-unexpected-value = valor inesperado '
clap-no-more-expected = '; não se esperava mais nenhum
clap-found = '
clap-unrecognized-subcommand = comando desconhecido '
clap-the-argument = o argumento '
clap-cannot-be-used-multiple = ' não pode ser dado mais de uma vez
clap-cannot-be-used-with = ' não pode ser usado com
clap-one-or-more-others = {" "}um ou mais dos outros argumentos dados
clap-equal-sign = é preciso o sinal de igual para dar valor a '
clap-requires-subcommand = ' precisa de um comando, e nenhum foi dado
clap-tip-similar-value = dica: há um valor parecido: '
clap-tip-similar-argument = dica: há um argumento parecido: '
clap-tip-similar-subcommand = dica: há um comando parecido: '
clap-tip-similar-subcommands = dica: há comandos parecidos:{" "}
clap-tip-pass-as-value = dica: para passar '
clap-tip-as-value-use = ' como valor, use '
clap-subcommands = [comandos:{" "}
clap-invalid-utf8 = foi encontrado UTF-8 inválido
clap-tip = dica:

## os erros do motor: uma expressão que não se lê (a mensagem, depois a coluna; a expressão
## e um circunflexo sob o engano vêm em seguida), um valor que não é finito

parse-position = { $message } (coluna { $column })
parse-exponent-digits = número malformado `{ $text }`: o expoente precisa de algarismos, como em 1e-3 ou 2.5E+2
parse-malformed-number = número malformado `{ $text }`
parse-number-too-large = o número `{ $text }` é grande demais para um número de ponto flutuante de 64 bits
parse-unexpected-character = caractere inesperado `{ $character }`
parse-hint-point = : um número precisa de um algarismo depois do ponto, como em 0.5
parse-hint-brackets = : agrupe com ( e )
parse-hint-times = : multiplique com *
parse-hint-divide = : divida com /
parse-hint-equals = : escreva só a expressão; as variáveis recebem seus valores à parte, com --at
parse-parameter-not-constant = { $parameter ->
        [slope] a inclinação
       *[other] o parâmetro { $parameter }
    } de { $function } tem de ser uma constante, mas `{ $text }` contém a variável `{ $variable }`
parse-slope = inclinação
parse-hint-prelu = ; para uma inclinação aprendida no treino, use prelu(x, { $text })
parse-arity = `{ $name }` recebe { $takes }, mas recebeu { $got }: escreva { $signature }
parse-takes-one = 1 argumento
parse-takes-n = { $n } argumentos
parse-takes-range = { $min } ou { $max } argumentos
parse-got-none = nenhum
parse-signature-or = { $one } ou { $other }
parse-unknown-function-did-you-mean = função desconhecida `{ $name }`; você quis dizer `{ $suggestion }`?
parse-unknown-function = função desconhecida `{ $name }`; as funções são { $functions }
parse-hint-multiply = ; para multiplicar, escreva `{ $product }`
parse-function-without-call = `{ $name }` é uma função: chame-a com parênteses, como em { $name }(x)
parse-internal = erro interno do analisador de expressões
parse-unexpected-comma = `,` inesperada: a vírgula só separa os argumentos de uma função, como em pow(x, 2)
parse-hint-decimal-comma = ; se `{ $written }` é um número, escreva-o com ponto decimal, { $fixed }
parse-paren-not-closed = este `(` nunca é fechado: falta um `)`
parse-call-not-closed = o `(` de `{ $name }(` nunca é fechado: falta um `)`
parse-unmatched-close = `)` sem par: não há um `(` antes dele para ele fechar
parse-empty = a expressão está vazia
parse-operand-at-start = esperava um número, uma variável, uma chamada de função ou `(` no início, mas veio { $found ->
        [end] o fim da expressão
       *[other] { $found }
    }
parse-operand-after = esperava um número, uma variável, uma chamada de função ou `(` depois de { $after }, mas veio { $found ->
        [end] o fim da expressão
       *[other] { $found }
    }
parse-hint-power = ; potências se escrevem com ^, como em x^2
parse-hint-slash = ; para dividir, escreva uma só /
parse-operator-after = esperava um operador (+ - * / ^), `)` ou o fim depois de { $after }, mas veio { $found ->
        [end] o fim da expressão
       *[other] { $found }
    }
error-shape = tamanhos incompatíveis: { $what }: esperado { $expected }, veio { $got }
error-non-finite = número não finito na { $pass ->
        [forward] propagação direta
       *[backward] retropropagação
    }: { $detail }
error-non-finite-computed = o nó { $node } calculou { $value } a partir dos operandos [{ $operands }]
error-non-finite-sent = o nó { $node } enviou o gradiente { $value } para { $input } (operandos [{ $operands }])
error-no-value = { $count ->
        [one] falta o valor da variável
       *[other] falta o valor das variáveis
    } { $names }
explain-node = nó #{ $n } ({ $op })
explain-forward-is = a propagação direta deu { $out } no { $at }: { $what } vale { $out }
explain-forward-computes = a propagação direta deu { $out } no { $at }: { $what } calcula { $application } = { $out }
explain-backward-local = a retropropagação deu um gradiente não finito no { $at }: a derivada local de { $what } em relação a { $operand } é { $local } em { $application }
explain-backward-overflow = a retropropagação deu um gradiente não finito no { $at }: a derivada local de { $what } vezes o gradiente que chega de cima estoura ({ $detail })
error-more = … (mais { $count })

## as mensagens da própria linha de comando

error-unknown = nome desconhecido para { $kind }: { $name }; os conhecidos: { $known }
error-more-names = … (mais { $count })
error-cannot-write = não foi possível gravar { $path }: { $reason }
error-cannot-write-flag = não foi possível gravar { $path } ({ $flag }): { $reason }
error-cannot-write-output = não foi possível escrever a saída: { $reason }
error-nothing-written = nenhum arquivo foi gravado (a execução falhou); os arquivos anteriores estão como estavam
error-save-formats = JSON (.json) ou safetensors (.safetensors)
error-extension = { $flag } { $path }: { $flag } grava { $writes }, mas o nome termina em .{ $ext }; dê a ele a extensão .{ $usual }{ $hint }
error-extension-use = ; para um arquivo .{ $ext }, use { $flag }
error-extension-pytorch = ; para o PyTorch, use a extensão .safetensors, que safetensors.torch.load_file lê
error-input-too-large = { $flag }: { $detail }; use uma entrada menor, ou aumente o limite com --max-input-mb
error-too-many-bytes = { $source }: mais de { $limit } bytes, o limite para { $what }
error-not-utf8 = não é texto UTF-8 (byte inválido na posição { $offset })
what-a-model-file = um arquivo de modelo
what-a-csv-file = um arquivo CSV
what-a-file-of-numbers = um arquivo de números
what-an-expression = uma expressão
what-standard-input = a entrada padrão
expr-stdin-too-large = expressão `-`: { $detail }; escreva uma expressão mais curta
expr-stdin-unreadable = não foi possível ler a expressão da entrada padrão: { $reason }
io-not-found = arquivo ou pasta inexistente
io-permission-denied = permissão negada
io-already-exists = o arquivo já existe
io-is-a-directory = é uma pasta
io-not-a-directory = não é uma pasta
io-read-only = sistema de arquivos somente para leitura
io-storage-full = não há espaço no disco
io-invalid-filename = nome de arquivo longo demais
io-invalid-data = dados inválidos
io-ends-with-separator = termina com uma barra, então é nome de pasta, não de arquivo
io-not-a-file-name = não é um nome de arquivo
io-folder-not-file = é uma pasta, não um arquivo
io-not-regular = existe e não é um arquivo comum (um dispositivo, fifo ou socket): o gradgraph não o substitui
io-not-a-folder = { $path } não é uma pasta
io-no-folder = a pasta { $path } não existe
io-file-not-folder = { $path } é um arquivo, não uma pasta

## --at NOME=VALOR

at-expected = esperava NOME=VALOR, por exemplo --at x=1,5
at-name-missing = falta o nome da variável antes do `=`
at-function-name = `{ $name }` é nome de função, então não pode ser uma variável
at-not-a-name = `{ $name }` não é nome de variável (uma letra ou _, depois letras, algarismos ou _)
at-value-missing = falta o valor de `{ $name }` depois do `=`
at-not-a-number = `{ $value }` não é um número
at-not-finite = o valor de `{ $name }` tem de ser um número finito, não { $value }
at-twice = --at { $name } foi dado duas vezes (--at { $first }, depois --at { $second }): dê um só valor a cada variável
at-no-such-variable-did-you-mean = a expressão não tem a variável `{ $name }`; você quis dizer `{ $close }`?
at-no-variables = a expressão não tem variáveis
at-no-such-variable = a expressão não tem a variável `{ $name }`; as suas variáveis são { $variables }
at-hint-e = `e` é uma variável como qualquer outra: escreva exp(x) para e^x
at-hint-pi = `pi` é uma variável como qualquer outra: dê --at pi=3,141592653589793
at-value-name = VALOR
at-missing = { $count ->
        [one] falta o valor da variável
       *[other] falta o valor das variáveis
    } { $names }: acrescente { $add }{ $hints }

## os valores das opções

value-non-negative = esperava um número finito, maior ou igual a zero
value-positive = esperava um número finito e positivo
value-fraction = esperava um número em [0, 1)
value-not-whole = `{ $value }` não é um número inteiro
value-at-least = esperava pelo menos { $least } ({ $what })
value-range = esperava um número de { $what } de { $lo } a { $hi }
value-what-sample = amostras
value-what-node = nós
value-what-frames = quadros
value-what-digits = algarismos
value-what-megabytes = megabytes
value-not-steps = `{ $value }` não é um número de passos
value-too-many-steps = acima do limite de { $limit } atualizações; treine por menos passos (salve com --save e continue com --load)
value-few-samples = um conjunto de dados precisa de pelo menos 2 amostras, mas foram pedidas { $got }
value-not-samples = `{ $value }` não é um número de amostras
value-too-many-samples = acima do limite de { $limit } para um conjunto de dados embutido; peça menos amostras
value-unknown-did-you-mean = nome desconhecido para { $kind }: { $name }; você quis dizer `{ $close }`? (os conhecidos: { $known })
value-init-no-file = { $unknown }; nem há um arquivo chamado { $name }
value-datasets = embutidos: { $names } (ou o caminho de um arquivo CSV)
value-unknown-dataset-did-you-mean = conjunto de dados desconhecido: { $name }; você quis dizer `{ $close }`? ({ $known })
value-unknown-dataset = conjunto de dados desconhecido: { $name }; { $known }
kind-activation = a função de ativação
kind-init-scheme = o esquema de inicialização
kind-level = o nível
kind-loss = a função de erro
kind-optimizer = o otimizador
kind-output = a saída

## um arquivo CSV ou um modelo que não se consegue ler

csv-empty = arquivo vazio: esperava uma linha de cabeçalho como x1,x2,y e as amostras
csv-no-samples = nenhuma amostra depois da linha de cabeçalho
csv-not-a-class = amostra { $sample }: o alvo { $target } não é o índice de uma classe de 0 a { $last }
csv-not-a-number = linha { $line }, coluna { $column } ({ $name }): { $value } não é um número{ $finite ->
        [finite] {" "}finito
       *[other] {""}
    }
csv-header-numbers = linha { $line }: esperava uma linha de cabeçalho com os nomes das colunas (como x1,x2,y), mas veio uma de números
csv-few-columns = linha { $line }: esperava pelo menos duas colunas (as entradas, depois o alvo y), mas há { $found }
csv-unnamed-column = linha { $line }: a coluna { $column } não tem nome
csv-invalid = linha { $line }: CSV inválido: { $reason }
csv-fields = linha { $line }: esperava { $expected } campos ({ $names }), mas há { $got }
model-not-gradgraph = não é um modelo do gradgraph: { $reason }

## as figuras: os seus limites, e o Graphviz

draw-too-large = { $flag }: a figura teria { $size } nós, acima do limite de { $limit }; desenhe-a resumida (--collapse=neurons ou --collapse=layers) ou desenhe um grafo menor
draw-frames-raise = aumente o limite (--max-frames { $frames }) ou desenhe um grafo menor
draw-frames-smaller = desenhe um grafo menor (--max-frames vai até { $most })
draw-too-many-frames = --frames: a retropropagação tem { $frames } passos, acima do limite de { $limit } quadros; { $hint }
draw-latex-too-large = --latex: a retropropagação de uma amostra numa rede de { $parameters } parâmetros tem mais passos que o limite de { $limit } de uma dedução (uma linha ou mais cada); use uma rede menor (--hidden 2) ou deduza uma expressão (gradgraph expr --latex)
draw-svg-frames = os quadros SVG de --frames { $folder }
draw-not-drawn = aviso: não desenhado: { $what }: { $why }
draw-not-written = não gravado: { $what }: { $why }; todas as outras saídas foram gravadas
graphviz-missing = o programa `dot` do Graphviz não está instalado (ou não está no PATH); instale o Graphviz para desenhar figuras: `apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS), ou veja https://graphviz.org/download/
error-writing-stdout = ao escrever na saída padrão: { $reason }
test-fraction-range = a fração de teste { $fraction } tem de estar em [0, 1)
test-fraction-split = a fração de teste { $fraction } de { $samples } amostras deixa { $test } para teste e { $train } para treino; os dois precisam de pelo menos uma
