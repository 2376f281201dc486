"""Global slot extraction: turns the entities of each message into the learner's profile slots.

Rasa runs ``action_validate_slot_mappings`` after every user message for slots with ``custom``
mappings; doing it here (instead of ``from_entity`` mappings) lets skills add up across turns and
lets "actually I don't know SQL" remove one.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions import goal_choice
from actions.catalog_service import catalog_service
from actions.constraint_slots import SIMPLE_CONSTRAINTS, SimpleConstraint
from actions.entities import entities_of, skills_said_lacking
from catalog.advice import wording
from catalog.catalogue.onet import default_onet
from catalog.catalogue.taxonomy import default_taxonomy
from catalog.reading.held_credentials import held_credentials
from catalog.reading.industry_context import industry_context_for
from catalog.reading.profile import MAX_PROFILE_SKILLS, apply_entities, apply_tool_entities
from catalog.reading.qualifications import read_qualifications
from catalog.reading.references import asks_without_claiming, compared_credentials, comparison_sides

# A question about the catalogue ("show me cybersecurity certs under $400", "coursera or edx?") says nothing
# about the learner: its skills, jobs, prices and providers are the search's, not the profile's.
ABOUT_THE_CATALOGUE = {"browse_catalogue", "compare_providers"}
# Intents whose provider mentions are about a credential held, not a preference.
NO_PREFERENCE_INTENTS = {"already_have", "ask_recognition", "ask_accreditation", "ask_verification", "ask_next",
                         "ask_why", "ask_step_details"} | ABOUT_THE_CATALOGUE
# Questions about a credential: a skill named in them ("does step 2 cover SQL?") is not one the learner has.
NOT_THE_LEARNERS_SKILLS = {"ask_recognition", "ask_accreditation", "ask_verification", "ask_next",
                           "ask_step_details"} | ABOUT_THE_CATALOGUE


def goal_role_code(goal: str) -> str | None:
    role = default_taxonomy().roles.get(goal)
    return role.onet or None if role else None


def learner_industries(tracker: Tracker) -> set[str]:
    """Industries of the learner's goal and jobs, this message's included."""
    taxonomy = default_taxonomy()
    context = industry_context_for(taxonomy)
    roles = [tracker.get_slot("career_goal"), *(tracker.get_slot("background_roles") or [])]
    roles += [e["value"] for e in entities_of(tracker, "job_role")]
    named = [r for r in roles if isinstance(r, str)]
    found = context.of_roles(taxonomy, named)
    for role in named:
        if role not in taxonomy.roles:  # a title kept as written ("Medical Billing Coordinator")
            found |= context.of_words(role)
    code = tracker.get_slot("career_goal_onet")
    found |= {i for i in [context.of_code(code)] if i}
    return found


def learner_industries_with_skills(tracker: Tracker) -> set[str]:
    """The learner's industries, and those that most of their skills (held, and named in this message) say
    they work in: a medical coder who named no job is still in healthcare."""
    skills = [*(tracker.get_slot("current_skills") or []), *(e["value"] for e in entities_of(tracker, "skill"))]
    usual = industry_context_for(default_taxonomy()).usual_of_skills(s for s in skills if isinstance(s, str))
    return learner_industries(tracker) | usual


def profile_skill_entities(tracker: Tracker) -> list[dict[str, Any]]:
    """The latest message's skills as the profile takes them: read by the learner's industry, without those
    named in a question that says nothing of the learner ("what is more used in FP&A teams, Power BI or
    Tableau?"), and without those said lacking before that this message names without claiming them
    (``skills_said_lacking``)."""
    lacking = skills_said_lacking(tracker)
    skills = [e for e in entities_of(tracker, "skill") + entities_of(tracker, "skill_candidate")
              if not (e.get("additional_info") or {}).get("asked")
              and not (e["value"] in lacking and e.get("role") != "lacks"
                       and (e.get("additional_info") or {}).get("unclaimed"))]
    return read_by_learners_industry(tracker, skills)


def read_by_learners_industry(tracker: Tracker, skills: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Skills whose reading the message could not settle ("epic", "coding" with no job named), settled by the
    learner's goal and jobs: a candidate is kept only in its industries, a listed word takes that industry's
    skill; with no industry known, a candidate is dropped and a listed word keeps the taxonomy's reading."""
    industries = learner_industries(tracker)
    out = []
    for ent in sorted(skills, key=lambda e: e.get("start") or 0):  # as said, candidates among the rest
        info = ent.get("additional_info") or {}
        if str(ent.get("entity")).endswith("_candidate"):  # skill_candidate, tool_candidate
            if industries & set(info.get("industries") or []):
                out.append({**ent, "entity": str(ent["entity"]).removesuffix("_candidate")})
            continue
        readings = info.get("readings") or {}
        chosen = next((readings[i] for i in sorted(industries) if i in readings), ent["value"])
        if chosen:
            out.append({**ent, "value": chosen})
    return out


def held_tools(tracker: Tracker) -> list[dict[str, Any]]:
    """This message's tool entities, candidates settled by the learner's industry as skills' are; none named in a
    question that says nothing of the learner."""
    tools = entities_of(tracker, "tool") + entities_of(tracker, "tool_candidate")
    return read_by_learners_industry(tracker, [e for e in tools if not (e.get("additional_info") or {}).get("asked")])


def counted_tool_skills(tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A held tool whose class counts toward a skill (tool_class_skills.tsv, counts=yes) gives that skill:
    "I draft in MicroStation" is CAD. Lacking the tool says nothing about the skill, so only held ones."""
    out = []
    for ent in tools:
        skill = (ent.get("additional_info") or {}).get("counts_toward")
        if skill and ent.get("role") != "lacks":
            out.append({"entity": "skill", "value": skill, "start": ent.get("start"), "end": ent.get("end")})
    return out


def _intent(tracker: Tracker) -> str:
    """The message's intent, as slot extraction should treat it: a question setting two credentials or two
    providers against each other ("google data analytics or ibm data analyst?") is about the catalogue,
    whatever the intent model made of it; its goal, skills and providers are the comparison's, not the
    learner's."""
    name = (tracker.latest_message.get("intent") or {}).get("name") or ""
    if name in ABOUT_THE_CATALOGUE or not _compares(tracker):
        return name
    return "compare_providers"


def _compares(tracker: Tracker) -> bool:
    text = tracker.latest_message.get("text") or ""
    if not asks_without_claiming(text) or not comparison_sides(text):
        return False
    providers = {e["value"] for e in entities_of(tracker, "provider")}
    return len(providers) >= 2 or len(compared_credentials(text, catalog_service().index)) >= 2


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    def extract_current_skills(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        if _intent(tracker) in NOT_THE_LEARNERS_SKILLS:
            return {}
        ents = profile_skill_entities(tracker) + counted_tool_skills(held_tools(tracker)) \
            + entities_of(tracker, "job_role")
        if not ents:
            return {}
        change = apply_entities(tracker.get_slot("current_skills"), ents)
        if change.not_kept:  # the profile is full: say so rather than drop them silently
            dispatcher.utter_message(text=wording.skills_not_kept_text(change.not_kept, MAX_PROFILE_SKILLS))
        out: dict[str, Any] = {}
        if change.added or change.removed:
            out["current_skills"] = change.skills
        if change.years:
            years = dict(tracker.get_slot("skill_years") or {})
            years.update(change.years)
            out["skill_years"] = years
        if change.background:
            roles = list(tracker.get_slot("background_roles") or [])
            out["background_roles"] = list(dict.fromkeys(roles + change.background))
        return out

    def extract_current_tools(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        """O*NET tools that are no taxonomy skill, with their class: what the pathway says they work with."""
        if _intent(tracker) in NOT_THE_LEARNERS_SKILLS:
            return {}
        ents = held_tools(tracker)
        if not ents:
            return {}
        change = apply_tool_entities(tracker.get_slot("current_tools"), ents)
        return {"current_tools": change.tools} if change.added or change.removed else {}

    def extract_completed_credentials(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        """Credentials of the catalogue the learner says they hold among the rest of their profile ("I already
        have CompTIA A+ and Network+, want to be a sysadmin"): no step of their pathway, and the recommender
        counts their skills as known."""
        if _intent(tracker) in ABOUT_THE_CATALOGUE:
            return {}
        held = held_credentials(tracker.latest_message.get("text") or "", catalog_service().index)
        completed = list(tracker.get_slot("completed_credentials") or [])
        new = [c.id for c in held if c.id not in completed]
        return {"completed_credentials": completed + new} if new else {}

    def extract_degree(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> dict[str, Any]:
        degree = read_qualifications(tracker.latest_message.get("text") or "").degree
        return {"degree": degree} if degree and degree != tracker.get_slot("degree") else {}

    def extract_licences(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        said = read_qualifications(tracker.latest_message.get("text") or "").licences
        held = list(tracker.get_slot("licences") or [])
        new = sorted(said - set(held))
        return {"licences": held + new} if new else {}

    def extract_career_goal(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict[str, Any]:
        """The goal named in this message, or the pending choice of goal it answers (actions/goal_choice.py): a
        learner who went past "which one do you mean?" and names one later still gets it as their goal."""
        if _intent(tracker) in ABOUT_THE_CATALOGUE:
            return {}
        change = apply_entities([], entities_of(tracker, "job_role"))
        pending = goal_choice.pending_choice(tracker)
        if change.goal:
            out: dict[str, Any] = {"career_goal": change.goal} if change.goal != tracker.get_slot("career_goal") \
                else {}
            return {**out, goal_choice.SLOT: None} if pending else out  # a goal named outright settles the choice
        if pending is None or change.unknown_goal:
            return {}  # a new goal we don't cover: the adviser offers a new choice
        answer = goal_choice.answer_to(pending, tracker, default_taxonomy(), not_goals=set(change.background))
        if answer is None:
            return {}
        if answer.goal is None:  # declined
            return {goal_choice.SLOT: None}
        code = goal_role_code(answer.goal)
        return {"career_goal": answer.goal, goal_choice.SLOT: None, "career_goal_onet": code,
                "career_goal_onet_title": (default_onet().occupation_title(code) if code else None) or None}

    def extract_career_goal_onet(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        """The O*NET occupation of the goal, kept beside the canonical ``career_goal``: its own when the title
        named one, else the covered role's; for a goal we don't cover it is the only record of what was meant."""
        if _intent(tracker) in ABOUT_THE_CATALOGUE:
            return {}
        change = apply_entities([], entities_of(tracker, "job_role"))
        if not (change.goal or change.unknown_goal):
            return {}
        code = change.goal_onet or (goal_role_code(change.goal) if change.goal else None)
        title = default_onet().occupation_title(code) if code else None
        if code == tracker.get_slot("career_goal_onet"):
            return {}
        return {"career_goal_onet": code, "career_goal_onet_title": title or None}

    def extract_workspace(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> dict[str, Any]:
        """The Slack workspace (team id) the message came from, which decides the employer's policy."""
        users = [e for e in tracker.events if e.get("event") == "user"]
        if not users or users[-1].get("input_channel") != "slack":
            return {}  # only Slack says which workspace a message came from; other channels' metadata can't
        team = (users[-1].get("metadata") or {}).get("team_id")
        return {"workspace": team} if team and team != tracker.get_slot("workspace") else {}

    def extract_budget(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> dict[str, Any]:
        ents = entities_of(tracker, "budget")
        if not ents or _intent(tracker) in ABOUT_THE_CATALOGUE:
            return {}
        info = ents[0].get("additional_info") or {}
        return {"budget": float(ents[0]["value"]), "budget_currency": info.get("currency", "USD")}

    def extract_preferred_providers(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        if _intent(tracker) in NO_PREFERENCE_INTENTS:
            return {}
        ents = entities_of(tracker, "provider")
        if not ents:
            return {}
        prefer = [e["value"] for e in ents if e.get("role") != "avoid"]
        avoid = [e["value"] for e in ents if e.get("role") == "avoid"]
        old_prefer = [p for p in tracker.get_slot("preferred_providers") or [] if p not in avoid]
        old_avoid = [p for p in tracker.get_slot("avoided_providers") or [] if p not in prefer]
        # "only Coursera" replaces earlier preferences; "not Udemy" adds to the avoid list.
        return {
            "preferred_providers": list(dict.fromkeys(prefer)) if prefer else old_prefer,
            "avoided_providers": list(dict.fromkeys(old_avoid + avoid)),
        }


def _simple_extractor(slot: str, spec: SimpleConstraint):
    def extract(self: ValidateSlotMappings, dispatcher: CollectingDispatcher, tracker: Tracker,
                domain: DomainDict) -> dict[str, Any]:
        ents = entities_of(tracker, spec.entity)
        if _intent(tracker) in ABOUT_THE_CATALOGUE and spec.entity in ("free_only", "budget"):
            return {}
        return {slot: spec.read(ents[0]["value"])} if ents else {}

    extract.__name__ = f"extract_{slot}"
    return extract


# rasa-sdk looks up ``extract_<slot>`` on the action; one per row of the table.
for _slot, _spec in SIMPLE_CONSTRAINTS.items():
    setattr(ValidateSlotMappings, f"extract_{_slot}", _simple_extractor(_slot, _spec))
