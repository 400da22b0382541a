"""The two real portal pages in examples/reports (expectations from shared/corpus/README.md)."""

import pytest

import gxbg

from helpers import EXAMPLES


@pytest.fixture(scope="module")
def pingtan():
    return gxbg.parse(EXAMPLES / "pingtan-2021.html")


@pytest.fixture(scope="module")
def tourism():
    return gxbg.parse(EXAMPLES / "pingtan-tourism-2019.html")


def test_pingtan_2021(pingtan):
    r = pingtan
    assert r.input == "html"
    assert r.format == "2021"
    assert r.meta.year == 2021
    req = r.tables.requests
    assert req["new_received"]["total"].value == 70
    assert req["new_received"]["natural_person"].value == 64
    assert req["carried_over"]["total"].value == 0
    assert req["results_total"]["total"].value == 69
    assert req["carried_forward"]["total"].value == 1
    assert r.tables.appeals["count"]["review_total"].value == 3
    nd = r.tables.proactive["normative_documents"]
    assert [nd[c].value for c in ("issued", "repealed", "in_force")] == [69, 3, 665]


def test_pingtan_tourism_2019(tourism):
    r = tourism
    assert r.input == "html"
    assert r.format == "2019"
    assert r.meta.year == 2019
    assert r.tables.requests.status in ("present", "truncated")
    assert r.tables.requests["new_received"]["total"].value == 0
    # 表三 and 表四 are all zeros; 表二 has a few numbers (as printed on the page).
    for key in ("requests", "appeals"):
        values = [c.value for c in r.tables[key].cells() if c.state == "value"]
        assert values and all(v == 0 for v in values), key
    p = r.tables.proactive
    assert [p["licensing"][c].value for c in ("previous_year", "change", "decisions")] == [11, 3, 15]
    assert p["procurement"]["projects"].value == 1
    assert p["procurement"]["amount"].value == 246900
    assert p["regulations"]["made"].value == 0


def test_examples_in_parse_many(example_paths):
    out = gxbg.parse_many(example_paths, workers=2)
    assert [type(r) for r in out] == [gxbg.Report] * len(example_paths), out
    assert [r.source for r in out] == [str(p) for p in example_paths]
