"""Hostile strings in every field the map page displays, in headless Chromium:
nothing runs, nothing is injected, nothing navigates, the text shows literally,
and only http(s) sources become links."""

import pytest

import stakeholders
from stakeholders.render import render_html

from .test_browser import Page

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img';alert(1)\">",
    '"></script><script>window.__pwned="double-quote"</script>',
    "'</script><script>window.__pwned='single-quote'</script>",
    "</script><!-- <script>",
    "<svg onload=\"window.__pwned='svg'\"><iframe src=\"javascript:alert(1)\"></iframe>",
    "&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#60;i&#62; &#x3C;script&#x3E;",
    "\u202egnp.exe\u202c \u2067RTL\u2069 \u200fעברית العربية",
    "e\u0301\u0327 Z\u0351\u0311\u0312\u0313 \u0627\u064e\u0644",
    "javascript:window.__pwned='js'",
    "{{ page.data }} ${window.__pwned='template'} `x` {% raw %}",
    "<a href=\"javascript:window.__pwned='a'\">click me</a>",
]
URLS = [
    "javascript:window.__pwned='url'",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    " javascript:alert(1)",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/report",
]
N = len(PAYLOADS)


def _dataset() -> stakeholders.Dataset:
    data = {
        "meta": {"title": " ".join(PAYLOADS[:4])},
        "sources": [{"id": f"s{i}", "title": f"{p} title{i}", "publisher": f"{p} publisher{i}"} for i, p in enumerate(PAYLOADS)],
        "kinds": [{"id": f"k{i}", "label": f"{p} kind{i}", "polarity": 1, "directed": True} for i, p in enumerate(PAYLOADS)],
        "actors": [
            {"id": f"a{i}", "name": f"{p} name{i}", "type": "person", "aliases": [f"{p} alias{i}"], "description": f"{p} description{i}", "tags": [f"{p} tag{i}"], "country": f"{p} country{i}"}
            for i, p in enumerate(PAYLOADS)
        ],
        "relations": [
            {
                "id": f"r{i}",
                "source": f"a{i}",
                "target": f"a{(i + 1) % N}",
                "kind": f"k{i}",
                "via": [f"a{(i + 2) % N}"],
                "description": f"{p} relation{i}",
                "evidence": [{"source": f"s{i}", "quote": f"{p} quote{i}", "locator": f"{p} locator{i}"}],
            }
            for i, p in enumerate(PAYLOADS)
        ],
    }
    dataset = stakeholders.from_dict(data)
    # The loader refuses URLs that are not http(s); set them behind its back to test the page's own guard.
    for i, source in enumerate(dataset.sources):
        source.url = URLS[i % len(URLS)]
    return dataset


@pytest.fixture(scope="module")
def hostile_page(browser, tmp_path_factory):  # noqa: F811
    path = render_html(_dataset(), tmp_path_factory.mktemp("hostile") / "hostile.html")
    opened = Page(browser, path)
    # A click on the one real link opens a tab: record where it would go, never reach the network.
    opened.blocked = []
    opened.page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (opened.blocked.append(route.request.url), route.abort()))
    yield opened
    opened.page.close()


def _text(page, selector: str) -> list[str]:
    return page.locator(selector).all_text_contents()


def test_every_field_shows_literally_and_only_http_links_click(hostile_page):
    page = hostile_page.page
    hrefs = []
    for i, p in enumerate(PAYLOADS):
        page.fill("#search", f"a{i}")
        page.press("#search", "Enter")
        assert page.text_content("#details h2") == f"{p} name{i}"
        paragraphs = _text(page, "#details > p")
        assert f"person · {p} country{i}" in paragraphs
        assert f"Also: {p} alias{i}" in paragraphs
        assert f"Tags: {p} tag{i}" in paragraphs
        assert f"{p} description{i}" in paragraphs

        page.locator("#details li button", has_text=f"kind{i}").click()
        assert page.text_content("#details h2") == f"{p} kind{i}"
        facts = dict(zip(_text(page, "#details dt"), _text(page, "#details dd"), strict=True))
        assert facts["Via"] == f"{PAYLOADS[(i + 2) % N]} name{(i + 2) % N}"
        assert f"{p} relation{i}" in _text(page, "#details > p")
        assert _text(page, "#details blockquote") == [f"“{p} quote{i}”"]
        assert _text(page, "#details cite") == [f"{p} title{i} — {p} publisher{i}, {p} locator{i}"]
        hrefs += page.eval_on_selector_all("#details a", "links => links.map(a => a.href)")
        if i < len(URLS):  # each kind of URL once: the link, or the plain text standing for it
            page.click("#details cite > :first-child")
    names = page.eval_on_selector_all("#actor-names option", "options => options.map(o => o.value)")
    assert sorted(names) == sorted(f"{p} name{i}" for i, p in enumerate(PAYLOADS))
    labels = [t.strip() for t in _text(page, "#kind-filter label")]
    assert sorted(labels) == sorted(f"{p} kind{i} (1)" for i, p in enumerate(PAYLOADS))
    # Of seven URLs per cycle, only the plain https one is a link; clicking the others does nothing.
    assert hrefs == ["https://example.org/report"] * sum(1 for i in range(N) if URLS[i % len(URLS)] == "https://example.org/report")
    page.wait_for_timeout(200)
    assert page.url.split("#")[0] == hostile_page.url  # no link followed (the fragment names the view shown)
    assert hostile_page.blocked and set(hostile_page.blocked) == {"https://example.org/report"}


def test_nothing_ran_and_nothing_was_injected(hostile_page):
    page = hostile_page.page
    assert page.text_content("#map-title") == " ".join(PAYLOADS[:4])
    assert page.title() == " ".join(PAYLOADS[:4])
    assert page.evaluate("window.__pwned") is None
    assert hostile_page.dialogs == []
    assert page.evaluate("document.scripts.length") == 5  # three JSON blocks, vis-network, the map
    injected = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(e =>
            ['IMG', 'IFRAME', 'A', 'OBJECT', 'EMBED'].includes(e.tagName) && !e.closest('#details') ||
            [...e.attributes].some(a => a.name.startsWith('on'))).length"""
    )
    assert injected == 0
    assert hostile_page.requests == [hostile_page.url]
    assert hostile_page.errors == []
