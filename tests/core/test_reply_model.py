"""The learned half of the reply classifier: where its probabilities count, and what it ships."""

from colibri.core.replies import ReplyClassification, Thresholds, decide
from colibri.core.reply_model import DEFAULT_PATH, load_default


def probs(hired=0.0, searching=0.0, stop=0.0, other=0.0):
    return {"hired": hired, "searching": searching, "stop": stop, "other": other}


def test_it_lets_a_sure_model_stop_overrule_a_search_the_rules_read():
    # "pas encore mais ne m'écrivez plus": the rules read the search, a sure model the refusal.
    searching = ReplyClassification("searching", ("pas encore",), "pas encore")
    th = Thresholds()
    assert decide(searching, False, probs(stop=th.stop_over_rules, searching=0.1), th).intent == "stop"
    assert (
        decide(searching, False, probs(stop=th.stop_over_rules - 0.05, searching=0.2), th).intent
        == "searching"
    )
    # A negated stop ("ne retirez pas") needs a surer model.
    assert decide(searching, True, probs(stop=th.stop_over_rules, searching=0.1), th).intent == "searching"


def test_it_keeps_a_hire_that_withdraws_its_post_whatever_the_model_says():
    withdrawn = ReplyClassification("hired", ("trouvé", "retirez"), "trouve")
    assert decide(withdrawn, False, probs(stop=0.99), Thresholds()).intent == "hired"


def test_it_names_an_unread_answer_other_only_when_the_model_is_sure_and_reads_no_stop():
    th = Thresholds()
    chat = probs(other=th.sure_other, stop=th.stop_alone - 0.05, hired=0.2)
    assert decide(None, False, chat, th).intent == "other"
    # The same answer with a stop reading at the bar stays a stop: in doubt, stop.
    doubtful = probs(other=th.sure_other, stop=th.stop_alone, hired=0.1)
    assert decide(None, False, doubtful, th).intent == "stop"
    # Nothing sure enough: the stop default.
    assert (
        decide(None, False, probs(other=th.sure_other - 0.05, stop=0.2, hired=0.2, searching=0.25), th).intent
        == "stop"
    )


def test_it_ships_weights_small_enough_to_read_in_pure_python():
    assert DEFAULT_PATH.stat().st_size < 1_000_000
    model = load_default()
    assert model is not None
    p = model.probabilities("merci de ne plus relayer mon annonce")
    assert abs(sum(p.values()) - 1.0) < 1e-9
    assert max(p, key=p.__getitem__) == "stop"
