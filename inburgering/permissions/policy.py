"""Who may do what to which dossiers: roles, caseloads (assigned regisseur, teamleider of the
dossier's team) and shares, answered for one dossier (``can``, ``dossier_for``) and as
querysets (``dossiers_visible_to``) from the same conditions."""

from __future__ import annotations

import enum

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from inburgering.choices import Role, TeamRole
from inburgering.models import (
    AssignmentJob,
    AuditEvent,
    Deling,
    DossierMove,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Team,
    TeamMembership,
    User,
    Waarneming,
)


class Action(enum.StrEnum):
    VIEW = "view"  # the whole dossier: its caseload
    EDIT = "edit"
    VIEW_SHARED = "view_shared"  # the caseload, or a partner for the domains shared with it
    NOTE = "note"  # the caseload, or a partner that may add notes in a shared domain
    ASSIGN = "assign"  # the teamleider of the dossier's team: its regisseur, reopening it


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """Users with their role names and the regisseurs they stand in for today, read in the
    same query (``roles_of`` and ``stands_in_for`` use them): the request's user is read this
    way, so a page does not ask again."""
    names = Group.objects.filter(user=OuterRef("pk")).order_by("name").values("name")
    absent = _current_waarnemingen().filter(waarnemer=OuterRef("pk")).values("regisseur_id")
    led = _led_memberships().filter(user=OuterRef("pk")).values("team_id")
    return users.annotate(
        role_names=ArraySubquery(names),
        stands_in_for_ids=ArraySubquery(absent.order_by()),
        led_team_id_list=ArraySubquery(led),
    )


def _current_waarnemingen() -> QuerySet[Waarneming]:
    """Substitutions in force today: begun, not past their last day, not ended early. Asked at
    every request, so one ends at midnight of its last day without any job."""
    today = timezone.localdate()
    return Waarneming.objects.filter(starts_on__lte=today, ends_on__gte=today, ended_at=None)


def stands_in_for(user) -> tuple[int, ...]:
    """The regisseurs whose caseload the user works on today as waarnemer (glossary:
    Waarneming), read once per user object."""
    if not has_role(user, Role.REGISSEUR):
        return ()
    if not hasattr(user, "_inburgering_stands_in_for"):
        ids = getattr(user, "stands_in_for_ids", None)
        if ids is None:
            ids = (
                _current_waarnemingen()
                .filter(waarnemer=user.pk)
                .values_list("regisseur_id", flat=True)
            )
        user._inburgering_stands_in_for = tuple(sorted(set(ids)))
    return user._inburgering_stands_in_for


def current_waarneming(user, regisseur_id: int | None) -> Waarneming | None:
    """The substitution through which the user works on this regisseur's dossier today (the
    banner "Waarneming voor …"); None when it is the user's own or the user leads the team."""
    if regisseur_id is None or regisseur_id == user.pk or regisseur_id not in stands_in_for(user):
        return None
    return (
        _current_waarnemingen()
        .filter(waarnemer=user.pk, regisseur_id=regisseur_id)
        .select_related("regisseur")
        .order_by("ends_on")
        .last()
    )


def acting_for(user) -> tuple[int, ...]:
    """The user and the regisseurs they stand in for: whose dossiers, reminders and signals
    the user works on today."""
    return (user.pk, *stands_in_for(user))


