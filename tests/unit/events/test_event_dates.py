"""Date phrases resolved against the publication date (2020-06-02 is a Tuesday)."""

from __future__ import annotations

import pytest

from eventlens.events.dates import resolve

PUB = "2020-06-02"


@pytest.mark.parametrize(
    ("phrase", "published", "future", "expected"),
    [
        ("On Sunday", PUB, False, "2020-05-31"),
        ("late Monday", PUB, False, "2020-06-01"),
        ("early Tuesday", PUB, False, "2020-06-02"),
        ("last Tuesday", PUB, False, "2020-05-26"),
        ("Thursday", PUB, True, "2020-06-04"),
        ("next Monday", PUB, False, "2020-06-08"),
        ("yesterday", PUB, False, "2020-06-01"),
        ("today", PUB, False, "2020-06-02"),
        ("tomorrow", PUB, False, "2020-06-03"),
        ("last night", PUB, False, "2020-06-01"),
        ("this morning", PUB, False, "2020-06-02"),
        ("last week", PUB, False, "2020-05-26"),
        ("three days ago", PUB, False, "2020-05-30"),
        ("May 17", PUB, False, "2020-05-17"),
        ("17 May", PUB, False, "2020-05-17"),
        ("May 17, 2014", PUB, False, "2014-05-17"),
        ("on 3 March 2021", PUB, False, "2021-03-03"),
        ("Dec. 28", PUB, False, "2019-12-28"),
        ("Dec. 28", PUB, True, "2020-12-28"),
        ("2021-03-03", None, False, "2021-03-03"),
        ("2020-06-02T10:00:00", PUB, False, "2020-06-02"),
        ("Sunday", "2020-06-02T08:30:00Z", False, "2020-05-31"),
        ("in recent weeks", PUB, False, None),
        ("2011", PUB, False, None),
        ("last month", PUB, False, None),
        ("Sunday", None, False, None),
        ("may", PUB, False, None),
        ("February 30", PUB, False, None),
        ("", PUB, False, None),
    ],
    ids=lambda v: repr(v),
)
def test_resolve(phrase, published, future, expected):
    assert resolve(phrase, published, future=future) == expected
