"""What a published defensive asset did: its rank in its target query, and its effect.

Effect on exposure, by difference in differences (DiD). For an asset published on day P for
query q of client c, with query-day exposures (the last successful snapshot of each local day;
a day without one is a gap and simply absent):

    effect = [mean E(q, P+7..P+21) - mean E(q, P-14..P-1)]
           - [mean E(C, P+7..P+21) - mean E(C, P-14..P-1)]

where C is the client's untreated queries: those with no asset published in [P-14, P+21]
(so neither this asset nor another one moves them in either window). Control means pool all
control query-days. Subtracting the control's change removes what moved every query of the
client (an engine update, a news cycle), leaving the change that went with the asset. Days
P..P+6 are skipped: a new page takes about a week to be indexed and ranked.

A NEGATIVE effect is good news: exposure fell more (or rose less) on the treated query than on
the untreated ones. It is an association, not proof: the asset is not randomly assigned.

Uncertainty: a percentile bootstrap; each of the four cells (treated/control x before/after)
is resampled with replacement among its own query-days, ``n_boot`` times, vectorised with
numpy, and the 2.5th and 97.5th percentiles of the resampled effects bound the 95% interval.
The generator is seeded per (seed, asset id), so a result never depends on which other assets
were in the same call. Statuses: "pending" while the after-window is not over at ``as_of``
(no number yet), "insufficient_data" when any cell is empty (never a number from nothing),
else "ok".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

BEFORE_DAYS = (-14, -1)
AFTER_DAYS = (7, 21)
N_BOOT = 2000
#: Indices drawn per bootstrap chunk: bounds memory whatever the cell sizes.
_MAX_DRAWS = 2_000_000
EFFECT_COLUMNS = (
    "asset_id", "status", "effect", "ci_low", "ci_high", "treated_before_days",
    "treated_after_days", "control_queries", "control_before_days", "control_after_days",
)  # fmt: skip
RANK_COLUMNS = (
    "asset_id", "observed_days", "latest_on", "latest_position", "best_position",
    "first_top10_on", "days_in_top10",
)  # fmt: skip

Floats = npt.NDArray[np.float64]


def compute_asset_effects(
    assets: pd.DataFrame,
    query_days: pd.DataFrame,
    *,
    as_of: date,
    n_boot: int = N_BOOT,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """The DiD effect of each published asset on its query's exposure (``EFFECT_COLUMNS``).

    ``assets`` [asset_id, client_id, target_query_id, published_on]: every published asset
    with a target query (they also define which queries are treated when); ``query_days``
    [client_id, query_id, day, exposure]; ``as_of``: the local day of the estimate, whose own
    snapshots may still come, so the after-window is over only when as_of > P+21.
    """
    days = pd.to_datetime(query_days["day"])
    published = pd.to_datetime(assets["published_on"])
    rows = []
    for asset, pub in zip(_records(assets), published, strict=True):
        rows.append(_effect(asset, pub, assets, published, query_days, days, as_of,
                            n_boot, seed, level))  # fmt: skip
    return pd.DataFrame(rows, columns=list(EFFECT_COLUMNS))


def _effect(
    asset: dict[str, Any], pub: pd.Timestamp, assets: pd.DataFrame, published: pd.Series,
    query_days: pd.DataFrame, days: pd.Series, as_of: date, n_boot: int, seed: int,
    level: float,
) -> dict[str, Any]:  # fmt: skip
    client, query = asset["client_id"], asset["target_query_id"]
    offset = (days - pub).dt.days
    window = (published >= pub + pd.Timedelta(days=BEFORE_DAYS[0])) & (
        published <= pub + pd.Timedelta(days=AFTER_DAYS[1])
    )
    treated_now = assets.loc[window & (assets["client_id"] == client), "target_query_id"]
    mine = query_days["client_id"] == client
    treated = mine & (query_days["query_id"] == query)
    control = mine & ~query_days["query_id"].isin(treated_now)
    before, after = offset.between(*BEFORE_DAYS), offset.between(*AFTER_DAYS)
    cells = [_values(query_days, mask) for mask in (treated & after, treated & before,
                                                    control & after, control & before)]  # fmt: skip
    row: dict[str, Any] = {
        "asset_id": asset["asset_id"], "status": "ok", "effect": None, "ci_low": None,
        "ci_high": None, "treated_after_days": cells[0].size,
        "treated_before_days": cells[1].size, "control_after_days": cells[2].size,
        "control_before_days": cells[3].size,
        "control_queries": int(query_days.loc[control & (before | after), "query_id"].nunique()),
    }  # fmt: skip
    if as_of <= pub.date() + timedelta(days=AFTER_DAYS[1]):
        return {**row, "status": "pending"}
    if min(c.size for c in cells) == 0:
        return {**row, "status": "insufficient_data"}
    rng = np.random.default_rng([seed, int(asset["asset_id"])])
    boot = [_boot_means(c, rng, n_boot) for c in cells]
    spread = (boot[0] - boot[1]) - (boot[2] - boot[3])
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(spread, [tail, 100.0 - tail])
    effect = (cells[0].mean() - cells[1].mean()) - (cells[2].mean() - cells[3].mean())
    return {**row, "effect": float(effect), "ci_low": float(low), "ci_high": float(high)}


def _values(frame: pd.DataFrame, mask: pd.Series) -> Floats:
    values = frame.loc[mask, "exposure"].to_numpy(dtype=np.float64)
    return np.asarray(values[~np.isnan(values)], dtype=np.float64)


def _boot_means(values: Floats, rng: np.random.Generator, n_boot: int) -> Floats:
    """``n_boot`` means of resamples of ``values`` (with replacement), in bounded chunks."""
    means = np.empty(n_boot, dtype=np.float64)
    step = max(1, _MAX_DRAWS // values.size)
    for begin in range(0, n_boot, step):
        stop = min(n_boot, begin + step)
        picks = rng.integers(0, values.size, size=(stop - begin, values.size))
        means[begin:stop] = values[picks].mean(axis=1)
    return means


def compute_rank_summary(ranks: pd.DataFrame) -> pd.DataFrame:
    """Each asset's rank trajectory in a few numbers (``RANK_COLUMNS``).

    ``ranks`` [asset_id, day, position]: one row per day its target query was observed, with
    position NaN when the asset's URL was not among the results that day ("not ranked"); days
    without a snapshot are absent (gaps, never "not ranked"). ``latest_position`` is the last
    observed day's (NaN: not ranked then), ``best_position`` the best ever, ``first_top10_on``
    the first day in positions 1-10, ``days_in_top10`` how many observed days it was there.
    """
    if ranks.empty:
        return pd.DataFrame(columns=list(RANK_COLUMNS))
    frame = ranks.sort_values(["asset_id", "day"], kind="stable")
    position = frame["position"].astype(float)
    grouped = frame.groupby("asset_id")
    latest = frame.drop_duplicates("asset_id", keep="last").set_index("asset_id")
    top10 = frame[position <= 10].groupby("asset_id")["day"].min()
    summary = pd.DataFrame(
        {
            "observed_days": grouped.size(),
            "latest_on": latest["day"],
            "latest_position": latest["position"].astype(float),
            "best_position": position.groupby(frame["asset_id"]).min(),
            "first_top10_on": top10,
            "days_in_top10": (position <= 10).groupby(frame["asset_id"]).sum(),
        }
    )
    return summary.rename_axis("asset_id").reset_index()[list(RANK_COLUMNS)]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))
