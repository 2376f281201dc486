"""How the intent model's settings were chosen: repeated cross-validation on ``data/`` only.

``make bench-intent-cv``: for each variant of ``NgramIntentClassifier`` (masking skills and roles or not,
learning faq/chitchat sub-intents apart or not, and the regularisation C), 5-fold cross-validation on the
training data, repeated with three shuffles, scored as ``rasa test`` scores intents (macro-F1 over the intents,
a prediction under the fallback threshold counts as ``nlu_fallback``, i.e. wrong). No test set is read: choosing
on a test set would make its score a development score. Then, for the configured model, how often a prediction
is right in each confidence band: where it is wrong more often than right is where the FallbackClassifier
threshold belongs.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from joblib import Parallel, delayed
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from benchmarks.report import write_section
from bot.nlu.ngram_intent_classifier import (
    NgramIntentClassifier,
    build_pipeline,
    intent_ranking,
    model_input,
    training_label,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (1, 2, 3)
BANDS = ((0.0, 0.2), (0.2, 0.25), (0.25, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 1.01))


def configured() -> tuple[dict[str, Any], float]:
    """The classifier's settings and the fallback threshold, as config.yml has them."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    mine = next(c for c in pipeline if c["name"].endswith("NgramIntentClassifier"))
    fallback = next(c for c in pipeline if c["name"] == "FallbackClassifier")
    config = {**NgramIntentClassifier.get_default_config(), **{k: v for k, v in mine.items() if k != "name"}}
    return config, float(fallback["threshold"])


def training_examples() -> tuple[list[str], list[str], list[str]]:
    """Texts, intents and sub-intent labels of every NLU example in ``data/``."""
    from rasa.shared.nlu.training_data.loading import load_data

    texts, intents, fine = [], [], []
    for path in sorted((ROOT / "data").glob("*.yml")):
        if "nlu" not in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}):
            continue
        for example in load_data(str(path)).intent_examples:
            if example.get("text") and example.get("intent"):
                texts.append(example.get("text"))
                intents.append(example.get("intent"))
                fine.append(training_label(example, True))
    return texts, intents, fine


def _fold(config: dict[str, Any], texts: list[str], labels: list[str], train: np.ndarray,
          test: np.ndarray) -> list[tuple[str, float]]:
    pipeline = build_pipeline(config)
    pipeline.fit([texts[i] for i in train], [labels[i] for i in train])
    rows = pipeline.predict_proba([texts[i] for i in test])
    return [(r[0]["name"], r[0]["confidence"]) for r in (intent_ranking(pipeline.classes_, row) for row in rows)]


def cross_validate(config: dict[str, Any], data: tuple[list[str], list[str], list[str]],
                   seed: int) -> list[tuple[str, float]]:
    """Top intent and its confidence for every training example, predicted by a model that never saw it."""
    texts, intents, fine = data
    inputs = model_input(texts, config)
    labels = fine if config["sub_intents"] else intents
    folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, intents))
    results = Parallel(n_jobs=2)(delayed(_fold)(config, inputs, labels, a, b) for a, b in folds)
    predicted: list[tuple[str, float]] = [("", 0.0)] * len(texts)
    for (_, test), result in zip(folds, results, strict=True):
        for i, guess in zip(test, result, strict=True):
            predicted[i] = guess
    return predicted


def macro_f1(intents: list[str], predicted: list[tuple[str, float]], threshold: float) -> float:
    guesses = [name if confidence >= threshold else "nlu_fallback" for name, confidence in predicted]
    return float(f1_score(intents, guesses, average="macro", labels=sorted(set(intents))))


def main() -> None:
    config, threshold = configured()
    data = training_examples()
    variants = {
        "before: words as written, intents only, C=10": {**config, "C": 10.0, "mask_mentions": False,
                                                          "sub_intents": False},
        f"words as written, intents only, C={config['C']:g}": {**config, "mask_mentions": False,
                                                              "sub_intents": False},
        f"sub-intents learnt apart, C={config['C']:g}": {**config, "mask_mentions": False},
        f"skills and roles masked, C={config['C']:g}": {**config, "sub_intents": False},
        **{f"both, C={c:g}" + (" (configured)" if c == config["C"] else ""): {**config, "C": c}
           for c in sorted({20.0, config["C"], 2 * config["C"]})},
    }
    rows, chosen = [], None
    for name, variant in variants.items():
        per_seed = []
        for seed in SEEDS:
            predicted = cross_validate(variant, data, seed)
            per_seed.append(macro_f1(data[1], predicted, threshold))
            if variant == config and seed == SEEDS[0]:
                chosen = predicted
        rows.append(f"| {name} | {statistics.mean(per_seed):.4f} | {' / '.join(f'{s:.4f}' for s in per_seed)} |")
        print(rows[-1], flush=True)
    bands = []
    if chosen is not None:
        for low, high in BANDS:
            inside = [(name == gold) for (name, c), gold in zip(chosen, data[1], strict=True) if low <= c < high]
            bands.append(f"| {low:.2f}-{min(high, 1.0):.2f} | {len(inside)} | {sum(inside)} | {len(inside) - sum(inside)} |")
    body = "\n".join([
        "Command: `make bench-intent-cv` (benchmarks/intent_cv.py). "
        f"{len(data[0])} training examples of data/, 5-fold cross-validation repeated with shuffles {SEEDS}; "
        f"intent macro-F1 as `rasa test` counts it (under the fallback threshold {threshold} = wrong). "
        "No test set is used. Cross-validation on data/ is harsher than the test sets, because data/ holds "
        "deliberately confusable look-alike examples; compare rows, not with the test-set table.",
        "",
        "| variant | mean macro-F1 | per shuffle |",
        "|---|---|---|",
        *rows,
        "",
        f"Where the configured model is right, by confidence of its top intent (shuffle {SEEDS[0]}); the "
        "FallbackClassifier threshold sits where wrong stops outnumbering right:",
        "",
        "| confidence | examples | right | wrong |",
        "|---|---|---|---|",
        *bands,
    ])
    write_section(ROOT / "BENCHMARKS.md", "intent-cv", "Choosing the intent model (cross-validation on data/)", body)
    print(body)


if __name__ == "__main__":
    main()
