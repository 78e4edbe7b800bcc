"""Sharing a dossier with chain partners (the regisseur's side) and a partner's home list."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import permissions
from inburgering.choices import domein_labels
from inburgering.dossier import sections as dossier_sections
from inburgering.dossier import selectors as dossier_selectors
from inburgering.models import Deling, Organisatie, Toestemming
from inburgering.permissions import guard
from inburgering.sharing import selectors as sharing_selectors
from inburgering.sharing import services as sharing_services
from inburgering.sharing.forms import ExtendForm, GrantForm, ReasonForm
from inburgering.web.form_handling import dossier_form_page
from inburgering.web.pagination import BoundedPaginator


def _overview_url(dossier) -> str:
    return reverse("delen_overview", kwargs={"dossier_id": dossier.pk})


def _back(dossier) -> dict:
    return {"back_url": _overview_url(dossier), "back_label": _("Back to sharing")}


@guard(permissions.EDIT_DOSSIER)
def delen_overview(request, dossier):
    shares = sharing_selectors.shares_of(dossier)
    return render(
        request,
        "inburgering/delen.html",
        {
            "dossier": dossier,
            "shares": shares,
            "consents": sharing_selectors.consents_of(dossier),
            "organisations": sorted({share.organisatie for share in shares}, key=str),
        },
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def delen_grant(request, dossier):
    form = GrantForm(request.POST or None)

    def save():
        sharing_services.grant_shares(actor=request.user, dossier=dossier, **form.cleaned_data)

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Share with a chain partner"),
        message=_("The domains have been shared."),
    )


def _share_or_404(dossier, deling_id) -> Deling:
    return get_object_or_404(
        Deling.objects.select_related("organisatie"), dossier=dossier, pk=deling_id
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def delen_extend(request, dossier, deling_id):
    deling = _share_or_404(dossier, deling_id)
    form = ExtendForm(request.POST or None, instance=deling)

    def save():
        sharing_services.extend_share(
            actor=request.user,
            deling_id=deling.pk,
            expected_version=form.expected_version(),
            valid_until=form.cleaned_data["valid_until"],
            reden=form.cleaned_data["reden"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Extend the share with %(name)s") % {"name": deling},
        message=_("The share has been extended."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def delen_revoke(request, dossier, deling_id):
    deling = _share_or_404(dossier, deling_id)
    form = ReasonForm(request.POST or None)

    def save():
        sharing_services.revoke_share(
            actor=request.user, deling_id=deling.pk, reden=form.cleaned_data["reden"]
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("End the share with %(name)s") % {"name": deling},
        message=_("The share has ended; the partner no longer sees this domain."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def toestemming_withdraw(request, dossier, toestemming_id):
    toestemming = get_object_or_404(
        Toestemming.objects.select_related("organisatie"),
        dossier=dossier,
        pk=toestemming_id,
        withdrawn_on__isnull=True,
    )
    form = ReasonForm(request.POST or None)

    def save():
        sharing_services.withdraw_consent(
            actor=request.user, toestemming_id=toestemming.pk, reden=form.cleaned_data["reden"]
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Withdraw the consent for %(name)s") % {"name": toestemming.organisatie},
        message=_("The consent has been withdrawn and the shares resting on it have ended."),
    )


@guard(permissions.EDIT_DOSSIER)
def delen_preview(request, dossier, organisatie_id):
    """The dossier page exactly as the partner sees it: the same page through its lens."""
    organisatie = get_object_or_404(Organisatie, pk=organisatie_id)
    lens = permissions.partner_lens(organisatie, dossier)
    if lens is permissions.NO_ACCESS:
        raise Http404
    return render(
        request,
        "inburgering/dossier_detail.html",
        {
            "dossier": dossier,
            "lens": lens,
            "preview_of": organisatie,
            "contact": dossier_selectors.contact_of(dossier) if lens.sees_address else None,
            "sections": dossier_sections.render_all(request, dossier, lens, preview=True),
        },
    )


@guard(permissions.AUTHENTICATED)
def partner_home(request):
    paginator = BoundedPaginator(
        dossier_selectors.partner_dossiers(request.user), settings.LIST_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    for dossier in page.object_list:
        dossier.shared_labels = domein_labels(dossier.shared_domeinen)
    return render(request, "inburgering/partner_home.html", {"page": page})
