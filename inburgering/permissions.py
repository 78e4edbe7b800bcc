"""The one permission policy: every view, task and export asks this module.

Two kinds of question, answered from one set of rules:
- one object: may this user do this to this dossier (``can``, ``dossier_for``);
- a queryset: which dossiers may this user see (``dossiers_visible_to``).

Caseload access is relational (assigned regisseur, teamleider of the dossier's team).
Every URL declares its rule with ``@guard(rule)``; a test walks all URL patterns and
fails for a view without one, so access is denied by default.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from inburgering import audit
from inburgering.choices import Leefgebied, Role, TeamRole, domein_labels
from inburgering.models import (
    AuditAction,
    AuditEvent,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    TeamMembership,
    User,
)


class Action(enum.StrEnum):
    VIEW = "view"  # the whole dossier: its caseload
    EDIT = "edit"
    VIEW_SHARED = "view_shared"  # the caseload, or a partner for the domains shared with it
    NOTE = "note"  # the caseload, or a partner that may add notes in a shared domain


def roles_of(user) -> frozenset[str]:
    """The user's role names, read once per user object."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, "_inburgering_roles"):
        user._inburgering_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._inburgering_roles


def has_role(user, *roles: Role) -> bool:
    return not roles_of(user).isdisjoint(roles)


def led_team_ids(user) -> tuple[int, ...]:
    """The teams the user leads, read once per user object (like ``roles_of``)."""
    if not hasattr(user, "_inburgering_led_teams"):
        user._inburgering_led_teams = tuple(
            TeamMembership.objects.filter(user_id=user.pk, role=TeamRole.TEAMLEIDER)
            .order_by("team_id")
            .values_list("team_id", flat=True)
        )
    return user._inburgering_led_teams


def _caseload_condition(user, prefix: str = "") -> Q:
    """Dossiers on the user's caseload: assigned to them, or in a team they lead.

    ``prefix`` is the path from the queried model to its dossier (``"dossier__"``). The led
    teams are a list of ids, not a subquery: ``regisseur = x OR team IN (...)`` is answered
    from the two indexes, where an OR with EXISTS reads every dossier.
    """
    condition = Q(**{f"{prefix}regisseur_id": user.pk})
    teams = led_team_ids(user)
    return condition | Q(**{f"{prefix}team_id__in": teams}) if teams else condition


def on_caseload(user, prefix: str = "") -> Q:
    """The caseload condition for users with a caseload role; matches nothing for others."""
    if not has_role(user, Role.REGISSEUR, Role.TEAMLEIDER):
        return Q(pk__in=[])
    return _caseload_condition(user, prefix)


def dossiers_visible_to(user, queryset: QuerySet[Inburgeraar] | None = None):
    """Every dossier the user may open; the base of every list, search and export.

    ``queryset`` lets a selector bring the joins its page needs; the policy still filters it.
    """
    queryset = Inburgeraar.objects.all() if queryset is None else queryset
    if not has_role(user, Role.REGISSEUR, Role.TEAMLEIDER):
        return queryset.none()
    return queryset.filter(_caseload_condition(user))


def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def shared_domein_exists(user, *, dossier, domein) -> Exists | Q:
    """Whether the user's partner organisation has a valid share of ``domein`` of ``dossier``,
    as a condition for an app's queryset (``dossier`` and ``domein`` are expressions such as
    ``OuterRef("dossier_id")``); matches nothing for users outside a partner organisation."""
    group_id = partner_group_id(user)
    if group_id is None:
        return Q(pk__in=[])
    return Exists(
        InburgeraarGroupObjectPermission.objects.filter(
            content_object_id=dossier,
            group_id=group_id,
            deling__domein=domein,
            deling__valid_until__gte=timezone.localdate(),
        )
    )


def dossiers_editable_by(user, queryset: QuerySet[Inburgeraar] | None = None):
    """Every dossier the user may change; today the same as the caseload."""
    return dossiers_visible_to(user, queryset)


# --- Shares with chain partners ------------------------------------------------------------


def partner_organisatie_id(user) -> int | None:
    """The user's partner organisation, if the user works for one."""
    return user.organisatie_id if has_role(user, Role.KETENPARTNER) else None


def partner_group_id(user) -> int | None:
    """The guardian group of the user's partner organisation; None for everyone else."""
    if not has_role(user, Role.KETENPARTNER) or user.organisatie_id is None:
        return None
    return user.organisatie.group_id


