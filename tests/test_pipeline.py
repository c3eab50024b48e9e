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


class Loads:
    """A stage that loads its resource on first use, as the real ones do."""

    name = "loads"

    def __init__(self):
        self.resource = None
        self.seen = []

    def __call__(self, doc):
        if self.resource is None:
            self.resource = {"loaded": [object() for _ in range(3)]}
        self.seen.append(doc.raw)
        return doc


def test_warm_up_loads_resources_without_counting_the_warm_up_documents():
    loads = Loads()
    pipe = Pipeline([Boom(), loads])
    pipe.warm_up(["first", "boom stops this one", "third"], freeze=False)
    assert loads.resource is not None
    # a stage failing on a warm-up text stops that text quietly; the others go on
    assert loads.seen == ["first", "third"]
    assert pipe.stats["loads"].documents == 0 and pipe.stats["boom"].errors == 0


def test_warm_up_freezes_what_is_loaded_for_the_garbage_collector():
    import gc

    loads = Loads()
    pipe = Pipeline([loads])
    before = gc.get_freeze_count()
    try:
        pipe.warm_up(["x"])
        assert gc.get_freeze_count() > before
        # the loaded resource is among the frozen objects: in no collected generation
        assert not any(loads.resource is o for gen in range(3) for o in gc.get_objects(gen))
    finally:
        gc.unfreeze()
