"""Trained harm models as files: ``<version>.pkl`` (the pickled model) beside ``<version>.json``
(its metrics, training-data hash, creation time, scikit-learn version and the SHA-256 of the
model file).

A pickle runs code when it is loaded, so ``load_model`` only opens a model that (1) resolves to
a file inside the workspace's own artifacts folder (symbolic links and ``..`` resolved before
comparing) and (2) hashes to the SHA-256 recorded in its sidecar JSON. The file is read once
and the verified bytes are the ones unpickled, so it cannot change between check and load.
The hash guards against a corrupted, truncated or swapped file; it is no defence against
someone who can write both files in the artifacts folder, which is why that folder must stay
the workspace's own.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import sklearn

from models.harm import HarmModel

MODEL_SUFFIX = ".pkl"
SIDECAR_SUFFIX = ".json"
FORMAT = "serpshield-harm-model/1"


class ArtifactError(ValueError):
    """A model file that must not be loaded: outside the artifacts folder, without a sidecar,
    or not matching the hash the sidecar records."""


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_model(model: HarmModel, directory: Path, metrics: Mapping[str, object]) -> Path:
    """Write ``<version>.pkl`` then ``<version>.json`` into ``directory`` (created if needed);
    returns the model file's path. ``metrics`` must be JSON-serialisable."""
    version = getattr(model, "version_", None)
    if not version:
        raise ValueError("only a fitted model can be saved")
    directory.mkdir(parents=True, exist_ok=True)
    body = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    path = directory / f"{version}{MODEL_SUFFIX}"
    sidecar = {
        "format": FORMAT,
        "version": version,
        "model_file": path.name,
        "model_sha256": hashlib.sha256(body).hexdigest(),
        "training_sha256": model.training_sha256_,
        "training_rows": model.n_training_rows_,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "params": model.get_params(),
        "metrics": dict(metrics),
    }
    text = json.dumps(sidecar, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    _write_atomically(path, body)
    _write_atomically(path.with_suffix(SIDECAR_SUFFIX), (text + "\n").encode("utf-8"))
    return path


def read_sidecar(path: Path) -> dict[str, object]:
    """The JSON written beside a model file (``path`` may name either file)."""
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtifactError(f"{sidecar.name}: no sidecar JSON beside the model") from None
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{sidecar.name}: unreadable sidecar ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArtifactError(f"{sidecar.name}: not a serpshield harm model sidecar")
    return data


def load_model(path: Path, *, workspace_artifacts: Path) -> HarmModel:
    """The model saved at ``path`` (the ``.pkl`` or its ``.json``), after checking that it lies
    inside ``workspace_artifacts`` and matches the SHA-256 its sidecar records;
    ``ArtifactError`` otherwise (nothing is unpickled then)."""
    root = Path(workspace_artifacts).resolve()
    if Path(path).suffix not in (MODEL_SUFFIX, SIDECAR_SUFFIX):
        raise ArtifactError(f"{path}: expected a {MODEL_SUFFIX} model or its {SIDECAR_SUFFIX}")
    model_path = Path(path).with_suffix(MODEL_SUFFIX).resolve()
    sidecar_path = model_path.with_suffix(SIDECAR_SUFFIX)
    for candidate in (model_path, sidecar_path):
        if not candidate.is_relative_to(root):
            raise ArtifactError(f"{path}: refusing a model outside the workspace's artifacts")
    sidecar = read_sidecar(model_path)
    if sidecar.get("model_file") != model_path.name:
        raise ArtifactError(f"{model_path.name}: the sidecar describes another file")
    try:
        body = model_path.read_bytes()
    except OSError as exc:
        raise ArtifactError(f"{model_path.name}: unreadable ({exc})") from None
    expected = str(sidecar.get("model_sha256", ""))
    if not hmac.compare_digest(hashlib.sha256(body).hexdigest(), expected):
        raise ArtifactError(f"{model_path.name}: SHA-256 differs from the sidecar's; not loaded")
    model = pickle.loads(body)  # noqa: S301 - verified above: our folder, our recorded hash
    if not isinstance(model, HarmModel) or model.version_ != sidecar.get("version"):
        raise ArtifactError(f"{model_path.name}: not the harm model its sidecar describes")
    return model
