"""The five seed reports, with the figures /work/shared/seeds/README.md says a correct parse
yields (tests/seeds/SEEDS.md in the repository). Keys are the canonical keys of keys.md."""

import math

import pytest

import gxbg

from helpers import seed

REQ_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
REVIEW = ["upheld", "corrected", "other", "pending", "total"]


@pytest.fixture(scope="module")
def r004():
    return gxbg.parse(seed("004"))


@pytest.fixture(scope="module")
def r003():
    return gxbg.parse(seed("003"))


@pytest.fixture(scope="module")
def r002():
    return gxbg.parse(seed("002"))


@pytest.fixture(scope="module")
def r001():
    return gxbg.parse(seed("001"))


@pytest.fixture(scope="module")
def r000():
    return gxbg.parse(seed("000"))


def values(row):
    return [row[c].value for c in REQ_COLS]


def has_figure(report, key, value):
    got = [f.value for f in report.figures if f.key == key]
    assert value in got, f"no prose figure {key} = {value}; figures for {key}: {got}"


# --- 004 宣城 2024: complete tables ----------------------------------------------------

def test_004_shape(r004):
    assert r004.format == "2021"
    for key in ("proactive", "requests", "appeals"):
        assert r004.tables[key].status == "present", key
    assert r004.tables.requests.status == "present"


def test_004_proactive(r004):
    p = r004.tables.proactive
    assert [p["regulations"][c].value for c in ("issued", "repealed", "in_force")] == [2, 1, 10]
    assert [p["normative_documents"][c].value for c in ("issued", "repealed", "in_force")] == [150, 136, 819]
    assert p["licensing"]["decisions"].value == 1184388
    assert p["penalty"]["decisions"].value == 2463842
    assert p["coercion"]["decisions"].value == 6547
    assert p["fees"]["amount_10k_yuan"].value == 32788


REQUESTS_004 = {
    "new_received": [642, 3, 0, 0, 6, 0, 651],
    "carried_over": [17, 0, 0, 0, 0, 0, 17],
    "granted": [326, 0, 0, 0, 1, 0, 327],
    "partially_granted": [110, 1, 0, 0, 0, 0, 111],
    "denied_state_secret": [1, 0, 0, 0, 0, 0, 1],
    "denied_law_prohibited": [3, 0, 0, 0, 0, 0, 3],
    "denied_three_safeties": [0, 0, 0, 0, 0, 0, 0],
    "denied_third_party": [7, 0, 0, 0, 0, 0, 7],
    "denied_internal_affairs": [2, 0, 0, 0, 0, 0, 2],
    "denied_process_info": [2, 0, 0, 0, 0, 0, 2],
    "denied_enforcement_file": [4, 0, 0, 0, 0, 0, 4],
    "denied_query_item": [5, 0, 0, 0, 0, 0, 5],
    "unavailable_not_held": [157, 1, 0, 0, 5, 0, 163],
    "unavailable_needs_creation": [7, 0, 0, 0, 0, 0, 7],
    "unavailable_unclear": [0, 0, 0, 0, 0, 0, 0],
    "rejected_complaint": [1, 0, 0, 0, 0, 0, 1],
    "rejected_duplicate": [3, 0, 0, 0, 0, 0, 3],
    "rejected_publication": [0, 0, 0, 0, 0, 0, 0],
    "rejected_excessive": [0, 0, 0, 0, 0, 0, 0],
    "rejected_confirmation": [0, 0, 0, 0, 0, 0, 0],
    "other_no_correction": [4, 0, 0, 0, 0, 0, 4],
    "other_no_fee": [0, 0, 0, 0, 0, 0, 0],
    "other_other": [10, 0, 0, 0, 0, 0, 10],
    "results_total": [642, 2, 0, 0, 6, 0, 650],
    "carried_forward": [17, 1, 0, 0, 0, 0, 18],
}


@pytest.mark.parametrize("row", sorted(REQUESTS_004))
def test_004_requests_rows(r004, row):
    assert values(r004.tables.requests[row]) == REQUESTS_004[row]


def test_004_requests_cells_are_typed(r004):
    cell = r004.tables.requests["granted"]["total"]
    assert isinstance(cell, gxbg.Cell)
    assert cell.state == "value"
    assert cell.value == 327 and isinstance(cell.value, int)
    assert cell.raw == "327"
    assert cell.key == "requests.granted.total"
    assert r004.cell("requests.granted.total") == cell
    assert r004.tables.cell("requests.granted.total") == cell
    # 2021 format: other_handling is the sum of its three rows, marked derived.
    oh = r004.tables.requests["other_handling"]["total"]
    assert oh.value == 14 and oh.derived


def test_004_appeals(r004):
    row = r004.tables.appeals["count"]
    assert [row["review_" + s].value for s in REVIEW] == [28, 9, 3, 1, 41]
    assert [row["direct_suit_" + s].value for s in REVIEW] == [6, 0, 2, 0, 8]
    assert [row["post_review_suit_" + s].value for s in REVIEW] == [1, 0, 0, 0, 1]


def test_004_identities_hold(r004):
    table_checks = [c for c in r004.checks if c.on == "table"]
    assert table_checks, "no identity was checked"
    failing = [c for c in table_checks if not c.holds]
    assert not failing, failing
    assert not [f for f in r004.findings if f.severity == "error"]
    for c in r004.checks:
        assert isinstance(c, gxbg.Check) and isinstance(c.expression, str)


