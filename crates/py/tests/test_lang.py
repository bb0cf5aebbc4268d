"""The package in Brazilian Portuguese: `set_lang`, `lang=`, the environment's language, and
every text the package writes (its exceptions, the trace, a notebook's output) in the lecture's
words, with decimal commas and no English left."""
import os
import subprocess
import sys

import pytest

import gradgraph
from gradgraph import Value, nn

from conftest import english_left


def neuron():
    x, w, b = Value(1.0, label="x"), Value(0.5, label="w"), Value(-0.2, label="b")
    y = (x * w + b).tanh()
    y.backward()
    return y


def test_set_lang_chooses_and_names_the_language():
    assert gradgraph.get_lang() == "en"
    gradgraph.set_lang("pt-BR")
    assert gradgraph.get_lang() == "pt-BR"
    gradgraph.set_lang("pt_br")
    assert gradgraph.get_lang() == "pt-BR"
    with pytest.raises(ValueError, match="idioma desconhecido 'fr'|idioma desconhecido \"fr\""):
        gradgraph.set_lang("fr")
    assert gradgraph.get_lang() == "pt-BR", "a refused tag changes nothing"
    gradgraph.set_lang("en")
    with pytest.raises(ValueError, match="unknown language"):
        gradgraph.set_lang("fr")


