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
from ._engine import text as _t

# the page's height in a notebook: the net mode fits whole, and the page stays within
# JupyterLab's notebook area on a 1280x800 screen (the side panel scrolls)
PAGE_HEIGHT = 650


def page_html(page, title="gradgraph", height=None, zoom=True, lang=None):
    """The live page ``page`` (a whole HTML file) as a notebook output, ``height`` pixels
    tall, with a line under it for viewers that show no frames (and, for a graph's page,
    ``zoom``, how to zoom it)."""
    height = PAGE_HEIGHT if height is None else _height(height)
    hint = _t("py-page-zoom", lang) if zoom else ""
    return (
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" title="{_html.escape(title)}" '
        f'style="width:100%;height:{height}px;border:1px solid #d0d7de;'
        'border-radius:6px;background:#fff" sandbox="allow-scripts allow-downloads">'
        "</iframe>"
        '<div style="font:12px sans-serif;color:#57606a">'
        f"{_html.escape(_t('py-page-note', lang, title=title))}{_html.escape(hint)}</div>"
    )


def _height(height):
    if isinstance(height, bool) or not isinstance(height, int):
        raise TypeError(_t("py-height-type", type=type(height).__name__))
    if not 200 <= height <= 4000:
        raise ValueError(_t("py-height-range", value=str(height)))
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


def display(obj, mode="page", height=None, lang=None):
    """Shows ``obj`` (a ``Value``, an ``expr`` result, a trained ``MLP`` or its ``Fit``) in the
    notebook: ``mode="page"`` the live page (``height`` pixels tall, 650 by default),
    ``"svg"`` a still picture (needs Graphviz's ``dot``), ``"trace"`` the backward pass as
    text. ``lang`` is ``"en"`` or ``"pt-BR"`` (Portuguese, with decimal commas); without it,
    the package's language (``gradgraph.set_lang``)."""
    if lang is not None:
        _engine.get_lang(lang)  # checked before anything is shown
    if mode not in MODES:
        raise ValueError(_t("py-mode", modes=", ".join(map(repr, MODES)), mode=repr(mode)))
    if not any(hasattr(obj, a) for a in ("page", "_fit", "_page")):
        raise TypeError(_t("py-nothing-to-show", type=type(obj).__name__))
    if height is not None:
        _height(height)
    if mode == "trace":
        if not hasattr(obj, "trace"):
            raise TypeError(_t("py-no-trace", type=type(obj).__name__))
        text = obj.trace(lang=lang) if callable(obj.trace) else obj.trace_text(lang=lang)
        print(text, end="")
        return
    from IPython.display import HTML, SVG, display as show

    if mode == "svg":
        if not hasattr(obj, "to_svg"):
            raise TypeError(_t("py-no-picture", type=type(obj).__name__))
        show(SVG(obj.to_svg()))
        return
    if hasattr(obj, "page"):
        html = page_html(obj.page(lang=lang), _title(obj, lang), height, lang=lang)
    else:
        fit = getattr(obj, "_fit", obj)
        if fit is None or not hasattr(fit, "_page"):
            raise ValueError(_t("py-no-page-yet", type=type(obj).__name__))
        html = page_html(_engine.net_page(fit._page, lang), _t("py-title-net", lang), height,
                         zoom=False, lang=lang)
    show(HTML(html))


def _title(obj, lang=None):
    expression = getattr(obj, "expression", None)
    if isinstance(expression, str):
        return _t("py-title-expr", lang, expression=expression)
    return _t("py-title-value", lang)
