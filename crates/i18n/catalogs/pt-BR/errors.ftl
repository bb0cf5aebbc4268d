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
