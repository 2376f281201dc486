"""The learner-facing widget (bot/widget/) in Debian's headless Chromium.

The first test talks to the real Rasa and action servers (trained model); the others use the stand-in
socket server (stand_in.py) where they need a server that can be killed or a reply the README
conversation never produces.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, Chromium, save_screenshot, stand_in_rasa, widget_server
from tests.e2e.servers import Servers, free_port

pytestmark = pytest.mark.e2e

EXAMPLE = "I'm a retail supervisor and I want to become a data analyst. I know Excel and some SQL"
UNREACHABLE = "Can't reach the adviser right now — retrying…"
LONG = 90_000  # ms for a real turn: the 2-core machine may be busy


def expect(locator: Any) -> Any:
    # Imported here so that a missing playwright fails in Chromium.page() with what to install.
    from playwright.sync_api import expect as playwright_expect
    playwright_expect.set_options(timeout=20_000)  # not 5 s: the 2-core machine may be busy with other tests
    return playwright_expect(locator)


def stored_pathway(page: Any) -> dict:
    """The last pathway VIEW the page received, from the transcript it keeps in localStorage."""
    transcript = page.evaluate("JSON.parse(localStorage.getItem('careerAdviser.transcript'))")
    views = [e["msg"]["attachment"]["payload"]["pathway"] for e in transcript
             if e["from"] == "bot" and (e["msg"].get("attachment") or {}).get("payload", {}).get("pathway")]
    assert views, f"no pathway in the stored transcript: {transcript}"
    return views[-1]


def session_id(page: Any) -> str:
    return page.evaluate("window.careerAdviser.sessionId")


def focus_ring(page: Any) -> dict:
    return page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, text: e.textContent.trim(), tag: e.tagName, style: s.outlineStyle,
                width: parseFloat(s.outlineWidth)}; }""")


