"""Reading what a person must handle: a figure of speech never hides a real risk in the same message."""

from __future__ import annotations

import pytest

from catalog.reading.concerns import ConcernCuesError, parse_concern_cues, read_concerns


@pytest.mark.parametrize("text", [
    "I am going to take the pills tonight",
    "I have been saving pills for tonight",
    "I will end it with a rope tonight",
    "the deadline is killing me and honestly I want to end it all",
    "I can\u02bct go on like this",
    "everyone would be better off without me",
])
def test_risk_of_harm_is_read(text: str) -> None:
    assert read_concerns(text).level == "risk_of_harm"


@pytest.mark.parametrize("text", [
    "this course is killing me lol", "I'd kill for a remote job", "my laptop died again",
    "I'm dying to start the course", "which GDPR certifications are worth it?", "technical debt in agile teams",
    "discriminative models in machine learning",
])
def test_figures_of_speech_and_course_topics_are_not_concerns(text: str) -> None:
    c = read_concerns(text)
    assert (c.level, c.topics, c.delete_data) == (None, (), False)


def test_topics_and_deletion() -> None:
    assert read_concerns("can I get a student loan for the certificate?").topics == ("funding",)
    assert read_concerns("do I need a work permit for this job in Canada?").topics == ("visa",)
    assert read_concerns("I'm dyslexic, can I have extra time in exams?").topics == ("disability",)
    assert read_concerns("my boss refuses to sign off my training, I was discriminated against").topics == (
        "employer_dispute",)
    assert read_concerns("please delete my data").delete_data


def test_a_broken_cue_file_names_the_entry() -> None:
    with pytest.raises(ConcernCuesError, match="entry 'distress': needs a non-empty 'phrases' list"):
        parse_concern_cues({"risk_of_harm": {"phrases": ["x"]}, "not_concern": {"phrases": ["y"]},
                            "distress": {"phrases": []}, "delete_data": {"phrases": ["z"]},
                            "remit": {"topics": {t: ["w"] for t in ("funding", "visa", "disability",
                                                                     "employer_dispute")}}}, "cues.yaml")


@pytest.mark.parametrize(("text", "topics"), [
    ("hello, i am paraeducator in special ed classroom, elementary. i help kids with autism", ()),
    ("I work with disabled students and I want to become a SENCO", ()),
    ("I support people who are visually impaired", ()),
    ("I'm autistic and need extra time in exams", ("disability",)),
    ("as a wheelchair user, are online courses ok for me?", ("disability",)),
    ("I help kids with autism, and I have ADHD myself", ("disability",)),  # one said of the learner counts
])
def test_a_topic_word_said_of_the_people_the_learner_works_with_is_their_work(text: str, topics: tuple) -> None:
    assert read_concerns(text).topics == topics
