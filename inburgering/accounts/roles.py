"""The role groups and the model permissions each needs, kept in step after every migrate."""

from django.contrib.auth.models import Group, Permission

from inburgering.choices import Role

# Model permissions each role's group holds: for Django admin, and the contactpersoon's
# release of the quarterly delivery. Casework access comes from the policy, not from these.
ADMIN_PERMISSIONS = {
    Role.FUNCTIONEEL_BEHEERDER: [
        f"{action}_{model}"
        for model in ("user", "team", "teammembership", "gemeente", "organisatie")
        for action in ("add", "change", "view")
    ]
    + ["view_group", "view_briefsjabloon", "change_briefsjabloon"]
    + [f"{action}_briefsjabloontekst" for action in ("add", "change", "view")],
    Role.CONTACTPERSOON: ["release_kwartaallevering"],
}


def sync_role_groups(**_kwargs) -> None:
    """Create every role's group with exactly its admin permissions (idempotent): a
    permission given by hand, or dropped from this list, is taken away again."""
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=["inburgering", "auth", "voortgang"],
                codename__in=ADMIN_PERMISSIONS.get(role, []),
            )
        )