@pytest.mark.parametrize("env, lang", [
    ({"GRADGRAPH_LANG": "pt-BR"}, "pt-BR"),
    ({"LANG": "pt_BR.UTF-8"}, "pt-BR"),
    ({"LC_ALL": "C", "LANG": "pt_BR.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
])
def test_the_default_is_the_environments(env, lang):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("GRADGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-c", "import gradgraph; print(gradgraph.get_lang())"],
                          env={**clean, **env}, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == lang


def test_the_trace_in_portuguese_with_decimal_commas():
    y = neuron()
    english = y.trace()
    assert "backward pass" in english and "0.2913126124515909" in english
    portuguese = y.trace(lang="pt-BR")
    assert "retropropagação" in portuguese
    assert "gradiente que chega" in portuguese
    assert "derivada local" in portuguese
    assert "0,2913126124515909" in portuguese and "0.29" not in portuguese
    assert "variável: ∂f/∂x = 0,4575684809133146" in portuguese
    assert english_left(portuguese) == []
    assert y.trace() == english, "lang= changes one call only"
    gradgraph.set_lang("pt-BR")
    assert y.trace() == portuguese
    e = gradgraph.expr("tanh(x*w + b)", x=1, w=0.5, b=-0.2)
    assert e.trace_text() == portuguese
    assert e.trace_text(lang="en") == english


def test_a_notebooks_output_in_portuguese():
    from gradgraph._display import page_html

    gradgraph.set_lang("pt-BR")
    out = page_html("<p>page</p>", "a página interativa de f = x")
    assert "se nada aparecer acima, execute a célula" in out
    assert "a roda do mouse dá zoom" in out
    e = gradgraph.expr("x*w", x=2, w=3)
    html = e._repr_html_()
    assert "a página interativa de f = x*w" in html
    caption = html[html.rindex("<div"):]
    assert english_left(caption.replace("<", " ").replace(">", " ")) == [], caption
    english = page_html("<p>page</p>", "t", lang="en")
    assert "if nothing shows above" in english


def test_fit_reports_in_portuguese():
    X, y = nn.dataset("xor")
    model = nn.MLP(2, [4, 1], activation="tanh")
    fit = model.fit(X, y, steps=3, lr=0.1)
    gradgraph.set_lang("pt-BR")
    text = repr(fit)
    assert text.startswith("Fit(3 passos de "), text
    assert "," in text.split("->")[1]
    one = nn.MLP(2, [2, 1]).fit(X, y, steps=1)
    assert repr(one).startswith("Fit(1 passo de ")


# every exception the package raises itself, in Portuguese: (call, exception, Portuguese text)
MISTAKES = [
    (lambda: nn.MLP(2, []), ValueError, "nouts está vazio"),
    (lambda: nn.MLP(2.5, [1]), TypeError, "deve ser um int"),
    (lambda: nn.Neuron(0), ValueError, "deve ser pelo menos 1"),
    (lambda: nn.MLP(2, [3, 1], activation=["tanh", "relu"]), ValueError, "camadas ocultas"),
    (lambda: nn.MLP(2, [1])([1.0]), ValueError, "o neurônio tem 2 pesos, mas recebeu 1"),
    (lambda: nn.MLP(2, [1])(["a", 1.0]), TypeError, "um módulo é chamado com números"),
    (lambda: nn.MLP(2, [1]).fit([], []), ValueError, "X está vazio"),
    (lambda: nn.MLP(2, [1]).fit([[1, 2]], [1, 2]), ValueError, "dê um alvo por amostra"),
    (lambda: nn.MLP(2, [1]).fit([[1, float("nan")]], [1]), ValueError, "número finito"),
    (lambda: nn.MLP(2, [1]).fit([[1, 2]], [1], batch_size=0), ValueError, "não é um lote"),
    (lambda: nn.dataset("sine", labels=(0, 1)), ValueError, "é uma regressão"),
    (lambda: Value(1.0, _children=(1,)), TypeError, "cada filho deve ser um Value"),
    (lambda: Value(float("inf")), ValueError, "deve ser um número finito"),
    (lambda: Value(1.0).leaky_relu(float("nan")), ValueError, "deve ser um número finito"),
    (lambda: Value("a"), TypeError, "deve ser um número, não str"),
    (lambda: setattr(Value(1.0), "label", 3), TypeError, "Value.label deve ser um str"),
    (lambda: gradgraph.expr(3), TypeError, "a expressão deve ser um str"),
    (lambda: gradgraph.expr("x*y", x=1), gradgraph.ExprError, "falta o valor da variável `y`"),
    (lambda: gradgraph.expr("x", x=1, z=2), gradgraph.ExprError, "não tem a variável `z`"),
    (lambda: gradgraph.quiz(neuron(), scope="all"), ValueError, "scope deve ser"),
    (lambda: gradgraph.quiz(Value(1.0)), ValueError, "este é uma folha"),
    (lambda: gradgraph.quiz(neuron()).check(99, 1.0), IndexError, "o quiz tem 5 perguntas, de 0 a 4"),
    (lambda: gradgraph.display(3), TypeError, "não tem nada para mostrar"),
    (lambda: gradgraph.display(neuron(), mode="png"), ValueError, "mode deve ser um de"),
    (lambda: gradgraph.display(neuron(), height=10), ValueError, "height deve estar entre"),
]


@pytest.mark.parametrize("call, kind, text", MISTAKES)
def test_every_exception_in_portuguese(call, kind, text):
    gradgraph.set_lang("pt-BR")
    with pytest.raises(kind) as caught:
        call()
    message = str(caught.value)
    assert text in message, message
    assert english_left(message) == [], message
    gradgraph.set_lang("en")
    with pytest.raises(kind) as caught:
        call()
    assert text not in str(caught.value), "English by default"


def test_the_page_opens_in_the_language_asked():
    y = neuron()
    assert '<html lang="en">' in y.page()
    assert '<html lang="pt-BR">' in y.page(lang="pt-BR")
    e = gradgraph.expr("x*w", x=2, w=3)
    assert '<html lang="pt-BR">' in e.page(lang="pt-BR")
    gradgraph.set_lang("pt-BR")
    assert '<html lang="pt-BR">' in y.page()
    X, y_ = nn.dataset("xor")
    fit = nn.MLP(2, [3, 1]).fit(X, y_, steps=2)
    page = gradgraph._engine.net_page(fit._page)
    assert "treinada por MLP.fit: 2 passos" in page
    assert "trained by MLP.fit: 2 steps" in gradgraph._engine.net_page(fit._page, "en")


def test_the_engines_errors_in_portuguese():
    gradgraph.set_lang("pt-BR")
    with pytest.raises(gradgraph.ExprError) as caught:
        gradgraph.expr("x*0,5", x=1)
    message = str(caught.value)
    assert "escreva-o com ponto decimal, 0.5" in message and message.endswith("^"), message
    with pytest.raises(gradgraph.ExprError) as caught:
        gradgraph.expr("log(x)", x=-1)
    message = str(caught.value)
    assert "a propagação direta deu NaN no nó" in message, message
    assert english_left(message) == [], message
    with pytest.raises(ValueError) as caught:
        gradgraph.quiz("x", x=1)
    assert str(caught.value) == "a saída já é uma variável: não há retropropagação para fazer"
