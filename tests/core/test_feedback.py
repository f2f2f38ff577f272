"""Feedback: one actionable French sentence per missing or weak element."""

from __future__ import annotations

from colibri.core.triage import Triager
from colibri.core.types import Post

COMPLETE = (
    "#PleaseRT #Comptable #Lyon #i4EmploiR Je cherche un CDI de comptable. https://www.linkedin.com/in/jean"
)


def test_it_has_nothing_to_say_about_a_complete_post(builtin_triager: Triager) -> None:
    post = Post(id="1", text=COMPLETE, author_bio="Comptable #i4EmploiR", has_image=True)
    assert builtin_triager.triage(post).feedback == []


def test_it_lists_each_missing_element_once(builtin_triager: Triager) -> None:
    post = Post(id="1", text="Je cherche un CDI de comptable à Lyon", author_bio="", has_image=False)
    fb = builtin_triager.triage(post).feedback
    joined = "\n".join(fb)
    assert "#PleaseRT" in joined
    assert "#Comptable" in joined  # the job hashtag, suggested from the title found
    assert "#Lyon" in joined  # the location hashtag, suggested from the place found
    assert "LinkedIn ou Viadeo" in joined
    assert "image" in joined
    assert "dans votre bio" in joined
    assert len(fb) == len(set(fb)) == 7
    assert all(s.endswith(".") for s in fb)


def test_it_warns_about_the_network_length_limit(builtin_triager: Triager) -> None:
    long_text = COMPLETE + " " + "J'ai de l'expérience en comptabilité générale. " * 8
    fb = builtin_triager.triage(
        Post(id="1", text=long_text, network="x", author_bio="#i4EmploiR", has_image=True)
    ).feedback
    assert any("280" in s and "X" in s for s in fb)
    fb = builtin_triager.triage(
        Post(id="1", text=long_text, network="mastodon", author_bio="#i4EmploiR", has_image=True)
    ).feedback
    assert not any("limite" in s for s in fb)


def test_it_gives_no_seeker_feedback_to_an_offer(builtin_triager: Triager) -> None:
    assert builtin_triager.triage(Post(id="1", text="Nous recrutons un comptable H/F")).feedback == []
