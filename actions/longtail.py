"""Questions beside the pathway: browsing the catalogue, comparing credentials or providers. Thin adapters over
``catalog``."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.catalog_service import catalog_service
from actions.entities import entities_of, latest_entities
from catalog.advice import wording
from catalog.advice.browsing import budget_in_usd, read_query, search_catalogue
from catalog.advice.credential_comparison import compare_credentials
from catalog.advice.provider_comparison import compare_providers
from catalog.reading.references import compared_credentials


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
    """Two credentials the message names side by side ("Security+ or CySA+?"), else the providers it names,
    from the catalogue's records and with what each offers for the learner's goal. The profile is left as
    it was: naming a credential in a question does not mean holding it."""

    def name(self) -> str:
        return "action_compare_providers"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if reply_with_credential_comparison(dispatcher, tracker):
            return []
        service = catalog_service()
        goal = tracker.get_slot("career_goal")
        role = service.taxonomy.roles.get(goal) if goal else None
        ids = [e["value"] for e in entities_of(tracker, "provider")]
        facts = compare_providers(service.index, ids, role.skills if role else (), goal)
        dispatcher.utter_message(text=wording.provider_comparison_text(facts, goal))
        return []


def reply_with_credential_comparison(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """When the latest message sets two or more of the catalogue's credentials against each other, reply
    with them side by side for the learner's goal and return True; otherwise say nothing and return False.
    Whatever intent the message got (a comparison, "I have...", or none), a question naming two credentials
    is answered the same way."""
    service = catalog_service()
    named = compared_credentials(tracker.latest_message.get("text") or "", service.index)
    if len(named) < 2:
        return False
    goal = tracker.get_slot("career_goal")
    role = service.taxonomy.roles.get(goal) if goal else None
    comparison = compare_credentials(service.index, [c.id for c in named], goal if role else None,
                                     role.skills if role else None, tracker.get_slot("current_skills") or [])
    dispatcher.utter_message(text=wording.credential_comparison_text(comparison))
    return True
