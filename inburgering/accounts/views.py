"""Logging in: the password, then the second factor (enrolling an app on the first login),
the backup codes once, and logging out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from inburgering import permissions
from inburgering.accounts import two_factor
from inburgering.accounts.forms import TokenForm
from inburgering.permissions import guard

BACKUP_CODES_SESSION_KEY = "two_factor_new_backup_codes"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """The password step; the code step follows at once."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True  # on to the code step

    def get_success_url(self):
        return f"{reverse('two_factor_verify')}?{urlencode({'next': _next_url(self.request)})}"


login = guard(permissions.PUBLIC)(LoginView.as_view())
logout = guard(permissions.LOGGED_IN)(auth_views.LogoutView.as_view())


@guard(permissions.LOGGED_IN)
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if permissions.is_verified(request.user):
        return redirect(_next_url(request))
    if two_factor.app_device(request.user) is None:
        return redirect(f"{reverse('two_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None, backup_allowed=True)
    if form.is_valid():
        device = two_factor.verified_device(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not correct. Try the newest code from your app."))
    return render(
        request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@guard(permissions.LOGGED_IN)
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """The first login: connect an authenticator app, then show the backup codes once."""
    if two_factor.app_device(request.user) is not None:
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_app(user=request.user, token=form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, two_factor.app_device(request.user))
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect(
                f"{reverse('two_factor_backup_codes')}?{urlencode({'next': _next_url(request)})}"
            )
        form.add_error("token", _("This code is not correct. Try the newest code from your app."))
    device = two_factor.pending_app_device(request.user)
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": two_factor.qr_svg(device),
            "key": two_factor.readable_key(device),
        },
    )


@guard(permissions.AUTHENTICATED)
def two_factor_backup_codes(request):
    """Shown once, right after enrolling: the codes are not stored readable anywhere else."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return render(
        request,
        "registration/two_factor_backup_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