def roles_of(user) -> frozenset[str]:
    """The user's role names, read once per user object."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, "_inburgering_roles"):
        names = getattr(user, "role_names", None)
        if names is None:
            names = user.groups.values_list("name", flat=True)
        user._inburgering_roles = frozenset(names)
    return user._inburgering_roles


def has_role(user, *roles: Role) -> bool:
    return not roles_of(user).isdisjoint(roles)


def _led_memberships() -> QuerySet[TeamMembership]:
    return TeamMembership.objects.filter(role=TeamRole.TEAMLEIDER).order_by("team_id")


def led_team_ids(user) -> tuple[int, ...]:
    """The teams the user leads, read once per user object (like ``roles_of``); the request's
    user brings them from ``with_roles``."""
    if not hasattr(user, "_inburgering_led_teams"):
        ids = getattr(user, "led_team_id_list", None)
        if ids is None:
            ids = _led_memberships().filter(user_id=user.pk).values_list("team_id", flat=True)
        user._inburgering_led_teams = tuple(ids)
    return user._inburgering_led_teams


def _caseload_condition(user, prefix: str = "") -> Q:
    """Dossiers on the user's caseload: assigned to them or to a regisseur they stand in for,
    or in a team they lead.

    ``prefix`` is the path from the queried model to its dossier (``"dossier__"``). The led
    teams are a list of ids, not a subquery: ``regisseur = x OR team IN (...)`` is answered
    from the two indexes, where an OR with EXISTS reads every dossier.
    """
    condition = Q(**{f"{prefix}regisseur_id__in": acting_for(user)})
    teams = led_team_ids(user)
    return condition | Q(**{f"{prefix}team_id__in": teams}) if teams else condition


def on_caseload(user, prefix: str = "") -> Q:
    """The caseload condition for users with a caseload role; matches nothing for others."""
    if not has_role(user, Role.REGISSEUR, Role.TEAMLEIDER):
        return Q(pk__in=[])
    return _caseload_condition(user, prefix)


def _caseload_rule(user, action: Action) -> Q | None:
    """The condition on a dossier's own row under which the user may perform one of the
    caseload's actions (view, edit, assign); None where the user may do it to no dossier.
    A condition on the row itself, so a page can read the answers along with the dossier."""
    if action == Action.ASSIGN:
        teams = led_team_ids(user) if has_role(user, Role.TEAMLEIDER) else ()
        return Q(team_id__in=teams) if teams else None
    if not has_role(user, Role.REGISSEUR, Role.TEAMLEIDER):
        return None
    return _caseload_condition(user)


def _filtered(user, action: Action, queryset: QuerySet[Inburgeraar] | None):
    queryset = Inburgeraar.objects.all() if queryset is None else queryset
    rule = _caseload_rule(user, action)
    return queryset.none() if rule is None else queryset.filter(rule)


def dossiers_visible_to(user, queryset: QuerySet[Inburgeraar] | None = None):
    """Every dossier the user may open; the base of every list, search and export.

    ``queryset`` lets a selector bring the joins its page needs; the policy still filters it.
    """
    return _filtered(user, Action.VIEW, queryset)


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
    return _filtered(user, Action.EDIT, queryset)


def dossiers_assignable_by(user, queryset: QuerySet[Inburgeraar] | None = None):
    """The dossiers whose regisseur the user may choose: those of the teams they lead. Not a
    regisseur's own (a caseload is divided by the team lead), not a substitute's."""
    return _filtered(user, Action.ASSIGN, queryset)


def regisseurs_serving(gemeenten) -> QuerySet[User]:
    """Active regisseurs in a team of any of these gemeenten (ids or a subquery); a user in
    two such teams is listed twice unless the caller asks for distinct rows."""
    return User.objects.filter(
        is_active=True,
        groups__name=Role.REGISSEUR,
        team_memberships__role=TeamRole.REGISSEUR,
        team_memberships__team__gemeente_id__in=gemeenten,
    )


def regisseurs_for(gemeente_ids) -> QuerySet[User]:
    """Active regisseurs in a team of each of these gemeenten: who may be given their
    dossiers (a dossier never changes gemeente by a reassignment; that is a move)."""
    gemeente_ids = set(gemeente_ids)
    return (
        regisseurs_serving(gemeente_ids)
        .annotate(gemeenten_served=Count("team_memberships__team__gemeente_id", distinct=True))
        .filter(gemeenten_served=len(gemeente_ids))
    )


def team_regisseurs(user) -> QuerySet[User]:
    """Active regisseurs of the teams the user leads: whose absence the user arranges."""
    if not can_assign_dossiers(user):
        return User.objects.none()
    members = TeamMembership.objects.filter(
        user=OuterRef("pk"), role=TeamRole.REGISSEUR, team_id__in=led_team_ids(user)
    )
    return User.objects.filter(Exists(members), is_active=True, groups__name=Role.REGISSEUR)


def assignment_jobs_of(user) -> QuerySet[AssignmentJob]:
    """A teamleider's own batches for another regisseur (the progress page)."""
    if not can_assign_dossiers(user):
        return AssignmentJob.objects.none()
    return AssignmentJob.objects.filter(actor_id=user.pk)


