"""The workspace config: the template, every kind of error with its location, and the helpers."""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path

import pytest

from serpshield.config import (
    DOMAIN_CATEGORIES,
    SISTRIX_2020,
    SOURCE_NAMES,
    ClientConfig,
    ConfigError,
    ConfigIssue,
    QueryConfig,
    SourceConfig,
    WorkspaceConfig,
    load_config,
    missing_env_vars,
    resolve_db_path,
)
from serpshield.config_docs import render_config_docs

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = Path(str(files("serpshield").joinpath("templates", "serpshield.toml")))
HEAD = '[workspace]\nname = "Agency"\n'  # the smallest valid config: lines 1-2


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "serpshield.toml"
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(tmp_path: Path, text: str) -> list[ConfigIssue]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    error = caught.value  # pydantic's own error quotes the inputs: it must not be chained
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return caught.value.issues


def only_issue(tmp_path: Path, text: str) -> ConfigIssue:
    found = issues_of(tmp_path, text)
    assert len(found) == 1, [str(i) for i in found]
    return found[0]


# --- the template ---------------------------------------------------------------------------


def test_template_validates_and_shows_both_clients() -> None:
    cfg = load_config(TEMPLATE)
    assert set(cfg.clients) == {"lea-fit", "nordlys"}
    lea, nordlys = cfg.clients["lea-fit"], cfg.clients["nordlys"]
    assert lea.language == "fr" and nordlys.language == "en"
    assert lea.owned_domains and lea.leak_domains
    assert {q.engine for q in lea.queries} >= {"google", "bing"}
    assert any(q.device == "mobile" for q in lea.queries)
    assert cfg.sources["serpapi"].api_key_env == "SERPAPI_API_KEY"
    assert cfg.sources["searxng"].base_url == "http://127.0.0.1:8888"
    domains = [d for c in cfg.clients.values() for d in (*c.owned_domains, *c.leak_domains)]
    domains += [d for c in cfg.clients.values() for d in c.domains]
    assert domains and all(d.endswith(".example") for d in domains)


def test_template_holds_no_secret_values() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    for line in text.splitlines():
        key = line.split("=")[0].strip().lstrip("#").strip()
        assert key not in {"api_key", "key", "token", "password", "secret"}, line


def test_smallest_config_takes_the_documented_defaults(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, HEAD))
    assert cfg.workspace.timezone == "UTC" and cfg.workspace.language == "en"
    assert cfg.thresholds.harm == 0.5 and cfg.thresholds.candidate == 0.7
    assert cfg.thresholds.alert_top_n == 10 and cfg.thresholds.removal_confirm_minutes == 60
    assert (cfg.sla.privacy_ncii, cfg.sla.copyright, cfg.sla.other) == (48, 72, 72)
    assert cfg.ctr.curve == "sistrix_2020" and cfg.sources == {} and cfg.clients == {}


def test_values_are_normalised(tmp_path: Path) -> None:
    text = HEAD + (
        '[clients.acme]\nname = " Acme "\nowned_domains = ["Acme.EXAMPLE."]\n'
        '[clients.acme.domains]\n"News.Example" = "news"\n'
        '[[clients.acme.queries]]\ntext = "  acme  "\n'
    )
    client = load_config(write(tmp_path, text)).clients["acme"]
    assert client.name == "Acme"
    assert client.owned_domains == ["acme.example"]
    assert client.domains == {"news.example": "news"}
    assert client.queries[0] == QueryConfig(text="acme")
    assert (client.queries[0].engine, client.queries[0].device) == ("google", "desktop")


def test_domain_categories_constant() -> None:
    assert DOMAIN_CATEGORIES == (
        "owned", "partner", "news", "social", "review", "forum", "leak_forum", "file_host",
        "adult", "unknown",
    )  # fmt: skip


# --- errors, each with its location -----------------------------------------------------------


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + "[thresholds]\nharm = \n")
    assert issue.line == 4 and issue.key == ""
    assert issue.message == "TOML syntax error at column 8: invalid value"
    assert str(issue).startswith(f"{tmp_path / 'serpshield.toml'}:4: TOML syntax error")


def test_unknown_key_lists_the_allowed_keys_and_its_line(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + 'colour = "blue"\n')
    assert (issue.line, issue.key) == (3, "workspace.colour")
    assert issue.message == "unknown key (allowed: name, timezone, language)"


