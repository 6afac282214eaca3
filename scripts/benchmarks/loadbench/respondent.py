"""One simulated respondent answering the questionnaire from the privacy notice to the receipt.

Requests are recorded as ``view`` (every GET: notice, pages, review, thanks), ``save`` (the
POST of a page) or ``submit`` (the POST of the review form). When a request gets no answer
(connection refused or reset, timeout) or a 5xx, the respondent does what a person in a
browser does: waits a moment and sends the very same request again (reload, or "resend" of a
form, with the same CSRF token and submit_key). Each failed attempt counts as an error.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .browser import Browser, Reply, RequestFailed
from .forms import parse_form, receipt_code, start_link, valid_answers
from .stats import Recorder

MAX_PAGES = 40  # a bound on the page loop, far above any shipped questionnaire


class Stopped(Exception):
    """The benchmark is being stopped (Ctrl+C or its deadline)."""


class JourneyFailed(Exception):
    pass


@dataclass(frozen=True)
class Think:
    """A person's pause before each action: uniform in [low, high] seconds times ``scale``."""

    low: float = 2.0
    high: float = 8.0
    scale: float = 1.0

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(self.low, self.high) * self.scale if self.scale > 0 else 0.0


NO_THINK = Think(scale=0.0)


@dataclass(frozen=True)
class Retry:
    attempts: int = 5
    backoff: float = 0.25
    max_backoff: float = 2.0


@dataclass
class Outcome:
    """What one respondent saw; ``acknowledged`` means the submit answered 303 to /thanks."""

    sent: dict[str, list[str]] = field(default_factory=dict)
    submit_key: str | None = None
    submit_attempts: int = 0
    acknowledged: bool = False
    receipt: str | None = None
    failure: str | None = None
    lost_reply: bool = False
    """The client hung up right after sending its first submission (on purpose)."""
    stored_before_resend: bool | None = None
    """Whether that first submission was in the database when the client sent it again."""


class Respondent:
    def __init__(self, browser: Browser, slug: str, recorder: Recorder, *, think: Think, retry: Retry,
                 stop: threading.Event, deadline: float, rng: random.Random,
                 lost_reply: Callable[[str], bool] | None = None):
        """``lost_reply``: lose the reply to the first submission on purpose, and ask this
        function (given the submit_key) whether the response is stored before resending."""
        self.browser = browser
        self.slug = slug
        self.recorder = recorder
        self.think = think
        self.retry = retry
        self.stop = stop
        self.deadline = deadline
        self.rng = rng
        self.lost_reply = lost_reply
        self.outcome = Outcome()
        self.attempts = 0
        """Attempts the last successful ``fetch`` needed."""

    # -- the journey ------------------------------------------------------------------------
    def run(self) -> Outcome:
        try:
            review = self.answer_until_review()
            self.submit(review)
        except JourneyFailed as exc:
            self.outcome.failure = str(exc)
        except Stopped:
            self.outcome.failure = "stopped"
        finally:
            self.browser.close()
        return self.outcome

    def answer_until_review(self) -> str:
        """Every page in turn (GET, then POST with valid answers); the review page."""
        page = self.open_first_page()
        for _ in range(MAX_PAGES):
            saved = self.save_page(page.body)
            page = self.fetch("view", "GET", saved.location, expect=(200,))
            if saved.location.split("?")[0].endswith("/review"):
                return page.body
        raise JourneyFailed(f"no review after {MAX_PAGES} pages")

    def open_first_page(self) -> Reply:
        """The privacy notice (in English), then its start link."""
        notice = self.fetch("view", "GET", f"/s/{self.slug}/privacy?lang=en", expect=(200,))
        first = start_link(notice.body)
        if first is None:
            raise JourneyFailed("the privacy notice has no start link")
        self.pause()
        return self.fetch("view", "GET", first, expect=(200,))

    def save_page(self, page: str) -> Reply:
        form = parse_form(page, "/page/")
        if form is None:
            raise JourneyFailed("a questionnaire page without its form")
        answers = valid_answers(form, page)
        for name, value in answers:
            if name != "csrf_token":
                self.outcome.sent.setdefault(name, []).append(value)
        self.pause()
        reply = self.fetch("save", "POST", form.action, form=[*answers, ("action", "next")], expect=(303,))
        if not reply.location:
            raise JourneyFailed("a saved page did not redirect")
        return reply

    def submit(self, review: str, *, read_receipt: bool = True) -> None:
        form = parse_form(review, "/submit")
        if form is None or not form.value("submit_key"):
            raise JourneyFailed("the review has no submit form")
        self.outcome.submit_key = form.value("submit_key")
        self.pause()
        data = [("csrf_token", form.value("csrf_token") or ""), ("submit_key", self.outcome.submit_key)]
        with self.recorder.submitting(self.outcome.submit_key):
            if self.lost_reply is not None:
                self.send_and_lose_reply(form.action, data)
            reply = self.fetch("submit", "POST", form.action, form=data, expect=(303,))
        self.outcome.submit_attempts = self.attempts
        if not (reply.location or "").endswith("/thanks"):
            raise JourneyFailed(f"the submission redirected to {reply.location}")
        self.outcome.acknowledged = True
        if not read_receipt:
            return
        thanks = self.fetch("view", "GET", reply.location, expect=(200,))
        self.outcome.receipt = receipt_code(thanks.body)

    def send_and_lose_reply(self, path: str, data: list[tuple[str, str]]) -> None:
        """The phone loses its network just after "Send": the POST arrives, its reply never
        does. The person waits for the spinner, then presses "Send" again (the caller)."""
        try:
            self.browser.send_and_hang_up("POST", path, data)
        except RequestFailed as exc:
            self.recorder.error("submit", exc.category)
        self.recorder.count("submit replies lost on purpose")
        self.outcome.lost_reply = True
        self.sleep(self.rng.uniform(0.3, 1.0))
        self.outcome.stored_before_resend = self.lost_reply(self.outcome.submit_key)

    # -- requests and pauses ----------------------------------------------------------------
    def fetch(self, kind: str, method: str, path: str, *, form=None, expect: tuple[int, ...]) -> Reply:
        """Send, and resend like a person would after an error, at most ``retry.attempts`` times."""
        for attempt in range(self.retry.attempts):
            self.check_time()
            try:
                with self.recorder.in_flight(kind):
                    reply = self.browser.request(method, path, form)
            except RequestFailed as exc:
                self.recorder.error(kind, exc.category)
                self.backoff(attempt)
                continue
            if reply.status in expect:
                self.attempts = attempt + 1
                self.recorder.success(kind, reply.seconds)
                if attempt:
                    self.recorder.count(f"{kind} succeeded on a retry")
                return reply
            self.recorder.error(kind, "status")
            self.recorder.count(f"status {reply.status} on {kind}")
            if reply.status < 500:
                raise JourneyFailed(f"{method} {path} answered {reply.status}")
            self.backoff(attempt)
        raise JourneyFailed(f"{method} {path}: no success after {self.retry.attempts} attempts")

    def backoff(self, attempt: int) -> None:
        self.recorder.count("retries")
        self.sleep(min(self.retry.max_backoff, self.retry.backoff * (attempt + 1)))

    def pause(self) -> None:
        self.sleep(self.think.draw(self.rng))

    def sleep(self, seconds: float) -> None:
        seconds = min(seconds, max(0.0, self.deadline - time.monotonic()))
        if seconds > 0 and self.stop.wait(seconds):
            raise Stopped()

    def check_time(self) -> None:
        if self.stop.is_set() or time.monotonic() > self.deadline:
            raise Stopped()
