"""`colibri card`: render a seeker's skills card to a PNG, for volunteers preparing cards by hand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from colibri.cli import CommandError

HELP = "Dessiner la carte de compétences d'une personne (PNG) et afficher son texte alternatif."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--job", required=True, help="poste recherché, tel qu'écrit par la personne")
    parser.add_argument("--place", required=True, help='lieu : commune, département ou "télétravail"')
    parser.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="SKILL",
        help="une compétence (répéter l'option : 3 à 8 compétences)",
    )
    parser.add_argument(
        "-o", "--output", required=True, help="fichier PNG à écrire (- pour la sortie standard)"
    )
    parser.add_argument(
        "--shape", choices=("landscape", "square"), default="landscape", help="format de la carte"
    )
    parser.add_argument(
        "--contract", choices=("CDI", "CDD", "CDI ou CDD"), default="", help="contrat recherché (facultatif)"
    )
    parser.add_argument("--link", default="", help="lien du profil (LinkedIn, Viadeo…)")
    parser.add_argument("--pitch", default="", help="une phrase de présentation (facultatif)")
    parser.add_argument("--experience", type=int, default=None, metavar="YEARS", help="années d'expérience")
    parser.add_argument("--availability", default="", help='disponibilité, ex. "immédiatement"')
    parser.add_argument(
        "--hashtag", default="#i4EmploiR", help="mot-dièse du collectif (défaut : #i4EmploiR)"
    )
    parser.add_argument("--alt", action="store_true", help="afficher aussi le texte alternatif sur stderr")


def run(args: argparse.Namespace) -> int:
    from colibri.cards import CardInput, alt_text, render_card
    from colibri.cards.model import MAX_SKILLS, MIN_SKILLS

    skills = [s for s in (" ".join(s.split()) for s in args.skill) if s]
    if not MIN_SKILLS <= len(skills) <= MAX_SKILLS:
        raise CommandError(f"indiquez {MIN_SKILLS} à {MAX_SKILLS} options --skill (reçu : {len(skills)})")
    if not args.job.strip() or not args.place.strip():
        raise CommandError("--job et --place ne peuvent pas être vides")
    if args.experience is not None and not 0 <= args.experience <= 60:
        raise CommandError("--experience doit être compris entre 0 et 60 ans")
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
            raise CommandError(f"impossible d'écrire {args.output} : {exc.strerror}") from exc
        width, height = result.size
        print(f"{args.output}: {width}×{height} ({args.shape})", file=sys.stderr)
    if result.removed_chars:
        print(f"caractères non dessinables retirés : {' '.join(result.removed_chars)}", file=sys.stderr)
    if result.ellipsized:
        print(f"texte raccourci (trop long) : {', '.join(sorted(set(result.ellipsized)))}", file=sys.stderr)
    if args.alt:
        print(alt_text(card), file=sys.stderr)
    return 0