def test_unknown_key_in_a_query_lists_query_keys(tmp_path: Path) -> None:
    text = HEAD + '[clients.a]\nname = "A"\n[[clients.a.queries]]\ntext = "a"\nengin = "bing"\n'
    issue = only_issue(tmp_path, text)
    assert (issue.line, issue.key) == (7, "clients.a.queries[0].engin")
    assert issue.message == (
        "unknown key (allowed: text, engine, gl, hl, location, device, search_volume, tags)"
    )


def test_unknown_table_and_unknown_source(tmp_path: Path) -> None:
    found = issues_of(tmp_path, HEAD + "[sla2]\nx = 1\n[sources.google]\nenabled = true\n")
    assert [(i.line, i.key) for i in found] == [(3, "sla2"), (5, "sources.google")]
    assert found[0].message.startswith("unknown key (allowed: workspace, thresholds, sla, ctr")
    assert found[1].message == "unknown key (allowed: " + ", ".join(SOURCE_NAMES) + ")"


def test_wrong_type_gives_key_path_and_line(tmp_path: Path) -> None:
    text = HEAD + '[clients.lea-fit]\nname = "Léa"\n[[clients.lea-fit.queries]]\ntext = "a"\n'
    text += '[[clients.lea-fit.queries]]\ntext = "b"\nengine = "yahoo"\nsearch_volume = "many"\n'
    found = issues_of(tmp_path, text)
    assert [str(i).split(": ", 1)[1] for i in found] == [
        "clients.lea-fit.queries[1].engine: expected one of 'google', 'bing', 'duckduckgo', "
        "'brave'",
        "clients.lea-fit.queries[1].search_volume: expected an integer",
    ]
    assert [i.line for i in found] == [9, 10]
    assert str(found[0]).startswith(f"{tmp_path / 'serpshield.toml'}:9: ")


def test_types_are_strict_and_bounds_are_plain(tmp_path: Path) -> None:
    text = HEAD + '[thresholds]\nalert_top_n = "10"\nharm = 1.5\ncandidate = -1\n'
    text += "removal_confirm_minutes = 0\n[sources.serpapi]\nenabled = 1\n"
    text += 'api_key_env = "K"\nconcurrency = 33\n'
    messages = {i.key: i.message for i in issues_of(tmp_path, text)}
    assert messages == {
        "thresholds.alert_top_n": "expected an integer",
        "thresholds.harm": "expected a number <= 1",
        "thresholds.candidate": "expected a number >= 0",
        "thresholds.removal_confirm_minutes": "expected a number > 0",
        "sources.serpapi.enabled": "expected true or false",
        "sources.serpapi.concurrency": "expected a number <= 32",
    }


def test_missing_required_key_points_at_its_table(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, '# a comment\n[workspace]\ntimezone = "UTC"\n')
    assert (issue.line, issue.key, issue.message) == (
        2,
        "workspace.name",
        "required key is missing",
    )
    issue = only_issue(tmp_path, "[thresholds]\nharm = 0.4\n")
    assert (issue.line, issue.key, issue.message) == (None, "workspace", "required key is missing")
    assert str(issue) == f"{tmp_path / 'serpshield.toml'}: workspace: required key is missing"


def test_empty_name_is_refused(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, '[workspace]\nname = "   "\n')
    assert (issue.line, issue.key, issue.message) == (2, "workspace.name", "must not be empty")


def test_bad_client_slug(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + '[clients."Lea Fit"]\nname = "Léa"\n')
    assert (issue.line, issue.key) == (3, 'clients."Lea Fit"')
    assert issue.message.startswith("expected a slug")


@pytest.mark.parametrize(
    "value",
    ["https://leafit.example", "leafit.example/about", "leafit.example:8080", "lea fit.example"],
)
def test_url_given_as_domain(tmp_path: Path, value: str) -> None:
    text = HEAD + f'[clients.a]\nname = "A"\nowned_domains = ["a.example", "{value}"]\n'
    issue = only_issue(tmp_path, text)
    assert (issue.line, issue.key) == (5, "clients.a.owned_domains[1]")
    assert issue.message == "expected a domain such as example.com, not a URL"


