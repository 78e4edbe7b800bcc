"""The one way a page form is saved: validate every form, call the service, show refusals."""

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
