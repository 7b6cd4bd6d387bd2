"""Text accuracy on the generated corpus: both flattened styles, every encoding."""

from __future__ import annotations

import sys

import pytest
from helpers import CORPUS

sys.path.insert(0, str(CORPUS))
from score import Score, iter_corpus, score_document


@pytest.fixture(scope="module")
def text_scores() -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for entry, path, truth in iter_corpus(CORPUS, "txt"):
        s = score_document(path, truth)
        for group in ("all", f"style:{entry.get('style')}", f"encoding:{entry.get('encoding')}"):
            scores.setdefault(group, Score()).add(s)
    return scores


def test_text_corpus_covers_both_styles_and_every_encoding(text_scores: dict[str, Score]) -> None:
    assert text_scores["all"].docs >= 200
    for style in ("seed", "tabs"):
        assert text_scores[f"style:{style}"].docs >= 60
    for enc in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le"):
        assert text_scores[f"encoding:{enc}"].docs >= 20


def test_text_f1_is_at_least_0_995_in_every_group(text_scores: dict[str, Score]) -> None:
    for group, s in text_scores.items():
        assert s.errors == 0, group
        assert s.f1 >= 0.995, f"{group}: F1 {s.f1:.4f}"