def test_domain_in_two_categories_names_both_places(tmp_path: Path) -> None:
    text = HEAD + '[clients.a]\nname = "A"\nowned_domains = ["x.example", "a.example"]\n'
    text += 'leak_domains = ["A.example"]\n[clients.a.domains]\n"x.example" = "news"\n'
    found = issues_of(tmp_path, text)
    assert [(i.line, i.key, i.message) for i in found] == [
        (
            6,
            "clients.a.leak_domains[0]",
            "domain listed with two categories: 'owned' in owned_domains[1] and 'leak_forum' "
            "in leak_domains[0]",
        ),
        (
            8,
            'clients.a.domains."x.example"',
            "domain listed with two categories: 'owned' in owned_domains[0] and 'news' in "
            'domains."x.example"',
        ),
    ]


def test_same_domain_same_category_twice_is_fine(tmp_path: Path) -> None:
    text = HEAD + '[clients.a]\nname = "A"\nowned_domains = ["a.example"]\n'
    text += '[clients.a.domains]\n"a.example" = "owned"\n'
    assert load_config(write(tmp_path, text)).clients["a"].domains == {"a.example": "owned"}


SECRET = "sk-live-9f8e7d6c5b4a3210"


def test_secret_value_is_refused_and_never_echoed(tmp_path: Path) -> None:
    text = HEAD + f'[sources.serpapi]\napi_key_env = "SERPAPI_API_KEY"\napi_key = "{SECRET}"\n'
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    [issue] = caught.value.issues
    assert (issue.line, issue.key) == (5, "sources.serpapi.api_key")
    assert issue.message == (
        "secrets are never stored in the config: set api_key_env (or login_env/password_env) "
        "to the NAME of an environment variable"
    )
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


@pytest.mark.parametrize(
    "snippet",
    [
        f'[sources.serpapi]\napi_key_env = "{SECRET}"\n',  # the key pasted instead of its name
        f'[sources.serper]\napi_key_env = "K"\ntoken = "{SECRET}"\n',
        f'[sources.dataforseo]\nlogin_env = "L"\npassword_env = "P"\npassword = "{SECRET}"\n',
        f'[sources.searxng]\nbase_url = "http://user:{SECRET}@127.0.0.1:8888"\n',
        f'[workspace.x]\nsecret = "{SECRET}"\n',
        f'[thresholds]\nharm = "{SECRET}"\n',
        f'[clients.a]\nname = "A"\nowned_domains = ["https://{SECRET}.example/"]\n',
        f'[clients.a]\nname = "A"\n[[clients.a.queries]]\ntext = "a"\ngl = "{SECRET}"\n',
        f'[clients.a]\nname = "A"\n[[clients.a.queries]]\ntext = "a"\nengine = "{SECRET}"\n',
        f'[ctr]\ncurve = "custom"\nweights = [1, "{SECRET}"]\n',
    ],
)
def test_no_message_echoes_the_offending_value(tmp_path: Path, snippet: str) -> None:
    found = issues_of(tmp_path, HEAD + snippet)
    assert found
    assert all(SECRET not in str(issue) for issue in found)


def test_nan_and_inf_are_not_numbers(tmp_path: Path) -> None:
    text = HEAD + '[ctr]\ncurve = "custom"\nweights = [nan, 1]\n[sources.serpapi]\n'
    text += 'api_key_env = "K"\nmonthly_budget = inf\n'
    found = issues_of(tmp_path, text)
    assert [(i.key, i.message) for i in found] == [
        ("ctr.weights[0]", "expected a finite number"),
        ("sources.serpapi.monthly_budget", "expected a finite number"),
    ]


def test_env_name_pattern_message(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + '[sources.serpapi]\napi_key_env = "serpapi_key"\n')
    assert (issue.line, issue.key) == (4, "sources.serpapi.api_key_env")
    assert "NAME of an environment variable" in issue.message


@pytest.mark.parametrize(
    ("source", "body", "key", "message"),
    [
        ("serpapi", "enabled = true", "api_key_env", "required for the serpapi source"),
        ("brave", 'base_url = "http://x.example"', "api_key_env", "required for the brave source"),
        ("dataforseo", 'login_env = "L"', "password_env", "required for the dataforseo source"),
        ("google-cse", 'api_key_env = "K"', "engine_id", "required for the google-cse source"),
        ("searxng", "enabled = true", "base_url", "required for the searxng source"),
    ],
)
def test_source_requirements(
    tmp_path: Path, source: str, body: str, key: str, message: str
) -> None:
    found = issues_of(tmp_path, HEAD + f"[sources.{source}]\n{body}\n")
    assert (3, f"sources.{source}.{key}", message) in [(i.line, i.key, i.message) for i in found]


