"""Evidence-based classification of a post into one of the five categories.

Each category has weighted cues (compiled into one regex per category, run on the folded
text); bios and hashtags add smaller evidence. A few rules encode the collective's decisions
("CDI ou freelance" is a seeker, "stage puis CDI" is an internship, an offer of an internship
is a job offer). The scores give a confidence and a `needs_review` flag, and the matched cues
give the French reasons a volunteer can paste into a reply.
"""

from __future__ import annotations

import math
import re
from typing import Final

from colibri.core.classify_patterns import (
    BIO_WORD,
    CDI_PREFERRED,
    CHILD_WORDS,
    CONTRACT_WORD,
    EITHER,
    EITHER_INTERN,
    FIRST_PERSON,
    FOR_A_CHILD,
    HIRED_PEOPLE,
    HIRING_NOUN,
    INTERN_HEADING,
    INTERN_SEARCH,
    NOT_PEOPLE,
    PLURAL_SOUGHT,
    POST_IN_ALTERNANCE,
    SALARIED,
    SEASONAL,
    SELF_DESCRIBED,
    SOUGHT_IN_ALTERNANCE,
    STRUCTURE_WHY,
    STUDYING,
    SUMMER_JOB,
    TAG_SEEKER_CAP,
    THEN_CDI,
    body_end,
    flex_spaces,
    hiring_scanner,
    household_employer,
)
from colibri.core.cues import (
    APPLY_WHY,
    BIO_CUES,
    CDI_FIRST,
    CDI_FIRST_WHY,
    COLLECTIVE_BIO,
    CUES,
    EMPLOYER_SOUGHT_WHY,
    EVENT_WHY,
    FRAGMENTS,
    FREELANCE,
    HIRING_WHY,
    I_SEEK,
    INTERN,
    INTERN_SEARCH_WHYS,
    INTERN_SOUGHT,
    JOB_SOUGHT_WHYS,
    LATER_REQUEST_WHY,
    OFFER,
    OTHER,
    PAST_INTERN_WHY,
    PERSON_SOUGHT_WHY,
    PITCH,
    PITCH_WHY,
    PRIVATE_SERVICE_WHY,
    SEEKER,
    STUDENT_JOB_WHY,
)
from colibri.core.jobs import JOB_HEADS
from colibri.core.multiregex import MultiRegex, PrefixSearch
from colibri.core.parse import ParsedPost
from colibri.core.post_shape import (
    FIELD_TAGS,
    FREELANCE_TAG_PARTS,
    INTERN_TAG_PARTS,
    OFFER_TAG_PARTS,
    RELAY_TAGS,
    THANKS_TAGS,
    THREAD_TAIL,
    has_tag_part,
    tag_keys,
    tags_only,
)
from colibri.core.refindex import stem
from colibri.core.text import is_member_tag, is_seeker_tag
from colibri.core.types import Category
from colibri.core.verdict import LABEL, Evidence, Verdict, drop_evidence

# Compiled once (`re.search(pattern, ...)` looks the pattern up in `re`'s cache, in Python, at each call).
_STILL: Final = re.compile(r"\b(?:toujours|encore|de nouveau|a nouveau|again)\b")
TAGS_FORMAT_WHY: Final = "demande au format du collectif (#Métier #Ville #i4EmploiR)"
_ORDER: Final[tuple[Category, ...]] = (OFFER, INTERN, FREELANCE, OTHER, SEEKER)
# _ORDER without the verdict
_RUNNERS_UP: Final = {top: tuple(c for c in _ORDER if c != top) for top in _ORDER}

# The categories whose wording beside a seeker's words leaves the verdict to a human before any automatic
# approval: relaying a freelancer, an internship or an offer is the costly mistake (issue 14). A cue of
# weight >= 1 counts (the 0.5 "études en cours" is a seeker's degree as often as a student's search); a
# bio counts for offers and freelances only (seekers often write "étudiante" or "alternante" in theirs).
_RIVALS: Final = frozenset((OFFER, FREELANCE, INTERN))
_RIVAL_WEIGHT: Final = 1.0
# A strong "other" cue (an outcome, an event, a training or MLM pitch, spam) beside a seeker's words is a
# doubt too; the weak ones ("conseils", "formation", "inscription") are common in real requests.
_OTHER_RIVAL_WEIGHT: Final = 3.0
_BIO_RIVALS: Final = frozenset((OFFER, FREELANCE))  # ties go to the safer verdict
# Rules' regexes `re` would try at every position of the cue text, searched only where their literal
# prefixes (a few rare words: "cdi", "stage", "puis"...) occur: same matches (see PrefixSearch).
# One Final name each (not one tuple unpacking): compiled by mypyc, a Final module name is a C static
# rather than a lookup in the module's dict at every use.
_either: Final = PrefixSearch(EITHER).search
_either_intern: Final = PrefixSearch(EITHER_INTERN).search
_contract_word: Final = PrefixSearch(CONTRACT_WORD).search
_summer_job: Final = PrefixSearch(SUMMER_JOB).search
_then_cdi: Final = PrefixSearch(THEN_CDI).search
_sought_in_alternance: Final = PrefixSearch(SOUGHT_IN_ALTERNANCE).search


