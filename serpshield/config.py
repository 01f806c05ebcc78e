"""The workspace config: `serpshield.toml`, validated into typed, documented settings.

Settings are data: every key is a pydantic field whose description is its documentation
(`config_docs.py` renders docs/configuration.md from the models), so validation and docs cannot
drift. Credentials never live in the file, only the NAMES of environment variables holding them;
and no error message repeats a value the user typed (see `config_errors.py`), so a key pasted in
the wrong place never reaches a terminal log. Every model forbids unknown keys (a typo must not
fall back to a default silently), is strict (TOML values keep their type: "10" is not 10, and
nan or inf is no number) and frozen (a loaded config is read-only).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from models.kpis_serp import DEFAULT_CTR_CURVE
from serpshield import config_checks, config_errors
from serpshield.config_alerts import AlertSettings, LaunchConfig
from serpshield.config_errors import ConfigError as ConfigError  # re-exported: public API
from serpshield.config_errors import ConfigIssue as ConfigIssue
from serpshield.config_monitor import MonitorSettings, PrivacySettings

CONFIG_FILENAME = "serpshield.toml"
DEFAULT_DB = Path("data") / "serpshield.duckdb"  # relative to the workspace folder
DomainCategory = Literal[
    "owned", "partner", "news", "social", "review", "forum", "leak_forum", "file_host", "adult",
    "unknown",
]  # fmt: skip
DOMAIN_CATEGORIES: tuple[DomainCategory, ...] = get_args(DomainCategory)
SourceName = Literal[
    "serpapi", "searchapi", "valueserp", "serper", "dataforseo", "brave", "google-cse", "searxng"
]
SOURCE_NAMES: tuple[SourceName, ...] = get_args(SourceName)
#: Which source-specific keys each source needs; the other source-specific keys must stay unset.
SOURCE_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("serpapi", "searchapi", "valueserp", "serper", "brave"), ("api_key_env",)),
    "dataforseo": ("login_env", "password_env"),
    "google-cse": ("api_key_env", "engine_id"),
    "searxng": ("base_url",),
}
_SOURCE_SPECIFIC = ("api_key_env", "login_env", "password_env", "engine_id", "base_url")
#: Sistrix 2020 organic CTR in percent for positions 1 to 10, the default curve (KPIS.md s. 1).
SISTRIX_2020 = DEFAULT_CTR_CURVE

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Domain = Annotated[str, AfterValidator(config_checks.check_domain)]
EnvName = Annotated[str, StringConstraints(pattern=config_errors.ENV_PATTERN)]
Slug = Annotated[str, StringConstraints(pattern=config_errors.SLUG_PATTERN)]
Language = Literal["en", "fr"]


class WorkspaceSection(BaseModel):
    """Who the workspace is for; its time zone decides where a reporting day starts."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    name: Text = Field(description="Name of the agency or team, shown in the dashboard.")
    timezone: Annotated[str, AfterValidator(config_checks.check_timezone)] = Field(
        default="UTC",
        description="IANA time zone that cuts days and weeks in reports (storage is UTC).",
    )
    language: Language = Field(default="en", description="Language of the dashboard and the CLI.")


class Thresholds(BaseModel):
    """Cut-offs that turn calibrated harm scores into decisions: harmful, candidate, alert."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    harm: float = Field(
        default=0.5, ge=0, le=1, description="theta: a snapshot is harmful when a top-10 "
        "result has a harm score at or above it (KPIS.md section 6).",
    )  # fmt: skip
    candidate: float = Field(
        default=0.7, ge=0, le=1, description="Harm score at or above which a result is "
        "proposed as a leak candidate for review.",
    )  # fmt: skip
    alert_top_n: int = Field(
        default=10, ge=1, le=100, description="A harmful result entering the top N raises an alert."
    )
    removal_confirm_minutes: int = Field(
        default=60, gt=0, description="Minimum minutes between the two failing checks that "
        "confirm a removal (a single failure can be a transient error).",
    )  # fmt: skip


class Sla(BaseModel):
    """Takedown deadlines per legal route, against which SLA compliance is measured."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    privacy_ncii: float = Field(
        default=48.0, gt=0, description="Hours allowed for privacy and non-consensual intimate "
        "imagery (NCII) notices; the US TAKE IT DOWN Act sets 48 h.",
    )  # fmt: skip
    copyright: float = Field(default=72.0, gt=0, description="Hours allowed for copyright notices.")
    other: float = Field(default=72.0, gt=0, description="Hours allowed for any other notice.")


