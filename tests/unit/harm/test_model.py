"""The harm model on a small synthetic training set: rules, scores, reasons, features, artifacts.

The synthetic set (``bench.harm.synthetic_results``) is written to a CSV in ``tmp_path`` and read
back with ``load_training_data``, as the shipped data is."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import scipy.sparse as sp  # type: ignore[import-untyped]
import sklearn

from bench.harm import synthetic_results
from models.harm import (
    CATEGORIES,
    HARMFUL,
    REASON_KEYS,
    SEVERITY,
    HarmModel,
    describe_reason,
)
from models.harm_artifact import ArtifactError, load_model, read_sidecar, save_model
from models.harm_eval import load_training_data
from models.harm_explain import text_contributions
from models.harm_features import split_tokens, tokenize

RAW_FEATURE = re.compile(r"__|char|word\b|\bcol\d|\bx\d+|structured")


Training = tuple[pd.DataFrame, list[str], list[str]]


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory) -> Training:
    path = tmp_path_factory.mktemp("harm") / "harm_training.csv"
    synthetic_results(n_subjects=40, per_subject=16, seed=1).to_csv(path, index=False)
    return load_training_data(path)


@pytest.fixture(scope="module")
def model(training: Training) -> HarmModel:
    frame, categories, groups = training
    return HarmModel().fit(frame, categories, groups)


def results(**columns: object) -> pd.DataFrame:
    """One result per row; unspecified columns get harmless defaults."""
    n = max(len(v) for v in columns.values() if isinstance(v, list))
    base: dict[str, object] = {
        "title": "", "snippet": "", "url": "https://example.org/", "domain_category": "unknown",
        "owned": False, "position": 5, "query": "",
    }  # fmt: skip
    base.update(columns)
    return pd.DataFrame({k: v if isinstance(v, list) else [v] * n for k, v in base.items()})


def test_constants_follow_the_issue() -> None:
    assert set(CATEGORIES) == HARMFUL | {"neutral", "owned", "positive"}
    ranked = sorted(HARMFUL, key=SEVERITY.__getitem__, reverse=True)
    assert ranked == ["ncii", "leak", "defamation", "impersonation", "complaint"]
    assert all(SEVERITY[c] == 0 for c in set(CATEGORIES) - HARMFUL)


def test_scores_are_probabilities_with_categories_and_reasons(
    model: HarmModel, training: Training
) -> None:
    frame = training[0]
    out = model.score(frame)
    assert list(out.columns) == ["harm", "category", "reasons"]
    assert out.index.equals(frame.index)
    assert out["harm"].between(0.0, 1.0).all()
    assert set(out["category"]) <= set(CATEGORIES)
    for reasons in out["reasons"]:
        assert reasons, "every score has at least one reason"
        for reason in reasons:
            assert set(reason) == {"key", "params", "weight"}
            assert reason["key"] in REASON_KEYS
            assert isinstance(reason["weight"], float)
    flagged = out["harm"] >= 0.5
    assert out.loc[flagged, "category"].isin(HARMFUL).all()
    assert not out.loc[~flagged, "category"].isin(HARMFUL).any()


def test_an_owned_domain_is_never_harmful(model: HarmModel) -> None:
    frame = results(
        title=["Lina Moro onlyfans leak full pack mega", "Lina Moro escroc condamné"],
        snippet=["Download the full pack, mega links.", "Elle a volé ses clients."],
        domain_category="owned",
        owned=True,
    )
    out = model.score(frame)
    assert (out["harm"] == 0.0).all()
    assert (out["category"] == "owned").all()
    for reasons in out["reasons"]:
        assert [r["key"] for r in reasons] == ["owned_domain"]
        assert reasons[0]["weight"] <= 0.0


def test_a_declared_leak_domain_scores_at_least_0_9(model: HarmModel) -> None:
    frame = results(
        title=["Lina Moro", "Lina Moro sextape intime", "Lina Moro interview"],
        snippet=["", "Vidéo intime publiée par son ex.", ""],
        domain_category="leak_forum",
    )
    out = model.score(frame)
    assert (out["harm"] >= 0.9).all()
    assert set(out["category"]) <= {"leak", "ncii"}
    assert out["category"].iloc[1] == "ncii", "the model's ncii wins over the leak rule"
    assert out["category"].iloc[0] == "leak"
    for reasons in out["reasons"]:
        assert reasons[0]["key"] == "declared_leak_domain"
        keys = [r["key"] for r in reasons]
        assert keys.count("declared_leak_domain") == 1
        assert {"key": "site_category", "params": {"category": "leak_forum"}} not in [
            {"key": r["key"], "params": r["params"]} for r in reasons
        ], "the rule's reason is not repeated by the model's"


def test_owned_wins_over_a_leak_declaration(model: HarmModel) -> None:
    out = model.score(results(title=["Lina Moro"], domain_category="leak_forum", owned=True))
    assert out["harm"].iloc[0] == 0.0 and out["category"].iloc[0] == "owned"


def test_reasons_read_as_sentences_in_english_and_french(model: HarmModel) -> None:
    frame = results(
        title=["Lina Moro onlyfans leak full pack", "Lina Moro - Wikipedia", "Lina Moro"],
        snippet=["Mega link inside.", "Biography of Lina Moro.", ""],
        url=["https://files.test/lina-moro-pack", "https://wiki.test/Lina", "https://x.test/"],
        domain_category=["file_host", "news", "leak_forum"],
    )
    for reasons in model.score(frame)["reasons"]:
        for reason in reasons:
            english, french = describe_reason(reason, "en"), describe_reason(reason, "fr")
            assert english and french and english != french
            assert not RAW_FEATURE.search(english) and not RAW_FEATURE.search(french)
            assert "{" not in english + french


def test_every_reason_key_has_both_languages() -> None:
    params = {
        "title_mentions": {"text": "full pack"},
        "snippet_mentions": {"text": "mega"},
        "url_contains": {"text": "mega"},
        "site_category": {"category": "forum"},
        "position": {"position": 3},
    }
    for key in REASON_KEYS:
        reason = {"key": key, "params": params.get(key, {}), "weight": 0.5}
        english, french = describe_reason(reason, "en"), describe_reason(reason, "fr")
        assert "raises" in english and "augmente" in french
        assert "_" not in english + french, "a stable key is not a sentence"
    assert describe_reason({"key": "title_mentions", "params": {"text": "full pack"}}, "en") == (
        "the title mentions 'full pack'"
    )
    assert describe_reason({"key": "url_contains", "params": {"text": "mega"}}, "fr") == (
        "l'adresse contient « mega »"
    )
    assert "declared leak forum" in describe_reason({"key": "declared_leak_domain"}, "en")
    assert "lowers" in describe_reason({"key": "owned_domain", "weight": -0.4}, "en")
    with pytest.raises(ValueError, match="language"):
        describe_reason({"key": "owned_domain"}, "de")


def test_full_pack_pushes_the_score_up(model: HarmModel) -> None:
    frame = results(title=["Lina Moro full pack", "Lina Moro"], snippet="", position=3)
    out = model.score(frame)
    assert out["harm"].iloc[0] > out["harm"].iloc[1]
    up = [r for r in out["reasons"].iloc[0] if r["key"] == "title_mentions"]
    assert up and all(r["weight"] > 0 for r in up)
    assert {r["params"]["text"] for r in up} & {"full", "pack", "full pack"}


def test_a_news_site_pulls_the_score_down(model: HarmModel) -> None:
    out = model.score(results(title=["Lina Moro interview"], domain_category="news"))
    reasons = out["reasons"].iloc[0]
    news = [r for r in reasons if r["params"] == {"category": "news"}]
    assert news and news[0]["weight"] < 0


def test_ten_thousand_results_score_in_one_batch(model: HarmModel) -> None:
    """Speed is measured in ``bench/harm.py``; here, that a large batch goes through whole."""
    rng = np.random.default_rng(0)
    words = np.array(["leak", "pack", "avis", "interview", "compte", "photos", "Lina", "Moro"])
    titles = [" ".join(rng.choice(words, 5)) for _ in range(10_000)]
    frame = results(title=titles, snippet="some words", position=list(rng.integers(1, 30, 10_000)))
    frame.index = pd.RangeIndex(100, 10_100)
    out = model.score(frame)
    assert out.shape == (10_000, 3) and out.index.equals(frame.index)
    assert out["reasons"].map(len).min() >= 1


def test_empty_and_unusual_inputs_still_score(model: HarmModel) -> None:
    frame = results(
        title=["", None, "😀 — « » …", "Ünïcödé ÉTÉ"],
        snippet=[None, "", "", "x"],
        url=["", "not a url", "https://a.test/%2F%41", None],
        domain_category=["unknown", "never-declared", None, "adult"],
        position=[None, 0, 500, 1],
    )
    out = model.score(frame)
    assert out["harm"].between(0, 1).all() and out["reasons"].map(len).min() >= 1


def test_missing_columns_and_bad_labels_are_refused(
    training: Training,
) -> None:
    frame, categories, _ = training
    with pytest.raises(ValueError, match="lacks columns"):
        HarmModel().fit(frame.drop(columns=["url"]), categories)
    with pytest.raises(ValueError, match="unknown"):
        HarmModel().fit(frame, ["rumour"] * len(frame))
    with pytest.raises(ValueError, match="both harmful and harmless"):
        HarmModel().fit(frame, ["neutral"] * len(frame))


def test_version_names_the_training_data_and_sklearn(model: HarmModel, training: Training) -> None:
    frame, categories, groups = training
    assert re.fullmatch(rf"harm-[0-9a-f]{{12}}-{re.escape(sklearn.__version__)}", model.version_)
    assert re.fullmatch(r"[0-9a-f]{64}", model.training_sha256_)
    again = HarmModel().fit(frame, categories, groups)
    assert again.version_ == model.version_
    other = HarmModel().fit(frame.iloc[1:], categories[1:], groups[1:])
    assert other.training_sha256_ != model.training_sha256_ and other.version_ != model.version_


def test_tokens_split_on_punctuation_and_never_across_rows() -> None:
    flat, rows = split_tokens(pa.array(["Léa — FULL-pack l'été!", "", "mega.nz/f%2Fab 😀x", "a"]))
    expected = ["Léa", "FULL", "pack", "l", "été", "mega", "nz", "f", "2Fab", "x", "a"]
    assert flat.to_pylist() == expected
    assert rows.tolist() == [0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 3]
    url_flat, _ = split_tokens(pa.array(["mega.nz/f%2Fab"]), url=True)
    assert url_flat.to_pylist() == ["mega", "nz", "f", "ab"]
    tokens = tokenize(pa.array(["Fête fete FÊTE of the pack", "fete"]))  # "of", "the": stop words
    used = np.flatnonzero(tokens.counts.toarray().sum(axis=0))
    assert sorted(tokens.distinct.take(pa.array(used)).to_pylist()) == ["fete", "pack"]
    assert tokens.counts.sum() == 5


def test_reasons_add_up_to_the_text_part_of_the_score(model: HarmModel) -> None:
    """Word and character contributions gathered per token are exact, not approximations."""
    frame = results(title=["Lina Moro onlyfans l3aked full pack", "interview of Lina"])
    block = model.features_.text_["title"]
    encoding = block.encode(frame)
    coef = np.random.default_rng(1).normal(size=block.n_features)
    per_token = text_contributions(block, encoding, coef)
    direct = sp.hstack([encoding.word, encoding.char]).tocsr() @ coef
    assert np.allclose(np.asarray(per_token.sum(axis=1)).ravel(), direct)


def test_a_model_round_trips_through_its_artifact(model: HarmModel, tmp_path: Path) -> None:
    folder = tmp_path / "artifacts" / "models"
    path = save_model(model, folder, {"roc_auc": 0.99})
    assert path == folder / f"{model.version_}.pkl"
    sidecar = read_sidecar(path)
    assert sidecar["training_sha256"] == model.training_sha256_
    assert sidecar["metrics"] == {"roc_auc": 0.99}
    assert sidecar["sklearn_version"] == sklearn.__version__ and sidecar["created_at"]
    loaded = load_model(path, workspace_artifacts=folder)
    frame = results(title=["Lina Moro leak full pack", "Lina Moro interview"])
    pd.testing.assert_frame_equal(loaded.score(frame), model.score(frame))
    assert load_model(path.with_suffix(".json"), workspace_artifacts=folder).version_ == (
        model.version_
    )


def test_a_model_outside_the_artifacts_folder_is_refused(model: HarmModel, tmp_path: Path) -> None:
    own, elsewhere = tmp_path / "ws" / "artifacts", tmp_path / "elsewhere"
    path = save_model(model, elsewhere, {})
    with pytest.raises(ArtifactError, match="outside"):
        load_model(path, workspace_artifacts=own)
    own.mkdir(parents=True)
    (own / path.name).symlink_to(path)
    (own / path.with_suffix(".json").name).symlink_to(path.with_suffix(".json"))
    with pytest.raises(ArtifactError, match="outside"):
        load_model(own / path.name, workspace_artifacts=own)
    with pytest.raises(ArtifactError, match="outside"):
        load_model(own / ".." / ".." / "elsewhere" / path.name, workspace_artifacts=own)


class _Trap:
    """Unpickling this writes a file: proof that a pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "pickle ran"))


def test_a_tampered_model_is_never_unpickled(model: HarmModel, tmp_path: Path) -> None:
    folder = tmp_path / "artifacts"
    path = save_model(model, folder, {})
    marker = tmp_path / "ran.txt"
    path.write_bytes(pickle.dumps(_Trap(marker)))
    with pytest.raises(ArtifactError, match="SHA-256"):
        load_model(path, workspace_artifacts=folder)
    assert not marker.exists()
    sidecar = json.loads(path.with_suffix(".json").read_text())
    path.with_suffix(".json").write_text(json.dumps({**sidecar, "model_file": "other.pkl"}))
    with pytest.raises(ArtifactError, match="another file"):
        load_model(path, workspace_artifacts=folder)
    path.with_suffix(".json").unlink()
    with pytest.raises(ArtifactError, match="no sidecar"):
        load_model(path, workspace_artifacts=folder)
    assert not marker.exists()
