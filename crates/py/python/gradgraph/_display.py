"""How gradgraph's objects show themselves in Jupyter, VS Code and Colab.

A value, an ``expr`` result and a trained net show the live page inline: the page is one
self-contained HTML file (the engine compiled to WebAssembly, and Graphviz compiled to
WebAssembly for the layout), placed in an ``<iframe srcdoc=...>`` so that it needs no system
Graphviz, no network and no server, and every output works on its own: in Colab (whose outputs
are separate frames), after a notebook is reopened, and in an HTML export.
"""
import html as _html
import shutil
import subprocess

from . import _engine

# the page's height in a notebook: the net mode fits whole, and the page stays within
# JupyterLab's notebook area on a 1280x800 screen (the side panel scrolls)
PAGE_HEIGHT = 650


def page_html(page, title="gradgraph", height=None, zoom=True):
    """The live page ``page`` (a whole HTML file) as a notebook output, ``height`` pixels
    tall, with a line under it for viewers that show no frames (and, for a graph's page,
    ``zoom``, how to zoom it)."""
    height = PAGE_HEIGHT if height is None else _height(height)
    hint = "; over the graph, Ctrl or \u2318 with the wheel zooms it" if zoom else ""
    return (
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" title="{_html.escape(title)}" '
        f'style="width:100%;height:{height}px;border:1px solid #d0d7de;'
        'border-radius:6px;background:#fff" sandbox="allow-scripts allow-downloads">'
        "</iframe>"
        '<div style="font:12px sans-serif;color:#57606a">'
        f"{_html.escape(title)}: if nothing shows above, run the cell or trust the notebook"
        f"{hint}</div>"
    )


def _height(height):
    if isinstance(height, bool) or not isinstance(height, int):
        raise TypeError(f"height must be an int (pixels), not {type(height).__name__}")
    if not 200 <= height <= 4000:
        raise ValueError(f"height must be 200 to 4000 pixels, not {height}")
    return height


def value_html(value):
    try:
        return page_html(value.page(), _title(value))
    except ValueError:
        return None  # a graph beyond the page's limit: the text repr shows instead


def expr_html(e):
    return page_html(e.page(), _title(e))


# a notebook's still picture, drawn for every value a cell ends in, is skipped above these:
# Graphviz can take minutes for a graph of a few hundred nodes with many crossings
SVG_MAX_NODES = 400
SVG_SECONDS = 3


def value_svg(value):
    """The graph as SVG when Graphviz is installed, the graph small and ``dot`` quick (for
    viewers that run no scripts); None otherwise."""
    dot = shutil.which("dot")
    if dot is None or value._size() > SVG_MAX_NODES:
        return None
    try:
        text = _engine.graph_svg_dot(value)
        done = subprocess.run([dot, "-Tsvg"], input=text.encode(), capture_output=True,
                              timeout=SVG_SECONDS)
    except (ValueError, OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode() if done.returncode == 0 else None


MODES = ("page", "svg", "trace")


def display(obj, mode="page", height=None):
    """Shows ``obj`` (a ``Value``, an ``expr`` result, a trained ``MLP`` or its ``Fit``) in the
    notebook: ``mode="page"`` the live page (``height`` pixels tall, 650 by default),
    ``"svg"`` a still picture (needs Graphviz's ``dot``), ``"trace"`` the backward pass as
    text."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
    if not any(hasattr(obj, a) for a in ("page", "_fit", "_page")):
        raise TypeError(f"a {type(obj).__name__} has nothing to show: display takes a Value, an "
                        "expr result, a trained MLP or its Fit")
    if height is not None:
        _height(height)
    if mode == "trace":
        if not hasattr(obj, "trace"):
            raise TypeError(f"a {type(obj).__name__} has no backward pass to show")
        text = obj.trace() if callable(obj.trace) else obj.trace_text()
        print(text, end="")
        return
    from IPython.display import HTML, SVG, display as show

    if mode == "svg":
        if not hasattr(obj, "to_svg"):
            raise TypeError(f"a {type(obj).__name__} has no still picture; use mode='page'")
        show(SVG(obj.to_svg()))
        return
    if hasattr(obj, "page"):
        html = page_html(obj.page(), _title(obj), height)
    else:
        fit = getattr(obj, "_fit", obj)
        if fit is None or not hasattr(fit, "_page"):
            raise ValueError(f"this {type(obj).__name__} has no page yet (train it with fit "
                             "first)")
        html = page_html(_engine.net_page(fit._page), "a trained MLP", height, zoom=False)
    show(HTML(html))


def _title(obj):
    expression = getattr(obj, "expression", None)
    if isinstance(expression, str):
        return f"the live page of f = {expression}"
    return "the live page of a value's graph"
