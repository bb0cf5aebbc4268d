# gradgraph's error messages in English. Every message here is in ../pt-BR/errors.ftl too,
# in the same order, with the same variables (a test checks it).

## the line of a failed command

error-line = error: { $message }

## clap's own phrases, as clap writes them (found in its message and replaced)

clap-more-information = For more information, try '
clap-required-not-provided = the following required arguments were not provided:
clap-value-required = a value is required for '
clap-value-required-end = ' but none was supplied
clap-invalid-value = invalid value '
clap-for = ' for '
clap-unexpected-argument = unexpected argument '
clap-unexpected-value = unexpected value '
clap-no-more-expected = ' found; no more were expected
clap-found = ' found
clap-unrecognized-subcommand = unrecognized subcommand '
clap-the-argument = the argument '
clap-cannot-be-used-multiple = ' cannot be used multiple times
clap-cannot-be-used-with = ' cannot be used with
clap-one-or-more-others = {" "}one or more of the other specified arguments
clap-equal-sign = equal sign is needed when assigning values to '
clap-requires-subcommand = ' requires a subcommand but one was not provided
clap-tip-similar-value = tip: a similar value exists: '
clap-tip-similar-argument = tip: a similar argument exists: '
clap-tip-similar-subcommand = tip: a similar subcommand exists: '
clap-tip-similar-subcommands = tip: some similar subcommands exist:{" "}
clap-tip-pass-as-value = tip: to pass '
clap-tip-as-value-use = ' as a value, use '
clap-subcommands = [subcommands:{" "}
clap-invalid-utf8 = invalid UTF-8 was detected
clap-tip = tip:
