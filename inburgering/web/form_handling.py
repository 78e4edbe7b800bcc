"""The one way a page form is saved: validate every form, call the service, show refusals.

Forms parse and validate; the view turns their cleaned data into plain data (``formset_rows``
for a list) and calls a service, which never sees a form.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inburgering.services import ConcurrentEditError, ServiceError


def submitted(request, forms, save) -> bool:
    """True when the POSTed forms were valid and ``save`` (a service call) succeeded.

    A refusal by the service (a rule of the law, a stale version) is shown on the first form,
    which keeps everything the user typed; after an edit conflict the forms carry the version
    now stored, so saving again (having read the other change) is a deliberate overwrite.
    """
    if request.method != "POST" or not all(form.is_valid() for form in forms):
        return False
    try:
        save()
    except ConcurrentEditError as exc:
        if exc.current_version is not None:
            for form in forms:
                carry_version(form, exc.current_version)
        forms[0].add_error(None, str(exc))
        return False
    except ServiceError as exc:
        forms[0].add_error(None, str(exc))
        return False
    return True


def carry_version(form, version: int) -> None:
    """Put the stored version in a bound form's data (a formset has no version of its own)."""
    if "lock_version" not in getattr(form, "fields", {}):
        return
    data = form.data.copy()
    data[form.add_prefix("lock_version")] = version
    form.data = data


def form_page(
    request,
    forms,
    save,
    *,
    message: str,
    success_url,
    template: str = "components/form_page.html",
    **context,
):
    """A form page: saved through ``save`` and redirected with ``message``, or shown (again,
    with its errors) as the first form plus formsets in ``template``.

    ``success_url`` may be a callable, for a page whose next step depends on what was saved.
    """
    if submitted(request, forms, save):
        messages.success(request, message)
        return redirect(success_url() if callable(success_url) else success_url)
    form, *formsets = forms
    return render(request, template, {"form": form, "formsets": formsets, **context})


def dossier_form_page(
    request,
    dossier,
    forms,
    save,
    *,
    title: str,
    message: str,
    back_url: str | None = None,
    success_url=None,
    back_label: str | None = None,
    template: str = "components/form_page.html",
    **context,
):
    """A form page of a dossier: the forms (the first one, then formsets) under ``title``,
    saved through ``save`` and then on to ``success_url`` (``back_url`` when not given, the
    dossier page when neither is) with ``message``."""
    back_url = back_url or dossier.get_absolute_url()
    return form_page(
        request,
        forms,
        save,
        message=message,
        success_url=success_url or back_url,
        template=template,
        dossier=dossier,
        title=title,
        back_url=back_url,
        back_label=back_label or _("Back"),
        **context,
    )


def model_data(form) -> dict:
    """A valid model form's fields as plain data for a service (``data=``)."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.fields}


def versioned_save(request, form, service, **ids):
    """The save of a one-form page whose service takes the row's ids, the version the form
    was opened at and the form's data (the optimistic lock, decision 0004)."""

    def save():
        service(
            actor=request.user,
            expected_version=form.expected_version(),
            data=model_data(form),
            **ids,
        )

    return save


def formset_rows(formset) -> list[dict]:
    """A valid model formset as plain rows for a service's ``save_rows``: every new or changed
    row with its form's fields, ``id`` (None for a new row) and ``delete``."""
    fields = list(formset.form._meta.fields)
    rows = []
    for form in formset.forms:
        row_id = form.instance.pk
        if formset.can_delete and formset._should_delete_form(form):
            if row_id is not None:
                rows.append({"id": row_id, "delete": True})
            continue
        if form.has_changed():
            values = {name: form.cleaned_data.get(name) for name in fields}
            rows.append({"id": row_id, "delete": False, **values})
    return rows