class CtrSettings(BaseModel):
    """How much each position weighs in exposure: position 1 is seen far more than 9."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    curve: Literal["sistrix_2020", "custom"] = Field(
        default="sistrix_2020", description="Click-through curve that weighs positions in exposure."
    )
    weights: list[Annotated[float, Field(ge=0)]] | None = Field(
        default=None, min_length=1, max_length=100, validate_default=True,
        description='CTR per position, position 1 first, only (and required) with curve = '
        '"custom". Normalised to sum to 1; positions past the list weigh 0.',
    )  # fmt: skip

    @field_validator("weights")
    @classmethod
    def _weights_match_curve(cls, value: list[float] | None, info: ValidationInfo) -> Any:
        curve = info.data.get("curve")  # absent when the curve itself was invalid
        if curve == "custom" and value is None:
            raise config_checks.fail('required when curve = "custom"')
        if curve == "sistrix_2020" and value is not None:
            raise config_checks.fail('only allowed with curve = "custom"')
        if value is not None and sum(value) <= 0:
            raise config_checks.fail("expected at least one weight > 0")
        return value


class SourceConfig(BaseModel):
    """One search-results provider; its rate and budget keep collection polite and paid for."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    enabled: bool = Field(default=True, description="Whether collection uses this source.")
    api_key_env: EnvName | None = Field(
        default=None,
        description="NAME of the environment variable holding the API key, not the key.",
    )
    login_env: EnvName | None = Field(default=None, description="dataforseo: login variable NAME.")
    password_env: EnvName | None = Field(
        default=None,
        description="dataforseo: NAME of the environment variable holding the password.",
    )
    engine_id: Text | None = Field(default=None, description='google-cse: search engine id ("cx").')
    base_url: Annotated[str, AfterValidator(config_checks.check_http_url)] | None = Field(
        default=None, description="searxng: http(s) URL of your instance, without credentials."
    )
    rate_per_second: float = Field(default=1.0, gt=0, description="Maximum requests per second.")
    concurrency: int = Field(default=2, ge=1, le=32, description="Maximum requests in flight.")
    monthly_budget: float | None = Field(
        default=None, ge=0, description="Cost units allowed per calendar month; unset = unlimited."
    )
    timeout_seconds: float = Field(default=20.0, gt=0, le=120, description="Timeout per request.")


class QueryConfig(BaseModel):
    """One tracked search: text, engine, country, language and device all change results."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    text: Text = Field(description="What is typed in the search box (outer spaces removed).")
    engine: Literal["google", "bing", "duckduckgo", "brave"] = Field(
        default="google", description="Search engine whose results are tracked."
    )
    gl: str = Field(
        default="",
        pattern=config_errors.GL_PATTERN,
        description='Country code such as "fr"; "" = none.',
    )
    hl: str = Field(
        default="",
        pattern=config_errors.HL_PATTERN,
        description='Language code such as "fr" or "pt-br".',
    )
    location: str | None = Field(default=None, description='Search location, e.g. "Paris, France".')
    device: Literal["desktop", "mobile"] = Field(default="desktop", description="Device emulated.")
    search_volume: int | None = Field(default=None, ge=0, description="Monthly searches, if known.")
    tags: list[Text] = Field(default_factory=list, description="Free labels to group queries.")


class ClientConfig(BaseModel):
    """A person or brand you protect; its domains tell owned results from harmful ones."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    name: Text = Field(description="Client name shown in the dashboard and reports.")
    language: Language = Field(default="en", description="Language of the client's reports.")
    owned_domains: list[Domain] = Field(
        default_factory=list, description='Domains the client controls (category "owned").'
    )
    leak_domains: list[Domain] = Field(
        default_factory=list, description='Known leak sites (category "leak_forum").'
    )
    domains: dict[Domain, DomainCategory] = Field(
        default_factory=dict, description="Other categorised domains, as domain = category."
    )
    capacity_per_week: int = Field(
        default=1, ge=0, le=50, description="Defensive assets the client can publish per week."
    )
    queries: list[QueryConfig] = Field(default_factory=list, description="Tracked searches.")
    launches: list[LaunchConfig] = Field(
        default_factory=list, description="Declared launches the planner works around."
    )

    @model_validator(mode="wrap")
    @classmethod
    def _cross_checks(cls, data: Any, handler: ModelWrapValidatorHandler[ClientConfig]) -> Any:
        raw = data if isinstance(data, dict) else {}  # raw: checked even when fields are invalid
        errors = config_checks.domain_conflicts(raw)
        errors += config_checks.duplicate_queries(raw, QueryConfig)
        return config_checks.merge_errors(data, handler, errors)


