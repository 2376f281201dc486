"""Rasa NLU component that finds skills, roles and learning constraints deterministically.

It is registered as a non-trainable entity extractor: the taxonomy it matches against is data in
``catalog/``, read when the model loads, so editing a synonym needs a restart, not a retrain.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from catalog.catalogue.providers import provider_aliases, seed_providers
from catalog.reading.constraints import parse_constraints
from catalog.reading.mentions import HELD_KINDS, LACKS, MentionFinder, finder_for

logger = logging.getLogger(__name__)


def _load_provider_names() -> dict[str, str]:
    """Providers from the catalogue database, or from the seed file when no database is set up yet."""
    try:
        from catalog.catalogue.store import CatalogStore

        store = CatalogStore()
        providers = store.providers()
        store.dispose()
        if providers:
            return provider_aliases(providers)
    except Exception as exc:  # pragma: no cover - a missing database must not stop the NLU
        logger.warning("catalogue database unavailable for provider names (%s); using the seed file", exc)
    from catalog.catalogue.records import ProviderRecord

    return provider_aliases(ProviderRecord(**p) for p in seed_providers())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class CareerEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Skills and O*NET tools that are no skill (``tool``, with their class), both with a ``lacks`` role when
    negated; job roles (``goal``/``current``) and constraints."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"taxonomy_dir": None, "constraints": True}

    def __init__(self, config: dict[str, Any], finder: MentionFinder, providers: dict[str, str]) -> None:
        self._config = config
        self._finder = finder
        self._providers = providers

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CareerEntityExtractor:
        providers = _load_provider_names() if config.get("constraints", True) else {}
        return cls(config, finder_for(config.get("taxonomy_dir")), providers)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            try:
                entities = self.extract(text)
            except Exception:  # a strange message must never break the NLU pipeline
                logger.exception("entity extraction failed; continuing without entities")
                entities = []
            if entities:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities),
                            add_to_output=True)
        return messages

    def extract(self, text: str) -> list[dict[str, Any]]:
        entities: list[dict[str, Any]] = []
        mentions = self._finder.find(text)
        for m in mentions:
            name = "job_role" if m.kind == "role" else f"{m.kind}_candidate" if m.candidate_industries else m.kind
            entity: dict[str, Any] = {
                "entity": name,
                "value": m.value,
                "start": m.start,
                "end": m.end,
                "confidence_entity": 0.9 if m.fuzzy else 1.0,
            }
            role = m.role if m.kind == "role" else (LACKS if m.role == LACKS else None)
            if role:
                entity["role"] = role
            info = {k: v for k, v in (("years", m.years), ("inferred_from", m.inferred_from),
                                      ("unresolved", m.unresolved or None), ("onet", m.onet),
                                      ("choices", list(m.choices) or None),
                                      ("industries", list(m.candidate_industries) or None),
                                      ("readings", m.readings), ("class", m.tool_class),
                                      ("onet_tool", m.onet_tool), ("counts_toward", m.counts_toward),
                                      ("unclaimed", True if m.kind in HELD_KINDS and not m.claimed else None),
                                      ("asked", m.asked or None))
                    if v is not None}
            if info:
                entity["additional_info"] = info
            entities.append(entity)
        if self._config.get("constraints", True):
            entities += self._constraint_entities(text, mentions)
        return entities

    def _constraint_entities(self, text: str, mentions: list) -> list[dict[str, Any]]:
        parsed = parse_constraints(text, self._providers)
        taken = [(m.start, m.end) for m in mentions]
        out: list[dict[str, Any]] = []

        def add(name: str, value: Any, span_key: str, role: str | None = None, info: dict | None = None) -> None:
            start, end = parsed.spans.get(span_key, (0, 0))
            if any(s < end and start < e for s, e in taken):
                return  # "Google Analytics" is a skill, "online tutor" a role: not constraints
            ent: dict[str, Any] = {"entity": name, "value": value, "start": start, "end": end}
            if role:
                ent["role"] = role
            if info:
                ent["additional_info"] = info
            out.append(ent)

        if parsed.budget is not None:
            add("budget", parsed.budget, "budget", info={"currency": parsed.currency or "USD"})
        if parsed.hours_per_week is not None:
            add("hours_per_week", parsed.hours_per_week, "hours_per_week")
        if parsed.deadline_weeks is not None:
            add("deadline_weeks", parsed.deadline_weeks, "deadline_weeks")
        if parsed.free_only:
            add("free_only", True, "free_only")
        if parsed.optimise:
            add("optimise", parsed.optimise, "optimise")
        if parsed.delivery:
            add("delivery", parsed.delivery, "delivery")
        for pid in parsed.prefer_providers + parsed.avoid_providers:
            role = "avoid" if pid in parsed.avoid_providers else "prefer"
            add("provider", pid, f"provider:{pid}", role=role)
        return out
