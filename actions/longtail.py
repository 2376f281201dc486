"""Questions beside the pathway: browsing the catalogue, comparing providers. Thin adapters over ``catalog``."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalog_service import catalog_service
from actions.entities import entities_of, latest_entities
from catalog.advice import wording
from catalog.advice.browsing import budget_in_usd, read_query, search_catalogue
from catalog.advice.provider_comparison import compare_providers


class ActionBrowseCatalogue(Action):
    """Lists credentials matching what the message asks for; the profile's slots are left as they were."""

    def name(self) -> str:
        return "action_browse_catalogue"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        service = catalog_service()
        text = tracker.latest_message.get("text") or ""
        skills = [e["value"] for e in entities_of(tracker, "skill") if e["value"] in service.taxonomy.skills]
        roles = [e["value"] for e in entities_of(tracker, "job_role") if e["value"] in service.taxonomy.roles]
        budget = entities_of(tracker, "budget")
        amount = float(budget[0]["value"]) if budget else None
        currency = ((budget[0].get("additional_info") or {}).get("currency") or "USD") if budget else None
        max_usd = budget_in_usd(amount, currency)
        note = ""
        if amount is not None and max_usd is None:
            note = f" I have no exchange rate for {currency}, so I searched without the price limit."
        free_only = any(e.get("entity") == "free_only" for e in latest_entities(tracker)) \
            or (amount == 0)
        providers = [e["value"] for e in entities_of(tracker, "provider") if e.get("role") != "avoid"]
        query = read_query(text, skills, roles, max_usd, free_only, providers)
        hits, matched = search_catalogue(service.index, service.taxonomy, query)
        dispatcher.utter_message(text=wording.browse_text(query, hits, matched, note))
        return []


class ActionCompareProviders(Action):
    """Providers side by side from the catalogue's records, with their credentials for the learner's goal."""

    def name(self) -> str:
        return "action_compare_providers"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        service = catalog_service()
        ids = [e["value"] for e in entities_of(tracker, "provider")]
        goal = tracker.get_slot("career_goal")
        role = service.taxonomy.roles.get(goal) if goal else None
        facts = compare_providers(service.index, ids, role.skills if role else (), goal)
        dispatcher.utter_message(text=wording.provider_comparison_text(facts, goal))
        return []
