"""How gradgraph's objects show themselves in Jupyter, VS Code and Colab.

A value, an ``expr`` result and a trained net show the live page inline: the page is one
self-contained HTML file (the engine compiled to WebAssembly, and Graphviz compiled to
WebAssembly for the layout), placed in an ``<iframe srcdoc=...>`` so that it needs no system
Graphviz, no network and no server, and every output works on its own: in Colab (whose outputs
are separate frames), after a notebook is reopened, and in an HTML export.
"""
import html as _html

from . import _engine

# tall enough for the graph, the steps and the derivation at a notebook's width
PAGE_HEIGHT = 760


def page_html(page, title="gradgraph", height=PAGE_HEIGHT):
    """The live page ``page`` (a whole HTML file) as a notebook output."""
    return (
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" title="{_html.escape(title)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #d0d7de;'
        'border-radius:6px;background:#fff" sandbox="allow-scripts allow-downloads">'
        "</iframe>"
    )


def value_html(value):
    return page_html(value.page(), "the live page of a value's graph")


def expr_html(e):
    return page_html(e.page(), f"the live page of f = {e.expression}")


# Graphviz takes seconds above a few hundred nodes: a notebook's still picture stops there
SVG_MAX_NODES = 400


def value_svg(value):
    """The graph as SVG when Graphviz is installed and the graph is small (for viewers that
    run no scripts: GitHub, nbconvert); None otherwise."""
    if not _engine.graphviz_installed() or value._size() > SVG_MAX_NODES:
        return None
    try:
        return value.to_svg()
    except (RuntimeError, ValueError):
        return None


MODES = ("page", "svg", "trace")


def display(obj, mode="page"):
    """Shows ``obj`` (a ``Value``, an ``expr`` result, a trained ``MLP`` or its ``Fit``) in the
    notebook: ``mode="page"`` the live page, ``"svg"`` a still picture (needs Graphviz's
    ``dot``), ``"trace"`` the backward pass as text."""
    from IPython.display import HTML, SVG, display as show

    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
    if mode == "trace":
        if not hasattr(obj, "trace"):
            raise TypeError(f"a {type(obj).__name__} has no backward pass to show")
        text = obj.trace() if callable(obj.trace) else obj.trace_text()
        print(text, end="")
        return
    if mode == "svg":
        if not hasattr(obj, "to_svg"):
            raise TypeError(f"a {type(obj).__name__} has no still picture; use mode='page'")
        show(SVG(obj.to_svg()))
        return
    html = obj._repr_html_()
    if html is None:
        raise ValueError(f"this {type(obj).__name__} has no page yet (train it with fit first)")
    show(HTML(html))
