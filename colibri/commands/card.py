"""`colibri card`: render a seeker's skills card to a PNG, for volunteers preparing cards by hand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Draw a person's skills card (PNG) and show its alternative text.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--job", required=True, help=_("job wanted, as the person writes it"))
    parser.add_argument("--place", required=True, help=_('place: town, département or "remote"'))
    parser.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="SKILL",
        help=_("one skill (repeat the option: 3 to 8 skills)"),
    )
    parser.add_argument("-o", "--output", required=True, help=_("PNG file to write (- for standard output)"))
    parser.add_argument("--shape", choices=("landscape", "square"), default="landscape", help=_("card shape"))
    parser.add_argument(
        "--contract", choices=("CDI", "CDD", "CDI ou CDD"), default="", help=_("contract wanted (optional)")
    )
    parser.add_argument("--link", default="", help=_("profile link (LinkedIn, Viadeo…)"))
    parser.add_argument("--pitch", default="", help=_("one introduction sentence (optional)"))
    parser.add_argument(
        "--experience", type=int, default=None, metavar="YEARS", help=_("years of experience")
    )
    parser.add_argument("--availability", default="", help=_('availability, e.g. "immediately"'))
    parser.add_argument(
        "--hashtag", default="#i4EmploiR", help=_("the collective's hashtag (default: #i4EmploiR)")
    )
    parser.add_argument("--alt", action="store_true", help=_("also print the alternative text on stderr"))


def run(args: argparse.Namespace) -> int:
    from colibri.cards import CardInput, alt_text, render_card
    from colibri.cards.model import MAX_SKILLS, MIN_SKILLS

    skills = [s for s in (" ".join(s.split()) for s in args.skill) if s]
    if not MIN_SKILLS <= len(skills) <= MAX_SKILLS:
        raise CommandError(
            _("give %(min)d to %(max)d --skill options (got %(got)d)")
            % {"min": MIN_SKILLS, "max": MAX_SKILLS, "got": len(skills)}
        )
    if not args.job.strip() or not args.place.strip():
        raise CommandError(_("--job and --place cannot be empty"))
    if args.experience is not None and not 0 <= args.experience <= 60:
        raise CommandError(_("--experience must be between 0 and 60 years"))
    card = CardInput.build(
        job=args.job,
        place=args.place,
        skills=skills,
        contract=args.contract,
        experience_years=args.experience,
        availability=args.availability,
        pitch=args.pitch,
        link=args.link,
        hashtag=args.hashtag,
    )
    result = render_card(card, args.shape)
    if args.output == "-":
        sys.stdout.buffer.write(result.png)
    else:
        try:
            Path(args.output).write_bytes(result.png)
        except OSError as exc:
            raise CommandError(
                _("cannot write %(path)s: %(reason)s") % {"path": args.output, "reason": exc.strerror}
            ) from exc
        width, height = result.size
        print(f"{args.output}: {width}×{height} ({args.shape})", file=sys.stderr)
    if result.removed_chars:
        print(
            _("undrawable characters left out: %(chars)s") % {"chars": " ".join(result.removed_chars)},
            file=sys.stderr,
        )
    if result.ellipsized:
        print(
            _("text shortened (too long): %(parts)s") % {"parts": ", ".join(sorted(set(result.ellipsized)))},
            file=sys.stderr,
        )
    if args.alt:
        print(alt_text(card), file=sys.stderr)
    return 0