def _best(order: tuple[Category, ...], scores: dict[Category, float]) -> Category:
    """`max(order, key=scores.__getitem__)`: the first category of `order` with the highest score (a
    plain loop: compiled, `max` with a bound-method key is a generic call per category)."""
    best = order[0]
    s_best = scores[best]
    for i in range(1, len(order)):
        s = scores[order[i]]
        if s > s_best:
            best, s_best = order[i], s
    return best


class Classifier:
    """Compiled cue tables; one instance serves many posts."""

    def __init__(self, seeker_tag: str = "#i4EmploiR", member_tag: str = "#i4emploi") -> None:
        self.seeker_tag = seeker_tag
        self.member_tag = member_tag
        self._cues = CUES
        compiled: list[tuple[int, str]] = []
        for i, (_cat, _w, pattern, _why) in enumerate(CUES):
            # Plain (non f-) strings may name the shared fragments too.
            for name, fragment in FRAGMENTS.items():
                pattern = pattern.replace(name, fragment)
            compiled.append((i, flex_spaces(pattern)))
        self._cue_matcher = MultiRegex(compiled, single_space=True)
        self._bio = [(cat, w, re.compile(p)) for cat, w, p in BIO_CUES]
        self._bio_cache: dict[str, tuple[tuple[Category, float], ...]] = {}

    def _bio_evidence(self, bio_folded: str) -> tuple[tuple[Category, float], ...]:
        """Weights a bio adds (memoised: an author's bio is the same on every post)."""
        hit = self._bio_cache.get(bio_folded)
        if hit is None:
            found: list[tuple[Category, float]] = [
                (cat, w) for cat, w, rx in self._bio if rx.search(bio_folded)
            ]
            if COLLECTIVE_BIO.search(bio_folded) and any(
                is_member_tag(t, self.member_tag) or is_seeker_tag(t, self.seeker_tag)
                for t in BIO_WORD.findall(bio_folded)
            ):
                found = [(OTHER, 3.0)]
            # Every word of the bio: the configured hashtag need not hold a "4" like #i4EmploiR.
            if any(is_seeker_tag(t, self.seeker_tag) for t in BIO_WORD.findall(bio_folded)):
                found.append((SEEKER, 0.8))
            if len(self._bio_cache) > 20_000:
                self._bio_cache.clear()
            hit = self._bio_cache[bio_folded] = tuple(found)
        return hit

    def classify(
        self,
        parsed: ParsedPost,
        bio_folded: str,
        has_job_tag: bool,
        has_location: bool,
        has_image: bool = True,
    ) -> Verdict:
        cue = parsed.cue_text()
        scores: dict[Category, float] = {SEEKER: 0.0, OFFER: 0.0, INTERN: 0.0, FREELANCE: 0.0, OTHER: 0.0}
        evidence: list[Evidence] = []
        cues = self._cues
        past_intern = False
        for idx, m in self._cue_matcher.first_matches(cue).items():
            cat, weight, _p, why = cues[idx]
            scores[cat] += weight
            if weight > 0:
                evidence.append(Evidence(cat, weight, why, "", m.span()))
            elif why in PAST_INTERN_WHY:
                past_intern = True
        if "en altern" in cue or "en apprenti" in cue or "en contrat pro" in cue:
            # "un poste de comptable en alternance": the job sought is an apprenticeship. Tried only
            # when the words are there: as a cue it ran at every "poste"/"emploi" of every post.
            plain = _sought_in_alternance(cue)
            if plain is not None:
                scores[INTERN] += 5.0
                evidence.append(Evidence(INTERN, 5.0, POST_IN_ALTERNANCE, "", plain.span()))
        scores[INTERN] = max(0.0, scores[INTERN])
        whys = {e.why for e in evidence}  # the drops below take back none of the clues looked for here
        if not whys.isdisjoint(INTERN_SEARCH_WHYS):
            # "Je cherche un stage … je cherche une entreprise qui…": the company is the internship's host.
            drop_evidence(evidence, scores, SEEKER, frozenset((EMPLOYER_SOUGHT_WHY,)))
        if STUDENT_JOB_WHY in whys:
            # "Lycéenne, je cherche un job pour l'été": the job sought is that summer job, not a CDI/CDD.
            drop_evidence(evidence, scores, SEEKER, JOB_SOUGHT_WHYS)
        if not has_location and LATER_REQUEST_WHY in whys:
            # "Merci, je suis toujours en recherche, je reposterai ma demande": the request is to come.
            scores[SEEKER] *= 0.5
        if scores[INTERN] > 0 and any(e.why == INTERN_SOUGHT for e in evidence):
            if not any(e.why == INTERN_SEARCH for e in evidence):
                # "cherche un·e alternant·e": an employer seeks the intern, so the internship words
                # (rythme, alternance) describe its offer, not a student's search.
                scores[INTERN] *= 0.3
        for verb in (
            hiring_scanner().scan(cue).finditer(0)
            if (
                "cherch" in cue
                or "recrut" in cue
                or "hiring" in cue
                or "looking" in cue
                or "embauch" in cue
                or "besoin" in cue
            )
            else ()
        ):
            hire = HIRING_NOUN.match(cue, verb.end())
            if hire is None:
                continue
            noun = hire.group("noun")
            if noun in NOT_PEOPLE or (stem(noun) not in JOB_HEADS and noun not in HIRED_PEOPLE):
                continue
            before = cue[max(0, verb.start() - 30) : verb.start()].split()
            subj = before[-1] if before else ""
            weight = 3.0 if subj in ("je", "j", "i", "qui") else 4.5
            if verb.group(0) == "besoin":
                weight = 2.5  # "besoin d'un plombier" may be a private job, not a hire: weaker
            if subj in ("je", "j"):
                # "je cherche une remplaçante": a seeker writes "je cherche un poste de …", not
                # "je cherche un <job>", so that "je cherche" is no evidence of a job search.
                for ev in evidence:
                    if ev.category == SEEKER and ev.why == I_SEEK and ev.span[1] >= verb.start() - 8:
                        if ev.span[0] <= verb.end():
                            scores[SEEKER] -= ev.weight
                            evidence.remove(ev)
                            break
            scores[OFFER] += weight
            evidence.append(
                Evidence(
                    OFFER, weight, "recherche d'une personne pour un poste", cue[verb.start() : hire.end()]
                )
            )
            break
        if "recherches" in cue or "recherchees" in cue:  # only plural passives can match
            for m in PLURAL_SOUGHT.finditer(cue):
                noun = m.group(1)
                if noun in SEASONAL or (noun not in NOT_PEOPLE and stem(noun) in JOB_HEADS):
                    # "Caristes recherchés", "Saisonniers recherchés": plural people sought, a hire.
                    scores[OFFER] += 3.0
                    evidence.append(Evidence(OFFER, 3.0, "profils recherchés", "", m.span()))
                    break
        thread_tail = THREAD_TAIL.match(parsed.text) is not None
        if thread_tail:
            # Its seeker words complete a request made in the first part: not a request on their own.
            scores[SEEKER] *= 0.5
            scores[OTHER] += 6.0
            evidence.append(
                Evidence(
                    OTHER, 6.0, "suite d'un fil, la demande est dans le premier message", parsed.text[:5]
                )
            )
        if scores[SEEKER] > TAG_SEEKER_CAP and any(" " in h.words for h in parsed.hashtags):
            # Spelled-out hashtags come after the post's own words: "#RechercheEmploi" alone lit up three
            # seeker cues. Coaches, CV services and trainings use it too: a hashtag is evidence, capped.
            base = parsed.cue_body_length()
            from_tags = sum(e.weight for e in evidence if e.category == SEEKER and e.span[0] > base)
            if from_tags > TAG_SEEKER_CAP:
                scores[SEEKER] -= from_tags - TAG_SEEKER_CAP
        seeker_keys = {h.key for h in parsed.hashtags if is_seeker_tag(h.raw, self.seeker_tag)}
        has_seeker_tag = bool(seeker_keys)
        please_rt = any(h.key in ("pleasert", "plsrt", "pleaseretweet", "mercidert") for h in parsed.hashtags)
        if has_seeker_tag:
            scores[SEEKER] += 1.0
        if please_rt:
            scores[SEEKER] += 0.5
        tags_request = tags_thanks = tags_empty = False
        if tags_only(parsed):
            # Only hashtags: they are the whole message (see post_shape).
            keys = tag_keys(parsed)
            shown = " ".join(h.raw for h in parsed.hashtags)
            if has_tag_part(keys, INTERN_TAG_PARTS):
                scores[INTERN] += 3.0
                evidence.append(Evidence(INTERN, 3.0, "un hashtag de stage ou d'alternance", shown))
            elif has_tag_part(keys, FREELANCE_TAG_PARTS):
                scores[FREELANCE] += 3.0
                evidence.append(Evidence(FREELANCE, 3.0, "un hashtag de freelance", shown))
            elif has_tag_part(keys, OFFER_TAG_PARTS):
                scores[OFFER] += 3.0
                evidence.append(Evidence(OFFER, 3.0, "un hashtag de recrutement", shown))
            elif has_seeker_tag and has_location and (has_job_tag or bool(keys & FIELD_TAGS)):
                # "#PleaseRT #Logistique #Metz #i4EmploiR": a field names the job as well as a title does.
                tags_request = True
                scores[SEEKER] += 2.0
                evidence.append(Evidence(SEEKER, 2.0, TAGS_FORMAT_WHY, shown))
            elif keys & THANKS_TAGS and not keys & RELAY_TAGS and not has_job_tag and not has_location:
                # "#Merci #i4EmploiR 🙏": thanks, no relay asked, nothing to relay.
                tags_thanks = True
                scores[OTHER] += 3.0
                evidence.append(Evidence(OTHER, 3.0, "un remerciement en hashtags", shown))
            elif not (
                has_job_tag
                or has_location
                or parsed.profile_link
                or has_image
                or keys - RELAY_TAGS - seeker_keys
            ):
                # "#PleaseRT #i4EmploiR" and nothing else, no image to carry a request: nothing to relay.
                tags_empty = True
                scores[OTHER] += 3.0
                evidence.append(Evidence(OTHER, 3.0, "hashtags du collectif sans demande ni image", shown))
        elif (
            please_rt
            and has_seeker_tag
            and has_job_tag
            and has_location
            and scores[SEEKER] < 3.0
            and not any(scores[c] > 0 for c in (OFFER, INTERN, FREELANCE, OTHER))
            and SELF_DESCRIBED.search(cue, 0, body_end(parsed))
        ):
            # The collective's format (#PleaseRT #Métier #Ville #i4EmploiR) with a line of the person's own
            # experience and no word of any other category: as clear as the hashtags alone.
            scores[SEEKER] += 2.0
            evidence.append(Evidence(SEEKER, 2.0, TAGS_FORMAT_WHY, ""))
        if (
            (has_seeker_tag or please_rt)
            and has_location
            and scores[OFFER] < 2.0
            and ("cdi" in cue or "cdd" in cue)
            and _contract_word(cue)
            and FIRST_PERSON.search(cue)
        ):
            # A place, a contract and a first-person post under the collective's tags: the shape of
            # a request, even when the words around it are an update or a joke about job fairs.
            scores[SEEKER] += 1.0
        if bio_folded:
            for cat, w in self._bio_evidence(bio_folded):
                scores[cat] += w
        review: list[str] = []
        if tags_thanks:
            review.append("un remerciement en hashtags, sans demande : vérifier")
        if tags_empty:
            review.append("seulement les hashtags du collectif, sans métier, lieu ni image : vérifier")
        if (
            (has_seeker_tag or please_rt)
            and scores[OFFER] < 2.0
            and ("altern" in cue or "stage" in cue or "apprenti" in cue or "contrat" in cue)
            and INTERN_HEADING.search(parsed.text)
        ):
            # "#PleaseRT 🎓 Alternance Community Manager": a request headed by the contract sought, as the
            # collective's format heads it with the job (an offer's "Stage : …, gratification" is no request).
            scores[INTERN] += 3.0
            evidence.append(Evidence(INTERN, 3.0, "un stage ou une alternance en titre du message", ""))
        if "cherch" in cue and household_employer(cue):
            # "Je cherche une nounou 20 h/semaine, CESU": a household employs someone, with hours and pay
            # (the collective's rules: an offer), not a service asked of a tradesperson nor a job sought.
            drop_evidence(evidence, scores, OTHER, PRIVATE_SERVICE_WHY)
            drop_evidence(evidence, scores, SEEKER, frozenset((I_SEEK,)))
            scores[OFFER] += 4.0
            evidence.append(Evidence(OFFER, 4.0, "un particulier emploie quelqu'un (heures, CESU)", ""))
        if scores[OFFER] > 0 and scores[OTHER] >= 3.5 and PITCH.search(cue):
            pitch = any(e.category == OTHER and e.why in PITCH_WHY for e in evidence)
            if pitch and not any(e.category == OFFER and e.why in HIRING_WHY for e in evidence):
                scores[OFFER] *= 0.3  # "Vous cherchez un emploi ? Mon programme de coaching…": a pitch
        if (
            scores[FREELANCE] > 0
            and any(e.category == OFFER and e.why in PERSON_SOUGHT_WHY for e in evidence)
            and not FIRST_PERSON.search(cue, 0, body_end(parsed))
        ):
            # A freelance mission offered: the freelance words describe the mission, not the author.
            scores[FREELANCE] *= 0.3
            scores[OFFER] += 1.0
        if scores[OFFER] > 0 and scores[OTHER] >= 6.0:
            events = {e.why for e in evidence if e.category == OTHER and e.why in EVENT_WHY}
            if len(events) >= 2 and not any(e.why in PERSON_SOUGHT_WHY for e in evidence):
                # A job fair or a job dating announced ("2 000 contrats à pourvoir, entrée libre"): its
                # openings are the event's, not the author's offer (the collective's rules: "other").
                scores[OFFER] *= 0.5
        own_profile = parsed.profile_link is not None and "linkedin.com/company/" not in parsed.profile_link
        if own_profile:
            scores[SEEKER] += 0.75  # a personal profile link: people share theirs, companies link offers
        if scores[OFFER] > 0 and (has_seeker_tag or own_profile):
            structure = sum(e.weight for e in evidence if e.category == OFFER and e.why in STRUCTURE_WHY)
            if structure and scores[OFFER] - structure < 1.0:
                # Only headings speak for an offer, and the post carries a seeker's marks: a seeker
                # who laid the request out like an ad. Weaker, and a volunteer takes a look.
                scores[OFFER] -= structure * 0.5
                review.append("la demande est présentée comme une annonce (rubriques), à confirmer")

        # Rules of the collective --------------------------------------------------------------
        # The rules' regexes run only when their category scored (most posts: none of them).
        salaried = bool(SALARIED.search(cue)) if (scores[FREELANCE] > 0 or scores[INTERN] >= 2) else False
        if scores[FREELANCE] > 0 and (_either(cue) or (salaried and scores[SEEKER] >= 3)):
            # "CDI ou freelance", "freelance depuis 5 ans, je cherche un CDI": a salaried search.
            scores[SEEKER] += 1.5
            scores[FREELANCE] *= 0.3
        if scores[INTERN] >= 2:
            if _then_cdi(cue):
                scores[INTERN] += (
                    2.0  # "stage de fin d'études puis CDI": the internship is what is sought now
                )
                scores[SEEKER] *= 0.5
            elif _either_intern(cue):
                scores[SEEKER] += 1.5
            elif salaried and scores[SEEKER] >= 3 and scores[INTERN] < 4:
                scores[SEEKER] += 1.0  # a student asking for a CDI is a seeker
        if scores[OFFER] > 0 and scores[INTERN] > 0 and not FIRST_PERSON.search(cue):
            # An internship offered by a company is an offer.
            scores[OFFER] += 1.0
        if (
            scores[INTERN] > 0
            and any(e.why in APPLY_WHY for e in evidence)
            and not FIRST_PERSON.search(cue, 0, body_end(parsed))
        ):
            # "Stage de 6 mois en marketing…, envoyez CV", "6-month intern…, apply via link": nobody
            # speaks of themself and candidates are told how to apply: the internship is on offer.
            scores[INTERN] *= 0.5
            scores[OFFER] += 1.0
        if scores[OTHER] >= 4.5 and scores[SEEKER] >= 3 and not _STILL.search(cue):
            scores[SEEKER] -= 1.5  # "j'ai trouvé un CDI, merci": the search is over

        # The first category of _ORDER with the highest score (ties go to the safer verdict).
        top = _best(_ORDER, scores)
        s_top = scores[top]
        canonical = (has_seeker_tag and (has_job_tag or has_location or bool(parsed.profile_link))) or (
            please_rt and has_job_tag
        )
        if s_top < 1.0 or (top == SEEKER and s_top < 2.0):
            if canonical or (has_seeker_tag and s_top >= 1.0):
                top, s_top = SEEKER, scores[SEEKER]
                if not canonical:
                    review.append("aucune phrase ne dit clairement ce que la personne cherche")
            else:
                top = OTHER
                review.append("aucun indice décisif")
        s_top = scores[top]
        second = _best(_RUNNERS_UP[top], scores)
        s_second = scores[second]
        margin = s_top - s_second
        confidence = 0.5 + 0.5 * math.tanh(max(margin, 0.0) / 2.5)
        confidence *= min(1.0, 0.55 + s_top / 6)
        confidence = round(max(0.2, min(0.99, confidence)), 2)
        if top == SEEKER and scores[OFFER] >= 2.0:
            # Relaying a company's offer is the worst error: any real offer wording asks for a human.
            review.append("des formules d'offre d'emploi apparaissent aussi")
        elif (
            top == SEEKER
            and bio_folded
            and any(cat == OFFER and w >= 1.5 for cat, w in self._bio_evidence(bio_folded))
        ):
            review.append("la bio de l'auteur ressemble à celle d'un recruteur ou d'une entreprise")
        # Each doubt's regex runs only when a word it needs is in the post (most posts: none).
        if (
            top in (SEEKER, INTERN)
            and ("altern" in cue or "stage" in cue or "apprenti" in cue or "contrat pro" in cue)
            and _either_intern(cue)
        ):
            # "CDI ou alternance": relaying would be half wrong and refusing half wrong: a human decides.
            review.append("la personne accepte un CDI/CDD ou une alternance")
            if top == SEEKER and STUDYING.search(cue) and not CDI_PREFERRED.search(cue):
                # ... and is back in studies, the CDI not put first: the alternance fits the studies, so the
                # verdict leans to it (a volunteer still decides).
                top = INTERN
        if top == SEEKER and any(e.why == POST_IN_ALTERNANCE for e in evidence):
            # "un poste de comptable en alternance" outweighed by a seeker's bio or wording is still
            # an apprenticeship sought: never relayed without a human (issue 14's costly mistake).
            review.append("un poste en alternance est demandé : vérifier le contrat recherché")
        if top == SEEKER and any(w in cue for w in CHILD_WORDS) and FOR_A_CHILD.search(cue):
            review.append("un proche écrit pour son enfant : vérifier qu'il cherche un CDI ou un CDD")
        if top in (SEEKER, INTERN) and ("job" in cue or "ete" in cue) and _summer_job(cue):
            review.append("un job d'été ou d'étudiant : vérifier le contrat (salarié, pas un stage)")
        if s_top >= 1.0 and margin < 1.5 and s_second >= 1.5:
            review.append(f"indices contradictoires ({LABEL[top]} / {LABEL[second]})")
        if confidence < 0.6 and not review:
            review.append("peu d'indices décisifs")
        rivals: list[str] = []
        if top == SEEKER:
            cdi_first = scores[FREELANCE] > 0 and CDI_FIRST.search(cue) is not None
            intern_past = (
                past_intern
                and scores[INTERN] < 4
                and not any(e.why in INTERN_SEARCH_WHYS for e in evidence)
                and _contract_word(cue) is not None
            )
            rivals = [
                e.why
                for e in evidence
                if (
                    (e.category in _RIVALS and e.weight >= _RIVAL_WEIGHT)
                    or (e.category == OTHER and e.weight >= _OTHER_RIVAL_WEIGHT)
                )
                and not (cdi_first and e.category == FREELANCE and e.why in CDI_FIRST_WHY)
                and not (intern_past and e.category == INTERN)
            ]
            if bio_folded:
                rivals += [
                    f"bio : {LABEL[cat]}" for cat, _w in self._bio_evidence(bio_folded) if cat in _BIO_RIVALS
                ]
        evidence.sort(key=lambda e: (e.category != top, -e.weight))
        # Only the verdict's own clues are quoted in the reasons: the others keep an empty snippet.
        unquoted = [ev for ev in evidence[:2] if not ev.snippet and ev.category == top]
        for ev, quoted in zip(unquoted, parsed.cue_spans([ev.span for ev in unquoted]), strict=True):
            ev.snippet = " ".join(quoted.split())
        return Verdict(
            category=top,
            confidence=confidence,
            needs_review=bool(review),
            scores={k: round(v, 2) for k, v in scores.items()},
            evidence=evidence,
            review_why=review,
            rival_cues=rivals,
            tags_request=tags_request and top == SEEKER,
        )
