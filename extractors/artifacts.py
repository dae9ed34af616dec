"""Where the shipped model artifact lives, and its fingerprint.

Kept apart from the classifier component so that code which only needs to
know *which* model a run uses (the result cache's key, in the flow process)
does not import spaCy to find out.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

DEFAULT_MODEL_PATH = str(Path(__file__).resolve().parent.parent / "models" / "clause_classifier.joblib")


def model_fingerprint(path: str = DEFAULT_MODEL_PATH) -> str:
    """First 16 hex digits of the artifact's SHA-256, or "absent": for cache keys, so a retrained
    model is not served stale cached results."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "absent"