def test_searxng_takes_no_key_and_needs_http_url(tmp_path: Path) -> None:
    text = HEAD + '[sources.searxng]\nbase_url = "ftp://127.0.0.1"\napi_key_env = "K"\n'
    found = issues_of(tmp_path, text)
    assert [(i.line, i.key, i.message) for i in found] == [
        (4, "sources.searxng.base_url", "expected an http(s) URL such as http://127.0.0.1:8888"),
        (5, "sources.searxng.api_key_env", "not used by the searxng source"),
    ]


def test_every_source_accepts_its_documented_keys() -> None:
    tables = {
        "serpapi": {"api_key_env": "A"},
        "searchapi": {"api_key_env": "A"},
        "valueserp": {"api_key_env": "A"},
        "serper": {"api_key_env": "A"},
        "brave": {"api_key_env": "A"},
        "dataforseo": {"login_env": "L", "password_env": "P"},
        "google-cse": {"api_key_env": "A", "engine_id": "cx0"},
        "searxng": {"base_url": "https://searx.example"},
    }
    assert set(tables) == set(SOURCE_NAMES)
    cfg = WorkspaceConfig.model_validate({"workspace": {"name": "W"}, "sources": tables})
    assert cfg.sources["searxng"] == SourceConfig(base_url="https://searx.example")


def test_duplicate_query_names_both_indexes(tmp_path: Path) -> None:
    text = HEAD + '[clients.a]\nname = "A"\n'
    for query in ('text = "Lea Fit"', 'text = "x"', 'text = " lea fit "', 'text = "x"\ngl = "fr"'):
        text += f"[[clients.a.queries]]\n{query}\n"
    issue = only_issue(tmp_path, text)
    assert (issue.line, issue.key) == (9, "clients.a.queries[2]")
    assert issue.message == "duplicate of queries[0] (same text, engine, gl, hl and device)"


def test_custom_curve_needs_weights(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + '[ctr]\ncurve = "custom"\n')
    assert (issue.line, issue.key) == (3, "ctr.weights")  # the [ctr] header: the key is absent
    assert issue.message == 'required when curve = "custom"'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("weights = [1, 2]", 'only allowed with curve = "custom"'),
        ('curve = "custom"\nweights = [0, 0]', "expected at least one weight > 0"),
        ('curve = "custom"\nweights = []', "must not be empty"),
    ],
)
def test_weights_rules(tmp_path: Path, body: str, message: str) -> None:
    issue = only_issue(tmp_path, HEAD + f"[ctr]\n{body}\n")
    assert (issue.key, issue.message) == ("ctr.weights", message)


def test_negative_weight_points_at_its_item(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, HEAD + '[ctr]\ncurve = "custom"\nweights = [3, -1]\n')
    assert (issue.line, issue.key, issue.message) == (5, "ctr.weights[1]", "expected a number >= 0")


def test_bad_timezone(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, '[workspace]\nname = "A"\ntimezone = "Mars/Olympus_Mons"\n')
    assert (issue.line, issue.key) == (3, "workspace.timezone")
    assert issue.message == "unknown time zone: expected an IANA name such as Europe/Paris"


def test_all_issues_are_reported_at_once_sorted_by_line(tmp_path: Path) -> None:
    text = HEAD + 'language = "de"\n[sla]\nother = 0\n[sources.dataforseo]\nlogin_env = "L"\n'
    text += "rate_per_second = -1\n"
    found = issues_of(tmp_path, text)
    assert [(i.line, i.key) for i in found] == [
        (3, "workspace.language"),
        (5, "sla.other"),
        (6, "sources.dataforseo.password_env"),  # still found beside a type error in its table
        (8, "sources.dataforseo.rate_per_second"),
    ]
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value).splitlines() == [str(i) for i in found]


def test_three_errors_give_three_issues(tmp_path: Path) -> None:
    text = '[workspace]\nname = ""\n[thresholds]\nalert_top_n = 0\n[clients.b]\nname = "B"\n'
    text += "capacity_per_week = 51\n"
    assert len(issues_of(tmp_path, text)) == 3


# --- files that cannot be read --------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    assert str(caught.value) == (
        f"{tmp_path / 'nope.toml'}: file not found (create a workspace with `serpshield init`)"
    )


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(tmp_path)