# --- 003 辽源 2023: table 二 truncated ---------------------------------------------------

def test_003_meta(r003):
    assert r003.meta.title == "辽源市人民政府2023年政府信息公开工作年度报告"
    assert r003.meta.publish_date == "2024-02-29"


def test_003_proactive_truncated(r003):
    p = r003.tables.proactive
    assert p.status == "truncated"
    assert [p["regulations"][c].value for c in ("issued", "repealed", "in_force")] == [1, 1, 2]
    assert p["normative_documents"]["issued"].value == 6
    for c in ("repealed", "in_force"):
        cell = p["normative_documents"][c]
        assert cell.state == "missing" and cell.value is None, cell  # never 0


def test_003_prose(r003):
    for key, v in [
        ("requests.new_received.total", 315),
        ("requests.new_received.natural_person", 312),
        ("requests.carried_over.total", 8),
        ("requests.results_total.total", 317),
        ("requests.carried_forward.total", 6),
        ("requests.granted.total", 174),
        ("requests.partially_granted.total", 14),
    ]:
        has_figure(r003, key, v)


# --- 002 罗庄 2019: an interpretation page, prose only -----------------------------------

def test_002_meta(r002):
    m = r002.meta
    assert m.index_number == "luozhuangqulz201/2020-0000160"
    assert m.publish_date == "2020-02-05"
    assert m.publisher == "罗庄区政府办公室"
    assert m.document_kind == "interpretation"


def test_002_no_tables_prose(r002):
    assert all(t.status == "missing" and len(t) == 0 for t in r002.tables.values())
    for key, v in [
        ("requests.new_received.total", 95),
        ("requests.granted.total", 36),
        ("requests.partially_granted.total", 12),
        ("appeals.count.review_total", 23),
        ("appeals.count.review_upheld", 10),
        ("appeals.count.review_corrected", 10),
        ("appeals.count.review_other", 1),
        ("appeals.count.review_pending", 2),
    ]:
        has_figure(r002, key, v)


# --- 001 青岛 2023: Traditional, table 三 without numbers ------------------------------

def test_001_traditional_converted(r001):
    assert r001.conversion.converted
    assert r001.conversion.script in ("traditional", "mixed")
    for word in ("申请", "规范性文件", "程序", "优化", "智能"):
        assert word in r001.text, word
    assert "申請" in r001.original_text


def test_001_requests_present_without_values(r001):
    t = r001.tables.requests
    assert t.status == "present_without_values"
    assert len(t) > 0
    cells = list(t.cells())
    assert cells and all(c.state == "missing" and c.value is None for c in cells if not c.derived)
    assert not any(c.value == 0 for c in cells), "a lost value must not become 0"


def test_001_prose(r001):
    for key, v in [
        ("requests.new_received.total", 8643),
        ("requests.carried_over.total", 183),
        ("requests.results_total.total", 8550),
        ("requests.carried_forward.total", 276),
        ("requests.granted.total", 2764),
        ("requests.partially_granted.total", 1129),
        ("appeals.count.review_total", 286),
    ]:
        has_figure(r001, key, v)
    for f in r001.figures:
        assert isinstance(f, gxbg.Figure)
        assert f.offset_in in ("normalized", "original")
        text = r001.text if f.offset_in == "normalized" else r001.original_text
        assert text[f.offset:f.offset + len(f.raw)] == f.raw


def test_001_untouched_without_conversion():
    r = gxbg.parse(seed("001"), convert_traditional=False)
    assert not r.conversion.converted
    assert "申請" in r.text


# --- 000 临沂 2024: tables lost -----------------------------------------------------------

def test_000_meta(r000):
    m = r000.meta
    assert m.index_number == "1585729837/zfb/2025-0000050"
    assert m.publisher == "临沂市政府办公室"
    assert m.publish_date == "2025-03-05"
    assert m.title == "临沂市人民政府2024年政府信息公开工作年度报告"


def test_000_tables_missing_prose(r000):
    for key in ("proactive", "requests", "appeals"):
        assert r000.tables[key].status == "missing", key
    has_figure(r000, "requests.new_received.total", 4530)
    has_figure(r000, "appeals.count.review_total", 356)
    has_figure(r000, "appeals.count.direct_suit_total", 47)
    has_figure(r000, "appeals.count.post_review_suit_total", 113)


@pytest.mark.parametrize("prefix,year", [("000", 2024), ("001", 2023), ("002", 2019), ("003", 2023), ("004", 2024)])
def test_year(prefix, year):
    assert gxbg.parse(seed(prefix)).meta.year == year


# --- all seeds ----------------------------------------------------------------------------

def test_every_seed_parses(seed_paths):
    for p in seed_paths:
        r = gxbg.parse(p)
        assert r.source == str(p)
        assert r.format in ("2019", "2021", "none")
        assert r.text and r.original_text
        assert isinstance(r.sections, list)
        for s in r.sections:
            assert r.text[s.offset:].startswith(s.numeral)
        for f in r.findings:
            assert f.severity in ("info", "warning", "error")
            assert f.message and f.message_en


def test_values_are_numbers_or_none(seed_paths):
    for p in seed_paths:
        r = gxbg.parse(p)
        for t in r.tables.values():
            for c in t.cells():
                if c.state == "value":
                    assert isinstance(c.value, (int, float)) and not math.isnan(c.value)
                else:
                    assert c.value is None