def _shared(user, *, note: bool = False, outer: str = "pk") -> Exists | Q:
    """Dossiers with a valid share for the user's organisation: an EXISTS on guardian's direct
    foreign-key table (dossier, group) joined to the share that says until when it holds.

    The share's organisation is named too (it is the group's by construction): it lets
    PostgreSQL start from the organisation's valid shares (their index) instead of reading
    every share there is."""
    group_id = partner_group_id(user)
    if group_id is None:
        return Q(pk__in=[])
    share = "deling_note" if note else "deling"
    return Exists(
        InburgeraarGroupObjectPermission.objects.filter(
            content_object_id=OuterRef(outer),
            group_id=group_id,
            **{
                f"{share}__organisatie_id": user.organisatie_id,
                f"{share}__valid_until__gte": timezone.localdate(),
            },
        )
    )


def shared_with(user, queryset: QuerySet[Inburgeraar] | None = None) -> QuerySet[Inburgeraar]:
    """The dossiers shared with the user's partner organisation (the partner's home list)."""
    queryset = Inburgeraar.objects.all() if queryset is None else queryset
    return queryset.filter(_shared(user))


def _shares_of_group(group_id: int | None, dossier: Inburgeraar) -> tuple[frozenset, frozenset]:
    """(view domeinen, note domeinen) shared with this group for this dossier, in one query."""
    if group_id is None:
        return frozenset(), frozenset()
    rows = (
        InburgeraarGroupObjectPermission.objects.filter(
            content_object_id=dossier.pk, group_id=group_id
        )
        .filter(
            Q(deling__valid_until__gte=timezone.localdate())
            | Q(deling_note__valid_until__gte=timezone.localdate())
        )
        .values_list("permission__codename", flat=True)
    )
    view, note = set(), set()
    for codename in rows:
        action, _sep, domein = codename.partition("_")
        (view if action == "view" else note).add(domein)
    return frozenset(view), frozenset(note & view)


@dataclass(frozen=True)
class Lens:
    """What one viewer may see of one dossier: all of it (its caseload) or the domeinen shared
    with a partner organisation. Pages render through a lens, so a partner's view and the
    regisseur's preview of it are the same rendering."""

    full: bool
    domeinen: frozenset = frozenset()
    note_domeinen: frozenset = frozenset()
    organisatie_id: int | None = None

    @property
    def leefgebieden(self) -> frozenset[Leefgebied]:
        """Health (AVG art. 9) is no domein, so no share ever shows it."""
        if self.full:
            return frozenset(Leefgebied)
        return frozenset(lg for lg in Leefgebied if lg.domein in self.domeinen)

    @property
    def domeinen_labels(self) -> list[str]:
        return domein_labels(self.domeinen)

    @property
    def note_leefgebieden(self) -> frozenset[Leefgebied]:
        if self.full:
            return frozenset(Leefgebied)
        return frozenset(lg for lg in Leefgebied if lg.domein in self.note_domeinen)


NO_ACCESS = Lens(full=False)


def lens_for(user, dossier: Inburgeraar) -> Lens:
    """The user's lens on this dossier, worked out once per user object and dossier."""
    lenses = user.__dict__.setdefault("_inburgering_lens", {})
    if dossier.pk not in lenses:
        if can(user, Action.VIEW, dossier):
            lenses[dossier.pk] = Lens(full=True)
        else:
            view, note = _shares_of_group(partner_group_id(user), dossier)
            lenses[dossier.pk] = Lens(False, view, note, user.organisatie_id) if view else NO_ACCESS
    return lenses[dossier.pk]


def partner_lens(organisatie, dossier: Inburgeraar) -> Lens:
    """What this organisation's users see of the dossier: the regisseur's preview."""
    view, note = _shares_of_group(organisatie.group_id, dossier)
    return Lens(False, view, note, organisatie.pk) if view else NO_ACCESS


def _scoped(user, action: Action, queryset=None) -> QuerySet[Inburgeraar]:
    if action == Action.EDIT:
        return dossiers_editable_by(user, queryset)
    if action in (Action.VIEW_SHARED, Action.NOTE):
        queryset = Inburgeraar.objects.all() if queryset is None else queryset
        shared = _shared(user, note=action == Action.NOTE)
        return queryset.filter(on_caseload(user) | Q(shared))
    return dossiers_visible_to(user, queryset)


def can(user, action: Action, dossier: Inburgeraar) -> bool:
    """May this user perform this action on this one dossier?

    Answered once per user object, like ``roles_of``: ``request.user`` lives for one
    request, so a page whose sections all ask costs one query.
    """
    answers = user.__dict__.setdefault("_inburgering_can", {})
    key = (action, dossier.pk)
    if key not in answers:
        answers[key] = _scoped(user, action).filter(pk=dossier.pk).exists()
    return answers[key]


