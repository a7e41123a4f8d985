"""Where sessions happen and where workers start from, for travel between visits (issue 14, item 2),
from postcodes held locally (`Postcode`, loaded by `manage.py load_postcodes`): no outside service.

A person's visits happen at their `VisitPlace` postcode. The person's record holds no address, and
the rota does not change lived/people, so the place where the rota visits someone is a small row of
the rota's own; without one, the person is visited at their service's address, whose last line is
its postcode (so a supported-living service's people and its shifts are all at the house). A worker
starts their day from their profile's home postcode. A postcode not found in `Postcode` (or none)
gives no place: the solver then needs no travel to or from it.

The solver turns places into travel times (lived/rota/solver/shifts.py: straight-line distance
times a detour factor at a set speed)."""

from __future__ import annotations

from lived.organisations.models import Service
from lived.rota.models import Postcode, StaffProfile, VisitPlace, normalise_postcode

Place = tuple[float, float]


def postcode_of_address(address: str) -> str:
    """The last non-empty line of an address, normalised (an address ends with its postcode)."""
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    return normalise_postcode(lines[-1]) if lines else ""


def locations_for(sessions, workers) -> tuple[dict[str, Place | None], dict[str, Place | None]]:
    """(session id -> (latitude, longitude) or None, worker id -> the same) for `SupportSession`s and
    the worker `User`s, ids as the solver's (str of the primary key). Four queries however many."""
    sessions = list(sessions)
    workers = list(workers)
    person_ids = {s.person_id for s in sessions if s.person_id}
    visited = dict(VisitPlace.objects.filter(person_id__in=person_ids).values_list("person_id", "postcode"))
    addresses = dict(
        Service.objects.filter(pk__in={s.service_id for s in sessions}).values_list("pk", "address")
    )
    service_postcodes = {pk: postcode_of_address(address) for pk, address in addresses.items()}
    homes = dict(
        StaffProfile.objects.filter(user_id__in=[w.pk for w in workers]).values_list(
            "user_id", "home_postcode"
        )
    )
    session_postcodes = {
        str(s.pk): normalise_postcode(visited.get(s.person_id, "")) or service_postcodes.get(s.service_id, "")
        for s in sessions
    }
    worker_postcodes = {str(w.pk): normalise_postcode(homes.get(w.pk, "")) for w in workers}
    wanted = {p for p in (*session_postcodes.values(), *worker_postcodes.values()) if p}
    places = {
        postcode: (latitude, longitude)
        for postcode, latitude, longitude in Postcode.objects.filter(postcode__in=wanted).values_list(
            "postcode", "latitude", "longitude"
        )
    }
    return (
        {sid: places.get(p) for sid, p in session_postcodes.items()},
        {wid: places.get(p) for wid, p in worker_postcodes.items()},
    )
