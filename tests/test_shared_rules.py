"""One home per rule: what the page's script repeats of a Python rule is checked against it."""

import re

import pytest

from stakeholders.model import URL_PATTERN, is_url
from stakeholders.names import normalize
from stakeholders.render import page_script

from .shared_cases import FOLDING, URLS

MAP_JS = page_script()


@pytest.mark.parametrize(("text", "folded"), FOLDING.items())
def test_name_folding(text, folded):
    assert normalize(text) == folded


@pytest.mark.parametrize(("url", "kept"), URLS.items())
def test_the_url_rule(url, kept):
    assert is_url(url) is kept


def test_the_script_s_url_check_is_the_model_s_rule():
    [literal] = re.findall(r"/\^(https\?:.*?)\$/i\.test\(url\)", MAP_JS)
    assert literal.replace("\\/", "/") == URL_PATTERN
