"""The one way a page form is saved: validate every form, call the service, show refusals."""

from django.contrib import messages
from django.shortcuts import redirect, render

from inburgering.services import ServiceError


def submitted(request, forms, save) -> bool:
    """True when the POSTed forms were valid and ``save`` (a service call) succeeded.

    A refusal by the service (a rule of the law, a stale version) is shown on the first form,
    which keeps everything the user typed.
    """
    if request.method != "POST" or not all(form.is_valid() for form in forms):
        return False
    try:
        save()
    except ServiceError as exc:
        forms[0].add_error(None, str(exc))
        return False
    return True


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