def tab_to(page: Any, test: str, key: str = "Tab", limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until ``test`` (a JS predicate on the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(e => {test})(document.activeElement)"):
            return focus_ring(page)
    raise AssertionError(f"{key} never reached an element where {test}")


def assert_visible_focus(ring: dict) -> None:
    assert ring["style"] != "none" and ring["width"] >= 2, f"no visible focus outline on {ring}"


def assert_card_shows_its_step(card: Any, step: dict) -> None:
    """Every fact of the VIEW step is on its card, worded as the server worded it."""
    expect(card.locator(".card-title")).to_contain_text(step["title"])
    expect(card.locator(".provider")).to_have_text(step["provider"])
    expect(card.locator(".facts")).to_contain_text(step["price"])
    if step["duration"]:
        expect(card.locator(".facts")).to_contain_text(step["duration"])
    expect(card.locator(".skill")).to_have_text(step["skills"])
    expect(card.locator(".flag .flag-label")).to_have_text([f["label"] for f in step["flags"]])
    expect(card.locator(".flag .flag-reason")).to_have_text([f["reason"] for f in step["flags"]])
    link = card.locator("a.provider-link")
    expect(link).to_have_attribute("href", step["url"])
    expect(link).to_have_attribute("aria-label", f"Provider page: {step['title']}")


def test_a_learner_gets_a_pathway_keeps_it_across_a_reload_and_starts_over(
        chromium: Chromium, widget_url: str, rasa: Servers) -> None:
    page = chromium.page(1280, 900)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(widget_url)

    # A new session is greeted without the learner saying anything.
    expect(page.locator("#status")).to_have_text("Connected.")
    expect(page.locator(".bubble.bot").first).to_contain_text("career adviser", timeout=LONG)
    expect(page.locator(".quick-replies button").first).to_be_visible()
    first_session = session_id(page)

    page.locator("#message").fill(EXAMPLE)
    page.locator("#message").press("Enter")
    expect(page.locator(".bubble.user")).to_have_text([EXAMPLE])
    expect(page.locator("#message")).to_have_value("")
    expect(page.locator(".bubble.bot", has_text="Got it: you're aiming for Data Analyst")).to_be_visible(
        timeout=LONG)
    expect(page.locator(".pathway .card").first).to_be_visible(timeout=LONG)
    expect(page.locator(".quick-replies button", has_text="Why step 1?")).to_be_visible(timeout=LONG)

    view = stored_pathway(page)
    assert view["goal"] == "Data Analyst" and len(view["steps"]) >= 2
    cards = page.locator(".pathway .card")
    expect(cards).to_have_count(len(view["steps"]))
    for i, step in enumerate(view["steps"]):
        assert_card_shows_its_step(cards.nth(i), step)
    # Flags are raised only where a step differs from its peers; each card shows its own (checked above).
    expect(page.locator(".pathway .totals")).to_have_text(view["totals"])
    expect(page.locator(".pathway .remarks li")).to_have_text(view["remarks"])
    entries = view["timeline"]["entries"]
    expect(page.locator(".timeline-entry .timeline-label")).to_have_text([e["label"] for e in entries])
    expect(page.locator(".timeline-summary")).to_have_text(view["timeline"]["summary"])
    # The closing text repeats totals and remarks for widgets that can't show the view; not shown twice.
    expect(page.locator(".bubble", has_text=view["totals"])).to_have_count(0)
    save_screenshot(page, "pathway-desktop.png", copy_to=ROOT / "docs" / "screenshots" / "pathway-cards.png")

    # Keyboard: Tab reaches the input with a visible ring; Shift+Tab goes back to a quick reply; Enter sends it.
    page.evaluate("document.activeElement.blur()")
    assert_visible_focus(tab_to(page, "e.id === 'message'"))
    ring = tab_to(page, "e.textContent.trim() === 'Why step 1?' && !!e.closest('.quick-replies')", "Shift+Tab")
    assert_visible_focus(ring)
    page.keyboard.press("Enter")
    expect(page.locator(".bubble.user").last).to_have_text("Why step 1?")  # the title, not the payload
    expect(page.locator(".bubble.bot").last).to_contain_text(view["steps"][0]["title"], timeout=LONG)
    expect(page.locator("#message")).to_be_focused()

    # A reload resumes the same session: transcript re-rendered, and the server still has the context.
    page.reload()
    expect(page.locator("#status")).to_have_text("Connected.")
    assert session_id(page) == first_session
    expect(page.locator(".note")).to_have_text("Conversation resumed.")
    expect(page.locator(".pathway .card")).to_have_count(len(view["steps"]))
    before = page.locator(".bubble.bot").count()
    page.locator("#message").fill("is it recognised by employers?")
    page.locator("#message").press("Enter")
    expect(page.locator(".bubble.bot")).to_have_count(before + 1, timeout=LONG)
    answer = page.locator(".bubble.bot").last.inner_text()
    assert view["steps"][0]["title"] in answer, answer  # "it" is the step just discussed, known server-side
    tracker = rasa.tracker(first_session)
    assert tracker["slots"]["career_goal"] == "Data Analyst"
    assert tracker["latest_input_channel"] == "socketio"
    user_events = [e for e in tracker["events"] if e["event"] == "user"]
    assert user_events[0]["metadata"].get("page") == widget_url  # customData reaches the tracker
    assert user_events[-1]["text"] == "is it recognised by employers?"

    # A phone: cards stack in one column inside the viewport, nothing scrolls sideways, text stays readable.
    page.set_viewport_size({"width": 360, "height": 740})
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= client_width <= 360, f"horizontal overflow: {scroll_width} > {client_width}"
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= client_width, boxes
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert lower["y"] >= upper["y"] + upper["height"], f"cards side by side at 360 px: {boxes}"
    sizes = page.evaluate("[...document.querySelectorAll('.bubble, .card *, .timeline *')]"
                          ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 13, f"text smaller than 13 px: {min(sizes)}"
    cards.first.scroll_into_view_if_needed()
    expect(cards.first).to_be_in_viewport()
    save_screenshot(page, "pathway-phone.png")

    # Start over, by keyboard (Space on the button): a new session id and a fresh greeting, nothing old.
    page.locator("#start-over").focus()
    page.keyboard.press(" ")
    expect(page.locator(".pathway")).to_have_count(0)
    expect(page.locator(".bubble.bot")).to_have_count(1, timeout=LONG)
    expect(page.locator(".bubble.bot")).to_contain_text("career adviser")
    expect(page.locator(".bubble.user")).to_have_count(0)
    assert session_id(page) not in ("", first_session)
    assert page.evaluate("localStorage.getItem('careerAdviser.sessionId')") == f'"{session_id(page)}"'
    assert not problems, problems
    log = (rasa.workdir / "rasa.log").read_text()
    assert "Traceback" not in log and "never awaited" not in log, log[-3000:]


def test_an_unreachable_adviser_is_reported_and_retried_until_it_is_back(
        chromium: Chromium, tmp_path: Path) -> None:
    rasa_port, port = free_port(), free_port()
    with widget_server(f"http://127.0.0.1:{rasa_port}", port, tmp_path) as url:
        page = chromium.page(360, 740)
        attempts: list[str] = []
        page.on("request", lambda r: attempts.append(r.url) if f":{rasa_port}/" in r.url else None)
        page.goto(url)
        status = page.locator("#status")
        expect(status).to_have_text(UNREACHABLE)
        expect(status).to_be_visible()
        time.sleep(6)  # socket.io backs off up to 5 s: by now it has tried again, and still says so
        expect(status).to_have_text(UNREACHABLE)
        assert len(attempts) >= 3, f"not retrying: {attempts}"

        # The adviser comes up: the page connects by itself and the new session is greeted.
        with stand_in_rasa(rasa_port, url.rstrip("/"), tmp_path):
            expect(status).to_have_text("Connected.", timeout=15_000)
            expect(page.locator(".bubble.bot")).to_have_text(["Stand-in greeting: the adviser's stand-in "
                                                              "is listening."])
        # It dies (killed, no goodbye): the page says so again, keeps what it showed, and reconnects.
        expect(status).to_have_text(UNREACHABLE, timeout=40_000)
        expect(page.locator(".bubble.bot")).to_have_count(1)
        with stand_in_rasa(rasa_port, url.rstrip("/"), tmp_path):
            expect(status).to_have_text("Connected again.", timeout=15_000)
            page.locator("#message").fill("hello again")
            page.keyboard.press("Enter")
            expect(page.locator(".bubble.bot").last).to_have_text("stand-in heard: hello again")
            expect(page.locator(".bubble.bot")).to_have_count(2)  # no second greeting: same session


def test_replies_are_laid_out_as_sent_failed_turns_markup_and_estimated_hours(
        chromium: Chromium, tmp_path: Path) -> None:
    rasa_port, port = free_port(), free_port()
    with widget_server(f"http://127.0.0.1:{rasa_port}", port, tmp_path) as url, \
            stand_in_rasa(rasa_port, f"http://127.0.0.1:{port}", tmp_path):
        page = chromium.page(1280, 900)
        page.goto(url)
        expect(page.locator(".bubble.bot")).to_have_count(1)

        def say(text: str) -> None:
            page.locator("#message").fill(text)
            page.keyboard.press("Enter")

        # Server text is text: markup stays visible characters, nothing runs, newlines are kept.
        page.locator(".quick-replies button", has_text="Show markup").click()
        markup = page.locator(".bubble.bot").last
        expect(markup).to_contain_text('<img src="x" onerror="window.__injected = 1"> <b>not bold</b>')
        assert markup.evaluate("e => [e.children.length, e.textContent.split('\\n').length, "
                               "getComputedStyle(e).whiteSpace]") == [0, 2, "pre-wrap"]
        assert page.evaluate("window.__injected") is None

        say("fail")
        failed = page.locator(".bubble.bot.error")
        expect(failed).to_have_text("Sorry, something went wrong on my side and I couldn't answer that. Please "
                                    "try again in a moment.")

        # Hours estimated from stated weeks: italic timeline labels marked "estimated", a hatched bar.
        say("estimated")
        expect(page.locator(".pathway")).to_have_count(1)
        view = stored_pathway(page)
        entries = view["timeline"]["entries"]
        assert any(e["estimated"] for e in entries) and any(e["weeks"] is None for e in entries)
        rows = page.locator(".pathway").last.locator(".timeline-entry")
        for i, entry in enumerate(entries):
            row = rows.nth(i)
            expect(row.locator(".timeline-label")).to_have_text(entry["label"])
            style = row.locator(".timeline-label").evaluate("e => getComputedStyle(e).fontStyle")
            assert style == ("italic" if entry["estimated"] else "normal"), (entry, style)
            expect(row.locator(".timeline-bar")).to_have_count(0 if entry["weeks"] is None else 1)
            if entry["estimated"]:
                assert "estimated" in entry["label"]
        expect(page.locator(".quick-replies button")).to_have_text(["Why step 1?", "Something cheaper",
                                                                    "Is it recognised?"])

        # Stated hours: a solid bar and a plain label; skills no credential covers are named below the cards.
        say("stated")
        expect(page.locator(".pathway")).to_have_count(2)
        view = stored_pathway(page)
        stated = [e for e in view["timeline"]["entries"] if e["weeks"] and not e["estimated"]]
        assert stated and view["uncovered"]
        flagged = [i for i, step in enumerate(view["steps"]) if step["flags"]]
        assert flagged  # the low-rated step
        for i in flagged:
            assert_card_shows_its_step(page.locator(".pathway").last.locator(".card").nth(i), view["steps"][i])
        last = page.locator(".pathway").last
        row = last.locator(".timeline-entry:not(.estimated):not(.unknown)").first
        expect(row.locator(".timeline-label")).to_have_text(stated[0]["label"])
        assert row.locator(".timeline-label").evaluate("e => getComputedStyle(e).fontStyle") == "normal"
        width = row.locator(".timeline-bar").evaluate("e => e.getBoundingClientRect().width")
        assert width > 20, width
        summary = last.locator(".pathway-summary")
        for skill in view["uncovered"]:
            expect(summary).to_contain_text(skill)
        # The card's duration is the server's ("~300 h"), shown only where one is stated.
        for i, step in enumerate(view["steps"]):
            facts = last.locator(".card").nth(i).locator(".facts")
            expect(facts.locator("dd")).to_have_text([v for v in (step["duration"], step["price"]) if v])
        save_screenshot(page, "timelines-stand-in.png")