def dossier_for(user, dossier_id, action: Action = Action.VIEW, queryset=None) -> Inburgeraar:
    """Load one dossier for this user, or 404: a guessed URL never reveals that it exists.

    By default with what every dossier page shows in its heading (gemeente, team, regisseur).
    """
    if queryset is None:
        queryset = Inburgeraar.objects.select_related("gemeente", "team", "regisseur")
    try:
        return _scoped(user, action, queryset).get(pk=dossier_id)
    except (Inburgeraar.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visible_leefgebieden(user, dossier: Inburgeraar) -> frozenset[Leefgebied]:
    """The life domains of this dossier whose findings and notes the user may see.

    Health is special-category data (AVG art. 9): only the dossier's regisseur and the
    teamleider of its team, i.e. those with caseload access, ever see it; a partner sees the
    leefgebieden of the domeinen shared with its organisation.
    """
    return lens_for(user, dossier).leefgebieden


def may_own_signaal(user, dossier: Inburgeraar, leefgebied: str) -> bool:
    """Whether a concern in this leefgebied may be handed to this colleague: a health concern
    only to those who already see the dossier's health data (AVG art. 9)."""
    if leefgebied != Leefgebied.GEZONDHEID:
        return True
    return Leefgebied.GEZONDHEID in visible_leefgebieden(user, dossier)


def leefgebieden_for_client_document(*, health_agreed: bool) -> frozenset[Leefgebied]:
    """What the printed plan for the person shows: health only if the person agreed."""
    if health_agreed:
        return frozenset(Leefgebied)
    return frozenset(Leefgebied) - {Leefgebied.GEZONDHEID}


def leefgebieden_for_handover() -> frozenset[Leefgebied]:
    """What a handover to another gemeente carries: never health (special-category data,
    AVG art. 9); the new gemeente asks again on its own ground."""
    return frozenset(Leefgebied) - {Leefgebied.GEZONDHEID}


def can_register_dossier(user) -> bool:
    return has_role(user, Role.REGISSEUR, Role.TEAMLEIDER)


def can_audit(user) -> bool:
    """The privacy officer's pages. Not the functioneel beheerder's: the trail holds a
    person's data (names, changed values), and the beheerder administers, never reads it."""
    return has_role(user, Role.PRIVACY_OFFICER)


def auditable_dossiers(user) -> QuerySet[Inburgeraar]:
    """The dossiers whose trail an auditor may read: those of the gemeenten the auditor works
    for. In a regional cooperation each gemeente is its own controller with its own FG."""
    if not can_audit(user):
        return Inburgeraar.objects.none()
    return Inburgeraar.objects.filter(gemeente__in=user.gemeenten.all()).select_related("gemeente")


def auditable_users(user) -> QuerySet[User]:
    """The accounts whose activity an auditor may read: anyone working for one of the
    auditor's gemeenten (directly, in a team there, or for a partner serving it), and anyone
    on record as having opened one of its dossiers."""
    if not can_audit(user):
        return User.objects.none()
    gemeenten = user.gemeenten.all()
    opened = AuditEvent.objects.filter(actor=OuterRef("pk"), dossier__gemeente__in=gemeenten)
    return (
        User.objects.filter(
            Q(gemeenten__in=gemeenten)
            | Q(team_memberships__team__gemeente__in=gemeenten)
            | Q(organisatie__gemeenten__in=gemeenten)
            | Exists(opened)
        )
        .select_related("organisatie")
        .distinct()
    )


def can_manage_retention(user) -> bool:
    """The dry run of the retention job: the functioneel beheerder manages retention."""
    return has_role(user, Role.FUNCTIONEEL_BEHEERDER)


def is_verified(user) -> bool:
    """Logged in with both factors (django-otp's middleware marks the user)."""
    check = getattr(user, "is_verified", None)  # absent outside a request
    return user.is_authenticated and check is not None and check()


def can_use_admin(user) -> bool:
    """Django admin is for the functioneel beheerder only, logged in with both factors."""
    return (
        user.is_active
        and is_verified(user)
        and (user.is_superuser or has_role(user, Role.FUNCTIONEEL_BEHEERDER))
    )


# --- URL rules -------------------------------------------------------------------------------


class Rule:
    """What guards a URL. ``enforce`` returns the view's kwargs, possibly enriched."""

    name = "rule"
    requires_login = True
    requires_second_factor = True  # logged in with a password and a code (two_factor.py)

    def enforce(self, request, kwargs: dict) -> dict:
        return kwargs

    def log_read(self, request, kwargs: dict) -> None:
        """Record that a person's data was read (GET and HEAD only); most pages read none."""

    def __repr__(self):
        return f"<Rule {self.name}>"


class _Public(Rule):
    """Pages anyone may open: the login page."""

    name = "public"
    requires_login = False
    requires_second_factor = False


class _LoggedIn(Rule):
    """The steps between the password and the code: the second factor, and logging out."""

    name = "logged_in"
    requires_second_factor = False


class _Authenticated(Rule):
    """Pages for any logged-in user whose content the policy scopes (such as the caseload)."""

    name = "authenticated"


class _RoleRule(Rule):
    def __init__(self, name: str, check: Callable[[object], bool]):
        self.name = name
        self._check = check

    def enforce(self, request, kwargs):
        if not self._check(request.user):
            raise PermissionDenied
        return kwargs


class RecordRule(Rule):
    """Pages about one record: the view receives it loaded through the policy, or a 404."""


class _DossierRule(RecordRule):
    """Pages about one dossier: the view receives the dossier, loaded through the policy."""

    def __init__(self, name: str, action: Action):
        self.name = name
        self.action = action

    def enforce(self, request, kwargs):
        kwargs = dict(kwargs)
        kwargs["dossier"] = dossier_for(request.user, kwargs.pop("dossier_id"), self.action)
        return kwargs

    def log_read(self, request, kwargs):
        dossier = kwargs["dossier"]
        audit.record_view(request, dossier, lens_for(request.user, dossier))


ReadLog = Callable[[object, object], None]  # (request, record): records that it was read


class _ScopedRecordRule(RecordRule):
    """Pages about one record outside a dossier's URL (a signal opened from a worklist)."""

    def __init__(
        self,
        name: str,
        kwarg: str,
        target: str,
        scope: Callable[[object], QuerySet],
        log: ReadLog | None = None,
    ):
        self.name = name
        self.kwarg = kwarg
        self.target = target
        self._scope = scope
        self._log = log

    def enforce(self, request, kwargs):
        kwargs = dict(kwargs)
        try:
            kwargs[self.target] = self._scope(request.user).get(pk=kwargs.pop(self.kwarg))
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        return kwargs

    def log_read(self, request, kwargs):
        if self._log is not None:
            self._log(request, kwargs[self.target])


def record_rule(
    name: str,
    *,
    kwarg: str,
    target: str,
    scope: Callable[[object], QuerySet],
    log: ReadLog | None = None,
):
    """A rule that loads ``kwarg``'s record from ``scope(user)`` (a queryset this module
    filtered) and passes it to the view as ``target``; anything outside the scope is a 404.
    ``log`` records the read when the record holds a person's data."""
    return _ScopedRecordRule(name, kwarg, target, scope, log)


def log_dossier_read(request, dossier_id: int, domein: str = "") -> None:
    """One dossier's data was read on a page that is not the dossier's own (a signal opened
    from the worklist, the dossier's audit trail)."""
    page = getattr(request.resolver_match, "url_name", "") or ""
    audit.record(request, AuditAction.DOSSIER_VIEWED, dossier_id, domein=domein, detail=page)


PUBLIC = _Public()
LOGGED_IN = _LoggedIn()
AUTHENTICATED = _Authenticated()
REGISTER_DOSSIER = _RoleRule("register_dossier", can_register_dossier)
VIEW_DOSSIER = _DossierRule("view_dossier", Action.VIEW)
VIEW_SHARED_DOSSIER = _DossierRule("view_shared_dossier", Action.VIEW_SHARED)
NOTE_DOSSIER = _DossierRule("note_dossier", Action.NOTE)
EDIT_DOSSIER = _DossierRule("edit_dossier", Action.EDIT)
AUDIT = _RoleRule("audit", can_audit)
# The auditor's reading of a trail is itself on the record.
AUDIT_DOSSIER = _ScopedRecordRule(
    "audit_dossier",
    "dossier_id",
    "audited",
    auditable_dossiers,
    log=lambda request, audited: log_dossier_read(request, audited.pk),
)
AUDIT_USER = _ScopedRecordRule("audit_user", "user_id", "subject", auditable_users)
AUDIT_RULES = (AUDIT, AUDIT_DOSSIER, AUDIT_USER)
MANAGE_RETENTION = _RoleRule("manage_retention", can_manage_retention)
ADMIN = _RoleRule("admin", can_use_admin)  # enforced by the admin site's has_permission


def guard(rule: Rule):
    """Declare and enforce the rule that guards a view; the URL sweep test reads ``guard_rule``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if rule.requires_login and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if rule.requires_second_factor and not is_verified(request.user):
                return redirect_to_login(request.get_full_path(), login_url="two_factor_verify")
            try:
                kwargs = rule.enforce(request, kwargs)
            except (Http404, PermissionDenied):
                audit.record(request, AuditAction.ACCESS_DENIED, detail=request.path)
                raise
            if request.method in ("GET", "HEAD"):
                rule.log_read(request, kwargs)
            return view(request, *args, **kwargs)

        wrapped.guard_rule = rule
        if not rule.requires_login:
            wrapped.login_required = False  # LoginRequiredMiddleware lets it through
        return wrapped

    return decorator
