"""examples/notebook.ipynb runs from top to bottom in a Jupyter kernel, and its outputs are the
live pages: the page of a value, the net mode of a trained MLP."""
import pytest

from conftest import ROOT

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")


def test_the_example_notebook_runs_and_shows_the_live_page():
    nb = nbformat.read(ROOT / "examples" / "notebook.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        "the notebook is committed without outputs"
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors
    pages = [o["data"]["text/html"] for o in outputs
             if o.output_type == "execute_result" and "text/html" in o.get("data", {})]
    assert len(pages) == 2, "the neuron's page and the trained net's"
    assert all(p.startswith("<iframe srcdoc=") for p in pages)
    assert "&quot;label&quot;:&quot;o&quot;" in pages[0]
    assert "trained by MLP.fit" in pages[1]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "do/dx = 0.457568" in text
    assert "The first mistake is the local derivative" in text
    assert "step 0 loss" in text
