import pytest

from warta.pipeline import Pipeline
from warta.records import Document


class Upper:
    name = "upper"

    def __call__(self, doc):
        doc.text = doc.raw.upper()
        return doc


class Boom:
    name = "boom"

    def __call__(self, doc):
        if "boom" in doc.raw:
            raise ValueError("cannot read this one")
        doc.title = "ok"
        return doc


def test_stage_error_is_recorded_and_the_run_goes_on():
    pipe = Pipeline([Boom(), Upper()])
    bad, good = list(pipe.pipe([Document(raw="boom here"), Document(raw="fine")]))
    assert bad.text == "BOOM HERE"  # later stages still ran
    assert [(e.stage, e.error) for e in bad.errors] == [("boom", "ValueError: cannot read this one")]
    assert good.errors == [] and good.title == "ok"
    assert pipe.stats["boom"].documents == 2 and pipe.stats["boom"].errors == 1
    assert pipe.stats_dict()["upper"]["errors"] == 0


def test_a_stage_must_return_a_document():
    class Bad:
        name = "bad"

        def __call__(self, doc):
            return None

    doc = Pipeline([Bad()])(Document(raw="x"))
    assert "not a Document" in doc.errors[0].error


def test_non_stage_is_refused():
    with pytest.raises(TypeError, match="not a stage"):
        Pipeline([lambda doc: doc])
