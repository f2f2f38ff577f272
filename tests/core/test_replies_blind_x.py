"""Blind set X's one lost stop, read after its figure was recorded (tests/data/README.md, session 7):
a withdrawal said in darija. Tested in other words, with the hire and search twins."""

from __future__ import annotations

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    "text",
    [
        "3afak na7i l post dyali",
        "n7iw l annonce mn fadlkom",
        "Salam, ma bghitch smiti tban 3ndkom",
        "ma bghitch nb9a ybane f les réseaux, merci",
    ],
)
def test_it_reads_a_withdrawal_in_darija_as_a_stop(text: str) -> None:
    assert classify_reply(text).intent == "stop"


def test_it_keeps_a_darija_hire_that_withdraws_the_post_a_hire() -> None:
    # As « j'ai trouvé, retirez l'annonce »: the issue counts a hire with a withdrawal as a hire.
    assert classify_reply("l9it khedma hamdoulah, na7i l annonce").intent == "hired"


def test_it_leaves_a_hindi_search_with_nahi_a_search() -> None:
    # « nahi » is Hindi's « not »: only « na7i » (with the 7) is darija's « remove ».
    assert classify_reply("abhi bhi naukri nahi mili").intent == "searching"
