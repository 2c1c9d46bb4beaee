"""Kept for old imports: the scoring lives in `treatywatch.evaluation` now."""

from treatywatch.evaluation import (  # noqa: F401
    ArticleScore,
    Evaluation,
    EventKey,
    FindingKey,
    Tally,
    evaluate,
    load_gold,
    pair_up,
    predictions_from_folder,
    run,
    score_article,
)