class WorkspaceConfig(BaseModel):
    """The whole `serpshield.toml`; build it with `load_config` to get located errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    workspace: WorkspaceSection = Field(
        description="Who the workspace belongs to, and how days and texts are shown."
    )
    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="When a result counts as harmful or alerts."
    )
    sla: Sla = Field(
        default_factory=Sla, description="Takedown SLA window per legal route (KPIS.md s. 3)."
    )
    ctr: CtrSettings = Field(
        default_factory=CtrSettings, description="How positions weigh in exposure (KPIS.md s. 1)."
    )
    sources: dict[SourceName, SourceConfig] = Field(
        default_factory=dict, description="Where search results come from, one table per source."
    )
    clients: dict[Slug, ClientConfig] = Field(
        default_factory=dict, description="The people or brands you protect, one table each."
    )
    monitor: MonitorSettings = Field(
        default_factory=MonitorSettings, description="How leak URLs are checked."
    )
    privacy: PrivacySettings = Field(
        default_factory=PrivacySettings, description="How long monitoring history is kept."
    )
    alerts: AlertSettings = Field(
        default_factory=AlertSettings, description="When alerts fire and where they are sent."
    )

    @model_validator(mode="wrap")
    @classmethod
    def _cross_checks(cls, data: Any, handler: ModelWrapValidatorHandler[WorkspaceConfig]) -> Any:
        sources = data.get("sources") if isinstance(data, dict) else None
        errors = config_checks.source_key_errors(sources, SOURCE_REQUIREMENTS, _SOURCE_SPECIFIC)
        return config_checks.merge_errors(data, handler, errors)

    def ctr_weights(self) -> tuple[float, ...]:
        """w_p = CTR_p / sum(CTR) (KPIS.md section 1); index 0 is position 1."""
        raw = SISTRIX_2020 if self.ctr.weights is None else tuple(self.ctr.weights)
        total = math.fsum(raw)  # exactly 88.0 for Sistrix, so position 3 weighs exactly 11/88
        return tuple(w / total for w in raw)


def load_config(path: Path) -> WorkspaceConfig:
    """Read and validate a workspace config. Pure: it never writes anything.

    Every problem (missing or unreadable file, bad UTF-8, TOML syntax, all validation issues at
    once, sorted by line) becomes a ConfigError, so the CLI prints it instead of a traceback.
    """
    text = config_errors.read_config_text(path)
    document = config_errors.parse_toml(path, text)
    try:
        return WorkspaceConfig.model_validate(document)
    except ValidationError as exc:  # `from None`: pydantic's own text would show the inputs
        raise ConfigError(
            config_errors.validation_issues(path, text, exc, WorkspaceConfig)
        ) from None


def resolve_db_path(root: Path, db: str | Path | None, env: Mapping[str, str]) -> Path:
    """Warehouse path: explicit `db` (--db), then $SERPSHIELD_DB, then <root>/data/.

    A relative `db` or $SERPSHIELD_DB is taken from the current directory, as a user typing a
    path expects, not from the workspace root.
    """
    chosen = db if db not in (None, "") else env.get("SERPSHIELD_DB")
    if not chosen:
        return root / DEFAULT_DB
    return Path(chosen).expanduser().absolute()


def missing_env_vars(cfg: WorkspaceConfig, env: Mapping[str, str]) -> list[str]:
    """Warnings for enabled sources whose credential variables are unset (names, never values)."""
    warnings = []
    for name, source in cfg.sources.items():
        for key in ("api_key_env", "login_env", "password_env"):
            variable = getattr(source, key)
            if source.enabled and variable and not env.get(variable):
                warnings.append(f"sources.{name}.{key}: environment variable {variable} is not set")
    return warnings
