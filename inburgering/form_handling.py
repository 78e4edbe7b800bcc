"""The one way a page form is saved: validate every form, call the service, show refusals."""

from django.contrib import messages
from django.shortcuts import redirect, render

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