def waarnemingen_managed_by(user) -> QuerySet[Waarneming]:
    """The substitutions the user may see and end: those for regisseurs of teams they lead."""
    return Waarneming.objects.filter(regisseur__in=team_regisseurs(user))


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
    """The dossiers shared with the user's partner organisation, for its home list: those with
    a valid share (``Deling``) of the organisation. The list asks the shares alone: a share and
    its guardian grants are made and ended together (``sharing.services``), and opening a
    dossier asks guardian (``_shared``). PostgreSQL estimates one organisation's shares well,
    so it walks the name index and stops after a page; joined to guardian's table it guessed
    forty times too few and sorted them all (decision 0031)."""
    queryset = Inburgeraar.objects.all() if queryset is None else queryset
    if partner_group_id(user) is None:
        return queryset.none()
    return queryset.filter(
        Exists(
            Deling.objects.filter(
                dossier_id=OuterRef("pk"),
                organisatie_id=user.organisatie_id,
                valid_until__gte=timezone.localdate(),
            )
        )
    )


def _scoped(user, action: Action, queryset=None) -> QuerySet[Inburgeraar]:
    if action == Action.EDIT:
        return dossiers_editable_by(user, queryset)
    if action == Action.ASSIGN:
        return dossiers_assignable_by(user, queryset)
    if action in (Action.VIEW_SHARED, Action.NOTE):
        queryset = Inburgeraar.objects.all() if queryset is None else queryset
        shared = _shared(user, note=action == Action.NOTE)
        return queryset.filter(on_caseload(user) | Q(shared))
    return dossiers_visible_to(user, queryset)


CASELOAD_ACTIONS = (Action.VIEW, Action.EDIT, Action.ASSIGN)


def can(user, action: Action, dossier: Inburgeraar) -> bool:
    """May this user perform this action on this one dossier?

    Answered once per user object, like ``roles_of``: ``request.user`` lives for one
    request, so a page whose sections all ask costs one query.
    """
    answers = user.__dict__.setdefault("_inburgering_can", {})
    if (action, dossier.pk) not in answers:
        # The caseload's actions are asked together (a dossier page asks for all three).
        asked = CASELOAD_ACTIONS if action in CASELOAD_ACTIONS else (action,)
        found = Inburgeraar.objects.filter(pk=dossier.pk).values(**_may(user, asked)).first()
        _remember(answers, dossier.pk, asked, found or {})
    return answers[(action, dossier.pk)]


