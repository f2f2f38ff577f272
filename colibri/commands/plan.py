"""`colibri plan`: plan a day of relays from a JSON instance file and print the plan with its reasons.

Useful to volunteers who want to see why the planner chose someone, and to tests. Input format:

    {
      "now": "2026-11-26T08:00:00+01:00",
      "slots": ["2026-11-26T09:00:00+01:00", "2026-11-26T18:00:00+01:00"],   # optional
      "timezone": "Europe/Paris",                                                 # optional
      "config": {"exposure_cap": 3, "min_reach": 300, "relevance_bonus": 1.0,     # all optional
                 "min_fresh_share": 0.5, "per_slot": 1, "min_value": 1.0,
                 "epsilon": 0.0, "population": null},
      "followers": {"did:plc:abc": {"region": "Bretagne", "family": "M"}},       # optional
      "requests": [{"id": "r1", "waiting_since": "2026-11-24T10:00:00+01:00",
                    "region": "Bretagne", "job_family": "M1203", "already_reached": 0,
                    "seeker_followers": ["did:plc:xyz"]}],
      "members": [{"id": "alice", "followers": ["did:plc:abc", "did:plc:def"],
                   "budget_day": 3, "budget_week_left": 10, "regions": ["Bretagne"],
                   "job_families": ["M"], "quiet_hours": ["22:00", "08:00"]},
                  {"id": "bob", "follower_count": 5400, "follower_regions": {"Bretagne": 0.2}}],
      "locked": [["r1", "alice"]], "excluded": [["r1", "bob"]]                     # optional
    }

Follower ids are any strings or integers; they are interned to dense ids here.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Plan the day's relays from a JSON file and print the plan with explanations.")

CONFIG_KEYS = (
    "exposure_cap",
    "min_reach",
    "relevance_bonus",
    "min_fresh_share",
    "per_slot",
    "min_value",
    "epsilon",
    "population",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "instance", help=_("JSON file describing requests, members and settings (- = standard input)")
    )
    parser.add_argument(
        "--text", action="store_true", help=_("one line per relay, in words, instead of JSON")
    )
    parser.add_argument("--indent", type=int, default=2, help=_("JSON indentation (default: 2)"))


def run(args: argparse.Namespace) -> int:
    from colibri.core.planner import plan

    try:
        raw = sys.stdin.read() if args.instance == "-" else Path(args.instance).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(
            _("cannot read %(path)s: %(reason)s") % {"path": args.instance, "reason": exc.strerror}
        ) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("invalid JSON (%(reason)s, line %(line)d)") % {"reason": exc.msg, "line": exc.lineno}
        ) from exc
    try:
        requests, members, config, profile, locked, excluded = load_instance(data)
        result = plan(requests, members, config, profile, locked=locked, excluded=excluded)
    except (KeyError, TypeError, ValueError) as exc:
        raise CommandError(_("invalid instance: %(reason)s") % {"reason": exc}) from exc
    if args.text:
        for a in result.assignments:
            print(
                f"{a.slot.astimezone(config_tz(config)).strftime('%H:%M')}  {a.member_id} → {a.request_id} : "
                f"{a.explanation_fr}"
            )
        below = result.stats["below_min_reach"]
        print(
            _(
                "Total reach: %(reach)d distinct followers credited (+ %(estimated)d estimated), "
                "%(relays)d relays"
            )
            % {
                "reach": result.total_reach,
                "estimated": round(result.total_estimated),
                "relays": len(result.assignments),
            }
            + (_("; below the minimum reach: %(ids)s") % {"ids": ", ".join(below)} if below else "")
        )
    else:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=args.indent or None))
    return 0


def config_tz(config: Any) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(config.timezone)


def _dt(value: Any, what: str) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(_("%(what)s without a time zone: %(value)s") % {"what": what, "value": value})
    return moment


def _hhmm(value: str) -> time:
    hour, minute = str(value).split(":")[:2]
    return time(int(hour), int(minute))


def load_instance(data: dict[str, Any]) -> tuple[Any, ...]:
    """(requests, members, config, profile, locked, excluded) from the JSON instance."""
    from colibri.core.audience import AudienceIndex
    from colibri.core.planner import PlanConfig, PlanMember, PlanRequest

    index = AudienceIndex()
    followers = data.get("followers") or {}
    index.describe_many(followers)
    requests = [
        PlanRequest(
            id=str(r["id"]),
            waiting_since=_dt(r["waiting_since"], "waiting_since"),
            region=r.get("region"),
            job_family=r.get("job_family"),
            already_reached=int(r.get("already_reached", 0)),
            seeker_followers=index.audience(r["seeker_followers"]) if r.get("seeker_followers") else None,
        )
        for r in data["requests"]
    ]
    members = []
    for m in data["members"]:
        quiet = m.get("quiet_hours")
        members.append(
            PlanMember(
                id=str(m["id"]),
                audience=index.audience(m["followers"]) if m.get("followers") is not None else None,
                follower_count=int(m.get("follower_count", 0)),
                budget_day=int(m.get("budget_day", 3)),
                budget_week_left=int(m.get("budget_week_left", 15)),
                regions=frozenset(m.get("regions") or ()),
                job_families=frozenset(m.get("job_families") or ()),
                quiet_hours=(_hhmm(quiet[0]), _hhmm(quiet[1])) if quiet else None,
                follower_regions=m.get("follower_regions"),
            )
        )
    settings = data.get("config") or {}
    unknown = set(settings) - set(CONFIG_KEYS)
    if unknown:
        raise ValueError(_("unknown settings: %(names)s") % {"names": ", ".join(sorted(unknown))})
    config = PlanConfig(
        now=_dt(data["now"], "now"),
        slots=tuple(_dt(s, "slot") for s in data.get("slots") or ()),
        timezone=data.get("timezone", "Europe/Paris"),
        **settings,
    )
    profile = index.profile() if followers else None
    locked = [(str(a), str(b)) for a, b in data.get("locked") or ()]
    excluded = [(str(a), str(b)) for a, b in data.get("excluded") or ()]
    return requests, members, config, profile, locked, excluded
