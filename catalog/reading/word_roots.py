"""Whether a field's words name a job: "data engineering" is the work of a Data Engineer.

People name where they want to go by the work ("move into data engineering", "underwriting") as often as by
the title, and the title's words are the work's words with another ending (engineering/engineer,
analytics/analyst, auditing/auditor, pharmacy/pharmacist). A stemmer does not join these (it leaves
"analyst" and "auditor" whole), so two words count as one root when they share a long enough beginning:
at least ROOT_PREFIX letters and most of the shorter word. "data" and "database" do not (four letters).
"""

from __future__ import annotations

ROOT_PREFIX = 5
ROOT_SHARE = 0.7


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# The work and the worker: "coding"/"coder", "testing"/"tester", "nursing"/"nurse" share too short a beginning
# for the rule above, but are one stem with an activity ending and an agent ending.
ACTIVITY_ENDINGS = ("ation", "ing", "ics", "ure", "y")
AGENT_ENDINGS = ("ist", "ian", "ant", "er", "or", "e")


def _stem(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return None


def same_root(a: str, b: str) -> bool:
    """'engineering' and 'engineer', 'analytics' and 'analyst', 'coding' and 'coder'; not 'data' and
    'database'."""
    if a == b:
        return True
    shared = _common_prefix(a, b)
    if shared >= ROOT_PREFIX and shared >= ROOT_SHARE * min(len(a), len(b)):
        return True
    return same_stem(a, b)


def same_stem(a: str, b: str) -> bool:
    """The work and its worker: 'nursing' and 'nurse', 'testing' and 'tester' (not 'office' and 'officer')."""
    for work, worker in ((a, b), (b, a)):
        stem = _stem(work, ACTIVITY_ENDINGS)
        if not stem or (worker.endswith("e") and not work.endswith("ing")):
            continue  # a worker in -e is the -ing work's ("nurse"/"nursing"); "store" is no "story"
        if stem in (_stem(worker, AGENT_ENDINGS), worker):
            return True
    return False


def words_of(text: str) -> list[str]:
    return text.lower().replace("-", " ").replace("/", " ").split()


def field_names_title(field: str, title: str, extra_words: int = 0) -> bool:
    """Does every word of ``field`` have its root in ``title``, with at most ``extra_words`` words of the
    title left over ("data engineering" names "Data Engineer"; with one extra, "big data engineer" too)?"""
    field_words, title_words = words_of(field), words_of(title)
    if not field_words or len(title_words) - len(field_words) > extra_words or len(title_words) < len(field_words):
        return False
    unmatched = list(title_words)
    for word in field_words:
        match = next((t for t in unmatched if same_root(word, t)), None)
        if match is None:
            return False
        unmatched.remove(match)
    return True
