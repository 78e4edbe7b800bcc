"""URL patterns; every view is wrapped by ``permissions.guard`` (the URL sweep test checks)."""

from django.contrib import admin
from django.urls import include, path

from inburgering.accounts import views as account_views
from inburgering.bijeenkomsten import views as bijeenkomst_views
from inburgering.dossier import handover_views, team_views
from inburgering.dossier import views as dossier_views
from inburgering.privacy import export_views
from inburgering.privacy import views as privacy_views
from inburgering.sharing import views as sharing_views
from inburgering.web import health

sharing_urls = [
    path("", sharing_views.delen_overview, name="delen_overview"),
    path("nieuw/", sharing_views.delen_grant, name="delen_grant"),
    path("<int:deling_id>/verlengen/", sharing_views.delen_extend, name="delen_extend"),
    path("<int:deling_id>/beeindigen/", sharing_views.delen_revoke, name="delen_revoke"),
    path(
        "toestemming/<int:toestemming_id>/intrekken/",
        sharing_views.toestemming_withdraw,
        name="toestemming_withdraw",
    ),
    path("voorbeeld/<int:organisatie_id>/", sharing_views.delen_preview, name="delen_preview"),
]

urlpatterns = [
    path("", dossier_views.home, name="home"),
    path("inloggen/", account_views.login, name="login"),
    path("inloggen/code/", account_views.two_factor_verify, name="two_factor_verify"),
    path("inloggen/app-koppelen/", account_views.two_factor_enrol, name="two_factor_enrol"),
    path(
        "inloggen/reservecodes/",
        account_views.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("health/", health.health, name="health"),
    path("uitloggen/", account_views.logout, name="logout"),
    path("dossiers/", dossier_views.caseload, name="caseload"),
    path("dossiers/nieuw/", dossier_views.dossier_register, name="dossier_register"),
    path(
        "dossiers/overdracht-ontvangen/",
        handover_views.receive_handover,
        name="receive_handover",
    ),
    path("team/wachtrij/", team_views.assignment_queue, name="assignment_queue"),
    path("team/toewijzen/", team_views.assign_dossiers, name="assign_dossiers"),
    path(
        "team/toewijzen/opdrachten/<int:job_id>/",
        team_views.assignment_job,
        name="assignment_job",
    ),
    path("team/waarneming/", team_views.waarnemingen, name="waarnemingen"),
    path(
        "team/waarneming/<int:waarneming_id>/beeindigen/",
        team_views.end_waarneming,
        name="end_waarneming",
    ),
    path("dossiers/<int:dossier_id>/", dossier_views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:dossier_id>/wijzigen/", dossier_views.dossier_edit, name="dossier_edit"),
    path(
        "dossiers/<int:dossier_id>/contact/", dossier_views.dossier_contact, name="dossier_contact"
    ),
    path("dossiers/<int:dossier_id>/delen/", include(sharing_urls)),
    path("dossiers/<int:dossier_id>/bijeenkomsten/", include("inburgering.bijeenkomsten.urls")),
    path("dossiers/<int:dossier_id>/brieven/", include("inburgering.brieven.urls")),
    path("agenda/", bijeenkomst_views.week, name="bijeenkomsten_week"),
    path("dossiers/<int:dossier_id>/inzage/", export_views.dossier_exports, name="dossier_exports"),
    path(
        "dossiers/<int:dossier_id>/inzage/<int:export_id>/<str:fmt>/",
        export_views.dossier_export_download,
        name="dossier_export_download",
    ),
    path("dossiers/<int:dossier_id>/afsluiten/", dossier_views.dossier_close, name="dossier_close"),
    path(
        "dossiers/<int:dossier_id>/heropenen/", dossier_views.dossier_reopen, name="dossier_reopen"
    ),
    path("dossiers/<int:dossier_id>/verhuizen/", dossier_views.dossier_move, name="dossier_move"),
    path("bewaartermijn/", export_views.retention_overview, name="retention_overview"),
    path("gedeeld/", sharing_views.partner_home, name="partner_home"),
    path("privacy/", privacy_views.privacy_home, name="privacy_home"),
    path(
        "privacy/dossiers/<int:dossier_id>/", privacy_views.privacy_dossier, name="privacy_dossier"
    ),
    path("privacy/gebruikers/<int:user_id>/", privacy_views.privacy_user, name="privacy_user"),
    path("dossiers/<int:dossier_id>/intake/", include("intake.urls")),
    path("dossiers/<int:dossier_id>/plan/", include("pip_plans.urls")),
    path("dossiers/<int:dossier_id>/voortgang/", include("voortgang.urls")),
    path("", include("voortgang.worklist_urls")),
    path("beheer/", admin.site.urls),
]

handler500 = "inburgering.web.errors.server_error"
