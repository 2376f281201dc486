"""Plain-language answers about one credential: recognition, accreditation, verification, what's next.

They live in the domain package because a counsellor's console and the chatbot must say the same thing.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from catalog.catalogue.index import CatalogIndex, IndexedCredential
from catalog.catalogue.taxonomy import INDUSTRY_LABELS

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
BADGE_HOW = {
    "credly": "It is issued as a Credly digital badge: accept it from the Credly e-mail, then use Credly's "
              "'Share' button to add it to LinkedIn (Licenses & certifications) and copy the public badge URL "
              "into your CV; an employer clicks that URL to see who issued it, when, and what it took.",
    "open_badges_2": "It is an Open Badges 2.0 badge: the badge file and its public URL carry the issuer, date "
                     "and criteria, so an employer can check it in any Open Badges verifier.",
    "open_badges_3": "It is an Open Badges 3.0 verifiable credential: anyone can check the issuer's signature "
                     "with a verifier, and you can add its public link to LinkedIn and your portfolio.",
    "certificate_url": "It comes with a shareable certificate URL: add it under Licenses & certifications on "
                       "LinkedIn (the provider's page has an 'Add to LinkedIn' option) and list the URL on your CV "
                       "so an employer can open it and confirm your name and the date.",
}


def step_reference(text: str, steps: int, default: int | None = None) -> int | None:
    """Which step a follow-up is about: 'step 2', 'the second one', 'the last one', 'this one'."""
    low = text.lower()
    match = re.search(r"\b(?:step|number|no\.?|#)\s*(\d+)\b", low) or re.search(r"#(\d+)\b", low)
    if match:
        return int(match.group(1))
    if re.search(r"\b(last|final)\b", low) and steps:
        return steps
    for word, n in ORDINALS.items():
        if re.search(rf"\b{word}\b(?:\s+(?:one|step|course|credential|certificate|badge))?", low) and (
            word not in ("one", "two", "three", "four", "five") or re.search(rf"\b(?:step|number)\s+{word}\b", low)
        ):
            return n
    return default


def find_credential(text: str, index: CatalogIndex, prefer_ids: list[str] | None = None) -> IndexedCredential | None:
    """A credential a person names loosely ('the Google certificate'), looking in their pathway first."""
    low = text.lower()
    prefer = [index.get(i) for i in (prefer_ids or []) if index.get(i)]
    for item in prefer:  # provider or title words of a pathway step
        names = {item.provider_name.lower(), item.record.provider.lower()}
        if item.record.platform and item.record.platform in index.providers:
            names.add(index.providers[item.record.platform].name.lower())
        if any(re.search(rf"\b{re.escape(n)}\b", low) for n in names if len(n) >= 3):
            return item
        if fuzz.partial_ratio(item.record.title.lower(), low) >= 90:
            return item
    titles = {item.record.title.lower(): item.id for item in index.by_id.values()}
    match = process.extractOne(low, list(titles), scorer=fuzz.token_set_ratio, score_cutoff=80)
    return index.get(titles[match[0]]) if match else None


def recognition_answer(item: IndexedCredential, industry: str | None) -> str:
    rec = item.record
    where = INDUSTRY_LABELS.get(industry or "", industry or "your target industry")
    parts = []
    if rec.recognized_by:
        parts.append(f"On record for {rec.title}: {'; '.join(rec.recognized_by[:4])}.")
    else:
        parts.append(f"I have no record of employers or industry bodies formally recognising {rec.title}.")
    if industry and rec.industries and industry not in rec.industries:
        parts.append(f"It is aimed at {', '.join(INDUSTRY_LABELS.get(i, i) for i in rec.industries)}, so in "
                     f"{where} expect employers to weigh the skills you show more than the badge itself.")
    elif industry:
        parts.append(f"It is aimed at {where}.")
    parts.append("Check a few job ads for your target role: if they name this credential, it counts.")
    return " ".join(parts)


def accreditation_answer(item: IndexedCredential) -> str:
    rec = item.record
    parts = []
    if rec.quality_assurance:
        parts.append(f"Yes: {rec.title} is quality-assured by {', '.join(rec.quality_assurance)}.")
    elif item.provider and item.provider.accreditation:
        parts.append(f"The credential itself has no separate accreditation on record, but {item.provider_name} "
                     f"is accredited by {', '.join(item.provider.accreditation)}.")
    else:
        parts.append(f"No accreditation or external quality assurance is on record for {rec.title}; "
                     f"judge it by its assessment, reviews and whether employers ask for it.")
    if rec.assessment and rec.assessment != "none":
        parts.append(f"It is assessed by {rec.assessment.replace('_', ' ')}.")
    elif rec.assessment == "none":
        parts.append("It has no assessment, so it proves attendance rather than skill.")
    if rec.rating is not None:
        reviews = f" from {rec.review_count:,} reviews" if rec.review_count else ""
        parts.append(f"Learners rate it {rec.rating:.1f}/5{reviews}.")
    return " ".join(parts)


def verification_answer(item: IndexedCredential) -> str:
    how = BADGE_HOW.get(item.record.badge or "")
    if how is None:
        return (f"{item.record.title} has no verifiable badge on record: keep the completion document, link your "
                f"project work in a portfolio, and add it to LinkedIn under Licenses & certifications with "
                f"{item.provider_name} as the issuer.")
    return f"{item.record.title}: {how}"


def next_answer(item: IndexedCredential, index: CatalogIndex) -> str:
    parents = [index.get(p) for p in item.record.stacks_into if index.get(p)]
    if parents:
        names = "; ".join(f"{p.record.title} ({p.provider_name})" for p in parents)
        return f"{item.record.title} stacks into {names}: the credit or modules you earn count towards it."
    followers = [f for f in (index.get(cid) for cid in index.leads_to.get(item.id, [])) if f][:3]
    if followers:
        names = "; ".join(f"{f.record.title} ({f.provider_name})" for f in followers)
        return f"After {item.record.title} you are ready for {names}."
    return (f"{item.record.title} does not formally stack into a larger credential in the catalogue; the natural "
            f"next step is a more advanced credential in the same skills.")
