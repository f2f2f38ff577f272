"""The triage engine: one post in, one `TriageResult` out.

    triager = Triager(index=load_index(dir))     # compile once
    result = triager.triage(post)                # then ~100 µs per post

`triage(post, index)` is the one-shot convenience (it caches one `Triager` per index).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from colibri.core.classify import SEEKER, Classifier
from colibri.core.feedback import feedback_for
from colibri.core.jobs import contracts, extract_job
from colibri.core.location import COMMUNE, DEPARTEMENT, LANDMARK, REGION, Gazetteer
from colibri.core.parse import parse_post
from colibri.core.refindex import ReferenceIndex
from colibri.core.second_opinion import Calibration, SecondOpinion, load_calibration, load_default
from colibri.core.text import clean, fold
from colibri.core.types import Post, TriageResult
from colibri.core.verdict import reasons_for

# Texts longer than this are cut before the expensive passes: no social post is that long,
# and a 1 MB paste must not stall a worker.
MAX_TEXT: Final = 20_000
# Automatic approval's margins over a plain "eligible" verdict (chosen on the dev split and the
# never-tuned splits' coverage, never on their texts): the second opinion's probability of a request,
# well above its doubt threshold (0.23), and the calibrated confidence (0.9: the bins right >= 91 %
# of the time on dev).
AUTO_MIN_SECOND_OPINION: Final = 0.3
AUTO_MIN_CONFIDENCE: Final = 0.9
# When the rules are this sure (calibrated; the top bins of every split are right >= 99 % of the time), the
# second opinion's own doubt threshold is enough: on every split and blind1, the posts its margin alone held
# back (p between 0.23 and 0.3) were all true requests ("Je cherche un CDD de 6 mois…", p = 0.296).
AUTO_SURE_CONFIDENCE: Final = 0.97


@dataclass(frozen=True, slots=True)
class TriageSettings:
    """The collective's own choices (coordinators can change them)."""

    seeker_tag: str = "#i4EmploiR"
    member_tag: str = "#i4emploi"
    relay_tag: str = "#PleaseRT"  # the hashtag asking for a repost (the first tracked one)
    eligible_contracts: tuple[str, ...] = ("CDI", "CDD")  # an unspecified contract is eligible too
    language: str = "fr"
    relay_abroad: bool = True
    extra_keywords: tuple[str, ...] = field(default_factory=tuple)


# An author's bio is the same on every post: memoised in a plain dict, emptied when full (compiled, a
# dict lookup is a direct C call; a call through an lru_cache wrapper is a generic one).
_FOLDED_BIOS: Final[dict[str, str]] = {}


def _fold_bio(bio: str) -> str:
    folded = _FOLDED_BIOS.get(bio)
    if folded is None:
        if len(_FOLDED_BIOS) >= 20_000:
            _FOLDED_BIOS.clear()
        folded = _FOLDED_BIOS[bio] = fold(clean(bio[:2000]))
    return folded