def dossier_for(user, dossier_id, action: Action = Action.VIEW, queryset=None) -> Inburgeraar:
    """Load one dossier for this user, or 404: a guessed URL never reveals that it exists.

    By default with what every dossier page shows in its heading (gemeente, team, regisseur).
    """
    if queryset is None:
        queryset = Inburgeraar.objects.select_related("gemeente", "team", "regisseur")
    try:
        dossier = (
            _scoped(user, action, queryset)
            .annotate(**_may(user, CASELOAD_ACTIONS))  # what ``can`` will be asked, read along
            .get(pk=dossier_id)
        )
    except (Inburgeraar.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    answers = user.__dict__.setdefault("_inburgering_can", {})
    answers[(action, dossier.pk)] = True
    _remember(answers, dossier.pk, CASELOAD_ACTIONS, dossier.__dict__)
    return dossier


def _may(user, actions) -> dict:
    return {f"may_{action}": _may_expression(user, action) for action in actions}


def _may_expression(user, action: Action):
    """Whether the user may perform the action on the row's dossier, as a column: the
    caseload's actions from the row itself, a partner's through its shares."""
    if action not in CASELOAD_ACTIONS:
        return Exists(_scoped(user, action).filter(pk=OuterRef("pk")))
    rule = _caseload_rule(user, action)
    return Value(False) if rule is None else ExpressionWrapper(rule, output_field=BooleanField())


def _remember(answers: dict, dossier_id: int, actions, found: dict) -> None:
    for action in actions:
        answers.setdefault((action, dossier_id), bool(found.get(f"may_{action}")))


def can_register_dossier(user) -> bool:
    return has_role(user, Role.REGISSEUR, Role.TEAMLEIDER)


def can_assign_dossiers(user) -> bool:
    """The team's queue and moving dossiers between regisseurs: a teamleider of a team."""
    return has_role(user, Role.TEAMLEIDER) and bool(led_team_ids(user))


def can_audit(user) -> bool:
    """The privacy officer's pages. Not the functioneel beheerder's: the trail holds a
    person's data (names, changed values), and the beheerder administers, never reads it."""
    return has_role(user, Role.PRIVACY_OFFICER)


def auditable_dossiers(user) -> QuerySet[Inburgeraar]:
    """The dossiers whose trail an auditor may read: those of the gemeenten the auditor works
    for, and those that moved away from one, annotated ``audit_until`` (the move: the trail
    up to it was that gemeente's). In a regional cooperation each gemeente is its own
    controller with its own FG."""
    if not can_audit(user):
        return Inburgeraar.objects.none()
    gemeenten = list(user.gemeenten.values_list("pk", flat=True))
    left = DossierMove.objects.filter(dossier=OuterRef("pk"), from_gemeente__in=gemeenten)
    return (
        Inburgeraar.objects.filter(Q(gemeente__in=gemeenten) | Exists(left))
        .annotate(
            audit_until=Case(
                When(gemeente__in=gemeenten, then=None),
                default=Subquery(left.order_by("-moved_at").values("moved_at")[:1]),
            )
        )
        .select_related("gemeente")
    )


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


def can_see_monitor(user) -> bool:
    """The monitor's aggregates: a teamleider (for the gemeenten of the teams they lead) and
    a beleidsmedewerker (for the gemeenten they work for); never a person's data."""
    return has_role(user, Role.TEAMLEIDER, Role.BELEIDSMEDEWERKER)


def monitor_gemeente_ids(user) -> tuple[int, ...]:
    """The gemeenten whose figures the user may read, read once per user object."""
    if not can_see_monitor(user):
        return ()
    if not hasattr(user, "_inburgering_monitor_gemeenten"):
        ids = set()
        if has_role(user, Role.TEAMLEIDER):
            ids |= set(
                Team.objects.filter(pk__in=led_team_ids(user)).values_list("gemeente_id", flat=True)
            )
        if has_role(user, Role.BELEIDSMEDEWERKER):
            ids |= set(user.gemeenten.values_list("pk", flat=True))
        user._inburgering_monitor_gemeenten = tuple(sorted(ids))
    return user._inburgering_monitor_gemeenten


def can_release_delivery(user) -> bool:
    """The contactpersoon inburgering: a teamleider or beleidsmedewerker whose account holds
    the permission to release the quarterly delivery (through the contactpersoon's group)."""
    return can_see_monitor(user) and user.has_perm("voortgang.release_kwartaallevering")


def sees_small_counts(user) -> bool:
    """Whether the monitor shows the user counts under five: a teamleider works with the
    people behind them; for everyone else (a beleidsmedewerker) they show as "<5", since a
    small count in a narrow filter can point to one person."""
    return has_role(user, Role.TEAMLEIDER) and bool(led_team_ids(user))


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
