"""The Review page through AppTest: candidates, labels, audited quality, retraining."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import connect
from serpshield.harm_jobs import TrainReport
from tests.app.leaks_world import (
    CANDIDATE_URL,
    build_world,
    copy_world,
    install_stub_model,
    open_page,
    texts,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review-world")
    (folder / "data").mkdir()
    build_world(folder, folder / "data" / "serpshield.duckdb", audited=True)
    return folder


@pytest.fixture
def world(template: Path, workspace: Path, db_path: Path) -> Path:
    copy_world(template, workspace, db_path)
    install_stub_model(workspace)
    return db_path


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_tab_draws_its_queue_and_figures(world: Path) -> None:
    at = open_page("review")
    assert not at.exception
    assert at.title[0].value == "Review"
    assert [tab.label for tab in at.tabs] == [
        "Leak candidates", "Label results", "Audited quality", "Model",
    ]  # fmt: skip
    candidates = at.dataframe[0].value
    assert list(candidates["url"]) == [CANDIDATE_URL]
    queue = at.dataframe[1].value
    assert len(queue) == 9 and queue["score"].iloc[0] == pytest.approx(0.62)
    quality = at.dataframe[2].value
    assert "recall_ci_low" in quality.columns
    confusion = at.dataframe[3].value
    assert confusion.loc["defamation", "neutral"] == 3  # the label said defamation, model neutral
    shown = {m.label: m.value for m in at.metric}
    assert shown["Audited labels"] == "3"
    assert shown["False-positive rate"] == "1.2%"
    assert "harm-stub-test" in texts(at)


def test_accepting_a_candidate_into_a_new_item(world: Path) -> None:
    at = open_page("review", client="lea-fit")
    assert at.radio(key="rv_mode").options == ["An existing item", "A new item"]
    at.radio(key="rv_mode").set_value("new").run()
    at.button(key="rv_accept").click().run()  # no title yet: refused, nothing written
    assert "Choose a content item" in at.error[0].value
    at.text_input(key="rv_new_title").input("Dump copies")
    at.selectbox(key="rv_kind").set_value("video")
    at.button(key="rv_accept").click().run()
    assert not at.exception
    assert "Accepted" in at.success[0].value
    assert "No candidate is waiting" in texts(at)
    leaks = rows(world, "SELECT t.title, t.kind, u.url FROM leak_urls u JOIN content_items t "
                        "USING (item_id) WHERE t.title = 'Dump copies'")  # fmt: skip
    assert leaks == [("Dump copies", "video", CANDIDATE_URL)]
    actions = [r[0] for r in rows(world, "SELECT action FROM audit_log")]
    assert "candidate_accepted" in actions


def test_accepting_into_an_existing_item(world: Path) -> None:
    video = rows(world, "SELECT item_id FROM content_items WHERE title = 'Video'")[0][0]
    at = open_page("review", client="lea-fit")
    assert at.selectbox(key="rv_item").options == ["Set 1", "Video"]
    at.selectbox(key="rv_item").set_value(video)
    at.button(key="rv_accept").click().run()
    assert not at.exception
    assert "Accepted" in at.success[0].value
    urls = rows(world, f"SELECT url FROM leak_urls WHERE item_id = {video} ORDER BY url")
    assert (CANDIDATE_URL,) in urls


def test_dismissing_a_candidate(world: Path) -> None:
    at = open_page("review", client="lea-fit")
    at.button(key="rv_dismiss").click().run()
    assert "Dismissed" in at.success[0].value
    assert "No candidate is waiting" in texts(at)
    assert rows(world, "SELECT decision FROM candidate_decisions") == [("dismissed",)]


def test_saving_a_label_and_the_audit(world: Path) -> None:
    at = open_page("review")
    first = at.selectbox(key="rv_result").value
    at.selectbox(key="rv_category").set_value("ncii")
    at.button(key="rv_save_label").click().run()
    assert not at.exception
    assert "Label saved" in at.success[0].value
    assert rows(world, f"SELECT category FROM labels WHERE result_id = {first}") == [("ncii",)]
    assert first not in set(at.dataframe[1].value["result_id"])
    assert "label" in [r[0] for r in rows(world, "SELECT action FROM audit_log")]


def test_without_model_or_audit_the_page_explains(
    workspace: Path, db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "plain"
    (other / "data").mkdir(parents=True)
    build_world(other, other / "data" / "serpshield.duckdb")  # no label: nothing audited
    copy_world(other, workspace, db_path)
    at = open_page("review")
    assert not at.exception
    assert "No model is trained" in at.info[0].value
    assert "Nothing is audited yet" in texts(at)


def test_retraining_shows_the_new_version(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def train(workspace: Path, db: Path) -> TrainReport:
        return TrainReport("harm-new-1", workspace / "m.pkl", 1700, 68, 0.004)

    monkeypatch.setattr("serpshield.harm_jobs.train_model", train)
    at = open_page("review")
    at.button(key="rv_retrain").click().run()
    assert not at.exception
    assert at.success[0].value == (
        "New model trained with 68 workspace labels; false-positive rate 0.4%."
    )
    assert "harm-new-1" in texts(at)


def test_french_and_the_client_filter_in_the_url(world: Path) -> None:
    at = open_page("review", lang="fr", client="nordlys")
    assert not at.exception
    assert at.title[0].value == "Revue"
    assert at.tabs[0].label == "Candidats de fuite"
    assert "Aucun candidat n’attend de décision." in texts(at)  # lea-fit's candidate is hidden
    assert at.query_params["client"] == "nordlys"
    assert at.selectbox(key="filter_client").value == "nordlys"