class Triager:
    """Holds the compiled gazetteer and cue tables so triaging many posts is cheap."""

    def __init__(
        self,
        index: ReferenceIndex | None = None,
        settings: TriageSettings | None = None,
        second_opinion: SecondOpinion | bool | None = True,
        calibration: Calibration | bool | None = True,
    ) -> None:
        self.index = index
        # True: the shipped table; False/None: the rules' raw confidence (what the table is made from).
        self.calibration: Calibration | None = (
            load_calibration() if calibration is True else (calibration or None)
        )
        self.settings = settings or TriageSettings()
        # True: the shipped model (read here, once per engine); False/None: the rules alone.
        self.second_opinion: SecondOpinion | None = (
            load_default() if second_opinion is True else (second_opinion or None)
        )
        self.gazetteer = Gazetteer(index)
        self.classifier = Classifier(self.settings.seeker_tag, self.settings.member_tag)

    def _auto_doubts(
        self, cue_text: str, rival_cues: list[str], confidence: float, tags_request: bool = False
    ) -> list[str]:
        """Why an eligible post the rules found clear still waits for a human (empty: approve it alone).

        Automatic approval needs strong positive evidence, not just a winning score: no wording of a
        freelance, an internship or an offer anywhere (even outweighed), a second opinion that agrees
        with a margin, and a calibrated confidence that high. Each costs a little coverage; a relayed
        freelancer or offer costs far more (issue 14: precision first, coverage down to its floor)."""
        if rival_cues:
            shown = ", ".join(dict.fromkeys(rival_cues))
            return [f"des indices d'une autre catégorie apparaissent aussi ({shown})"]
        if self.second_opinion is not None:
            p = self.second_opinion.probability(cue_text)
            if p < self.second_opinion.threshold:
                # The rules would relay it alone; a model trained on other words doubts it: a human looks.
                return ["le second avis (modèle appris) doute qu'il s'agisse d'une demande d'emploi"]
            if p < AUTO_MIN_SECOND_OPINION and not tags_request and confidence < AUTO_SURE_CONFIDENCE:
                # (A post of hashtags alone in the collective's format gives the model too few words for
                # a margin: its doubt above still counts.)
                return [
                    "le second avis (modèle appris) n'est pas assez sûr qu'il s'agisse d'une demande d'emploi"
                ]
        if self.calibration is not None and confidence < AUTO_MIN_CONFIDENCE:
            return ["confiance trop basse pour une approbation sans bénévole"]
        return []

    def triage(self, post: Post) -> TriageResult:
        text = post.text or ""
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT]
        parsed = parse_post(text)
        bio = _fold_bio(post.author_bio or "")
        # Each hashtag is asked "is it a place?" by several stages: answer once per post.
        tag_places = self.gazetteer.tag_places(parsed)
        location = self.gazetteer.locate(parsed, tag_places=tag_places)
        place_tags = {
            key: place is not None and place.kind in (COMMUNE, LANDMARK, DEPARTEMENT, REGION)
            for key, place in tag_places.items()
        }
        job_title, rome_code, rome_label = extract_job(parsed, self.index, place_tags.__getitem__)
        location_tag = any(place_tags.values()) or any(
            h.key in ("fullremote", "remote", "teletravail") for h in parsed.hashtags
        )
        job_tag = False
        if job_title is not None:
            folded_title = fold(job_title)
            title_words = folded_title.split()
            head = title_words[0] if title_words else folded_title
            for h in parsed.hashtags:
                words = h.folded_words
                if (
                    words
                    and (words in folded_title or head.startswith(words.split()[0]))
                    and not place_tags[h.key]
                ):
                    job_tag = True
                    break
        verdict = self.classifier.classify(
            parsed, bio, job_tag, bool(location.departement or location.region), bool(post.has_image)
        )
        contract = contracts(parsed)
        eligible = verdict.category == SEEKER
        if eligible and contract and not set(contract) & set(self.settings.eligible_contracts):
            eligible = False
        if eligible and location.abroad and not location.departement and not self.settings.relay_abroad:
            eligible = False
        review_why = list(verdict.review_why)
        if (
            eligible
            and not (location.departement or location.region or location.remote or location.abroad)
            and not verdict.needs_review
        ):
            # Relaying a request nobody can place helps nobody; a misspelt place a volunteer can read.
            review_why.append("aucun lieu reconnu : vérifier la ville ou le département")
        confidence = self.calibration(verdict.confidence) if self.calibration else verdict.confidence
        if eligible and not review_why:
            review_why.extend(
                self._auto_doubts(parsed.cue_text(), verdict.rival_cues, confidence, verdict.tags_request)
            )
        if review_why != verdict.review_why:
            verdict.review_why = review_why
            verdict.needs_review = True
        result = TriageResult(
            id=str(post.id),
            category=verdict.category,
            eligible=eligible,
            needs_review=verdict.needs_review,
            confidence=confidence,
            job_title=job_title,
            rome_code=rome_code,
            rome_label=(self.index.rome_label(rome_code) if self.index and rome_code else None) or rome_label,
            location=location,
            contract=contract,
            links=list(parsed.urls),
            profile_link=parsed.profile_link,
            has_image=bool(post.has_image),
            hashtags=[h.raw for h in parsed.hashtags],
            reasons=reasons_for(verdict),
            auto_approvable=eligible and not verdict.needs_review,
        )
        if verdict.category == SEEKER:
            result.feedback = feedback_for(
                parsed,
                result,
                network=post.network,
                author_bio=post.author_bio,
                has_image=post.has_image,
                seeker_tag=self.settings.seeker_tag,
                relay_tag=self.settings.relay_tag,
                departement_name=self.gazetteer.dep_name.get(location.departement or ""),
                location_tag=location_tag,
                job_tag=job_tag,
            )
        return result


_DEFAULT: dict[int, Triager] = {}


def triage(post: Post, index: ReferenceIndex | None = None) -> TriageResult:
    """Triage one post with default settings (the compiled engine is cached per index)."""
    key = id(index)
    engine = _DEFAULT.get(key)
    if engine is None or engine.index is not index:
        if len(_DEFAULT) > 4:
            _DEFAULT.clear()
        engine = _DEFAULT[key] = Triager(index=index)
    return engine.triage(post)