def test_bad_utf8_gives_its_line(tmp_path: Path) -> None:
    path = tmp_path / "serpshield.toml"
    path.write_bytes(b'[workspace]\nname = "\xff"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    [issue] = caught.value.issues
    assert (issue.line, issue.message) == (2, "not valid UTF-8 text")


def test_load_config_never_writes(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD)
    before = sorted(p.name for p in tmp_path.iterdir()), path.stat().st_mtime_ns
    load_config(path)
    with pytest.raises(ConfigError):
        load_config(write(tmp_path, HEAD + "x = 1\n"))
    assert sorted(p.name for p in tmp_path.iterdir()) == before[0]


def test_issue_formats() -> None:
    path = Path("serpshield.toml")
    assert str(ConfigIssue(path, 12, "a.b", "bad")) == "serpshield.toml:12: a.b: bad"
    assert str(ConfigIssue(path, None, "a.b", "bad")) == "serpshield.toml: a.b: bad"
    assert str(ConfigIssue(path, 3, "", "bad")) == "serpshield.toml:3: bad"
    error = ConfigError([ConfigIssue(path, 1, "", "x"), ConfigIssue(path, 2, "k", "y")])
    assert str(error) == "serpshield.toml:1: x\nserpshield.toml:2: k: y"


# --- helpers ----------------------------------------------------------------------------------


def test_ctr_weights_follow_kpis(tmp_path: Path) -> None:
    weights = load_config(write(tmp_path, HEAD)).ctr_weights()
    assert len(weights) == len(SISTRIX_2020) == 10
    assert math.isclose(sum(weights), 1.0, rel_tol=1e-12)
    assert weights[2] == 11.0 / 88.0  # position 3
    # KPIS.md reference case E: harm 1.0 at position 3, harm 0 at position 1 -> E = 0.125
    assert weights[0] * 0.0 + weights[2] * 1.0 == 0.125


def test_custom_ctr_weights_are_normalised(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, HEAD + '[ctr]\ncurve = "custom"\nweights = [3, 1, 0]\n'))
    assert cfg.ctr_weights() == (0.75, 0.25, 0.0)


def test_resolve_db_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    monkeypatch.chdir(tmp_path)
    env = {"SERPSHIELD_DB": "from-env.duckdb"}
    assert resolve_db_path(root, None, {}) == root / "data" / "serpshield.duckdb"
    assert resolve_db_path(root, None, {"SERPSHIELD_DB": ""}) == root / "data" / "serpshield.duckdb"
    assert resolve_db_path(root, None, env) == tmp_path / "from-env.duckdb"
    assert resolve_db_path(root, "cli.duckdb", env) == tmp_path / "cli.duckdb"
    assert resolve_db_path(root, Path("/abs/x.duckdb"), env) == Path("/abs/x.duckdb")


def test_missing_env_vars_names_only_enabled_sources(tmp_path: Path) -> None:
    text = HEAD + '[sources.dataforseo]\nlogin_env = "DFS_LOGIN"\npassword_env = "DFS_PASSWORD"\n'
    text += '[sources.brave]\nenabled = false\napi_key_env = "BRAVE_KEY"\n'
    cfg = load_config(write(tmp_path, text))
    env = {"DFS_LOGIN": "me@example.com", "BRAVE_KEY": ""}
    assert missing_env_vars(cfg, env) == [
        "sources.dataforseo.password_env: environment variable DFS_PASSWORD is not set"
    ]
    assert missing_env_vars(cfg, {"DFS_LOGIN": "a", "DFS_PASSWORD": "b"}) == []


# --- docs ---------------------------------------------------------------------------------------


def test_committed_docs_match_the_models() -> None:
    committed = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == render_config_docs(), (
        "docs/configuration.md is stale: python -m serpshield.config_docs > docs/configuration.md"
    )


def test_docs_mention_every_field_and_allowed_value() -> None:
    docs = render_config_docs()
    models: list[type[WorkspaceConfig] | type[object]] = [WorkspaceConfig]
    seen = set()
    while models:
        model = models.pop()
        for name, field in getattr(model, "model_fields", {}).items():
            annotation = field.annotation
            nested = [a for a in (annotation, *getattr(annotation, "__args__", ())) if a]
            sub = [a for a in nested if hasattr(a, "model_fields") and a not in seen]
            seen.update(sub)
            models.extend(sub)
            if not sub:
                assert f"| `{name}` |" in docs, name
                assert field.description and field.description in docs, name
    assert {ClientConfig, QueryConfig, SourceConfig} <= seen
    for value in (*SOURCE_NAMES, *DOMAIN_CATEGORIES):
        assert f"`{value}`" in docs or f'`"{value}"`' in docs, value
    assert "[[clients.<client>.queries]]" in docs
