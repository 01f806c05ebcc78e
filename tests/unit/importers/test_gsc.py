"""Search Console performance exports, English and French, as Google and Excel write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from collectors.importers import GscRow, ImportFileError, parse_gsc

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def test_english_queries_export() -> None:
    batch = parse_gsc(FIXTURES / "gsc_en_queries.csv")
    assert (batch.encoding, batch.separator, batch.dimensions) == ("utf-8", ",", ("query",))
    assert batch.records == [
        GscRow(2, "alice martin", None, 120, 1500, pytest.approx(0.08), 2.1),
        GscRow(3, "alice martin, photos", None, 3, 400, pytest.approx(0.0075), 7.4),
        GscRow(4, "alice m leak", None, 0, 35, 0.0, 12.0),
    ]
    assert batch.rejected == [] and batch.rows == 3


def test_french_pages_export_resaved_by_excel() -> None:
    """BOM, ";", CRLF, decimal commas, narrow no-break spaces in 1 234 and 12,5 %."""
    batch = parse_gsc(FIXTURES / "gsc_fr_pages.csv")
    assert (batch.encoding, batch.separator, batch.dimensions) == ("utf-8-sig", ";", ("page",))
    assert batch.records == [
        GscRow(2, None, "https://alice.example/", 1234, 9870, pytest.approx(0.125), 3.4),
        GscRow(3, None, "https://alice.example/galerie", 5, 400, pytest.approx(0.0125), 8.0),
        GscRow(4, None, "https://forum.example/t/1234", 0, 12, 0.0, 14.25),
    ]


def test_french_chart_export_with_a_day_without_data() -> None:
    batch = parse_gsc(FIXTURES / "gsc_fr_dates.csv")
    assert batch.dimensions == ("date",)
    assert batch.records == [
        GscRow(2, None, None, 3, 40, pytest.approx(0.075), 5.2, date(2026, 11, 24)),
        GscRow(3, None, None, 0, 0, 0.0, None, date(2026, 11, 25)),  # no position, not 0
        GscRow(4, None, None, 0, 10, 0.0, 11.0, date(2026, 11, 26)),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Top queries,Clicks,Impressions,CTR,Position",
        "Requêtes les plus fréquentes,Clics,Impressions,CTR,Position",
        "Query,Clicks,Impressions,CTR,Position",
        "Requête,Clics,Impressions,CTR,Position moyenne",
    ],
)
def test_query_headers_in_both_languages(tmp_path: Path, header: str) -> None:
    path = tmp_path / "q.csv"
    path.write_text(f"{header}\nfoo,1,10,10%,4.2\n", encoding="utf-8")
    assert parse_gsc(path).records == [GscRow(2, "foo", None, 1, 10, pytest.approx(0.1), 4.2)]


def test_query_and_page_together(tmp_path: Path) -> None:
    path = tmp_path / "qp.csv"
    path.write_text("Query,Page,Clicks,Impressions,CTR,Position\nfoo,https://a.example/,"
                    "1,10,0.1,4\n", encoding="utf-8")  # fmt: skip
    assert parse_gsc(path).records == [
        GscRow(2, "foo", "https://a.example/", 1, 10, pytest.approx(0.1), 4.0)
    ]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ("foo;x;10;1 %;4", "Clicks: 'x' is not a whole number"),
        ("foo;1,5;10;1 %;4", "Clicks: '1,5' is not a whole number"),
        ("foo;1;10;120 %;4", "CTR: '120 %' is more than 100%"),
        ("foo;1;10;12,5;4", "CTR: '12,5' is more than 100%"),
        ("foo;1;10;1 %;0,5", "Position: '0,5': positions start at 1"),
        ("foo;1;10;1 %;", "Position: empty although there were impressions"),
        ("foo;20;10;100 %;4", "more clicks than impressions"),
        ("foo;0;0;5 %;", "a CTR or position without impressions"),
        (";1;10;1 %;4", "Top queries: empty"),
        ("foo;;10;1 %;4", "Clicks: empty"),
    ],
)
def test_bad_gsc_rows(tmp_path: Path, cells: str, reason: str) -> None:
    path = tmp_path / "q.csv"
    path.write_text(f"Top queries;Clicks;Impressions;CTR;Position\n{cells}\n", encoding="utf-8")
    batch = parse_gsc(path)
    assert batch.records == []
    (error,) = batch.rejected
    assert error.line == 2 and error.reason.startswith(reason)


def test_english_thousands_separators_are_read(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('Top queries,Clicks,Impressions,CTR,Position\nfoo,"1,234","12,340",10%,2\n',
                    encoding="utf-8")  # fmt: skip
    assert parse_gsc(path).records[0].impressions == 12340


def test_an_export_without_a_dimension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "totals.csv"
    path.write_text("Clicks,Impressions,CTR,Position\n1,10,10%,3\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a performance export"):
        parse_gsc(path)


def test_another_tab_of_the_zip_is_refused_naming_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "Pays.csv"
    path.write_text("Pays,Clics,Impressions,CTR,Position\nFrance,1,10,10%,3\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        parse_gsc(path)
    assert "unknown column 'Pays'" in str(caught.value)
    assert "top queries (requêtes les plus fréquentes / query / requête)" in str(caught.value)
