"""The rule every URL declares with ``@guard(rule)``: login, second factor, the policy's
answer (a 404 or 403 for anything else), and how each rule logs that a person's data was read.
A test walks all URL patterns and fails for a view without a rule, so access is denied by
default."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from inburgering.models import (
    AuditAction,
)
from inburgering.permissions.lens import lens_for
from inburgering.permissions.policy import (
    Action,
    assignment_jobs_of,
    auditable_dossiers,
    auditable_users,
    can_assign_dossiers,
    can_audit,
    can_manage_retention,
    can_register_dossier,
    can_release_delivery,
    can_see_monitor,
    can_use_admin,
    dossier_for,
    is_verified,
    waarnemingen_managed_by,
)
from inburgering.privacy import audit


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
        request.guarded_dossier = kwargs["dossier"]  # the page's banners read it
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
ASSIGN_DOSSIERS = _RoleRule("assign_dossiers", can_assign_dossiers)
MANAGE_WAARNEMING = _ScopedRecordRule(
    "manage_waarneming", "waarneming_id", "waarneming", waarnemingen_managed_by
)
TEAM_LOAD = _RoleRule("team_load", can_assign_dossiers)
ASSIGNMENT_JOB = _ScopedRecordRule("assignment_job", "job_id", "job", assignment_jobs_of)
REOPEN_DOSSIER = _DossierRule("reopen_dossier", Action.ASSIGN)
MOVE_DOSSIER = _DossierRule("move_dossier", Action.ASSIGN)
TEAM_RULES = (  # the teamleider's
    ASSIGN_DOSSIERS,
    MANAGE_WAARNEMING,
    TEAM_LOAD,
    ASSIGNMENT_JOB,
    REOPEN_DOSSIER,
    MOVE_DOSSIER,
)
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
MONITOR = _RoleRule("monitor", can_see_monitor)  # aggregates only; a person's data never
RELEASE_DELIVERY = _RoleRule("release_delivery", can_release_delivery)  # the contactpersoon
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
