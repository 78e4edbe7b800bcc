# ruff: noqa: E501 (one phrase per line)
"""'Uw plan in het kort': the printed plan's last page, the main facts side by side in Dutch
and the person's language (issue 19 point 4). The phrases are shipped translations that a
certified translator still has to check, like the letter templates; free texts typed by the
regisseur (the agreements) stay in Dutch, and the page says so. A language without phrases
gets no summary page."""

from __future__ import annotations

from inburgering.brieven.selectors import written_date
from inburgering.languages import LANGUAGE_ENDONYMS, RTL_LANGUAGES

ISOLATE = "\u2068{}\u2069"  # a date or name keeps its order inside right-to-left text

PHRASES = {
    "nl": {
        "title": "Uw plan in het kort",
        "intro": "Dit is een korte samenvatting van uw plan. Het hele plan staat in het Nederlands op de pagina's hiervoor.",
        "route": "Uw leerroute",
        "b1": "B1-route: u leert Nederlands tot niveau B1",
        "onderwijs": "Onderwijsroute: u leert Nederlands om daarna te studeren",
        "z": "Z-route: u leert Nederlands en doet mee in de samenleving",
        "goal": "Uw hoofddoel",
        "werk": "Werk",
        "studie": "Studie",
        "participatie": "Meedoen in de samenleving",
        "term": "Uw inburgeringstermijn loopt tot en met {date}.",
        "talks": "Elke {weeks} weken praten we over hoe het gaat.",
        "map_pvt": "U doet ook de MAP (over werk in Nederland) en de PVT (u tekent de participatieverklaring).",
        "agreements": "Uw afspraken (in het Nederlands):",
        "regisseur": "Uw regisseur: {name}",
        "objection": "Bent u het niet eens met het plan? Schrijf dan vóór {date} een brief aan de gemeente.",
    },
    "en": {
        "title": "Your plan in short",
        "intro": "This is a short summary of your plan. The full plan is in Dutch on the pages before this one.",
        "route": "Your language route",
        "b1": "B1 route: you learn Dutch up to level B1",
        "onderwijs": "Education route: you learn Dutch in order to study afterwards",
        "z": "Z route: you learn Dutch and take part in society",
        "goal": "Your main goal",
        "werk": "Work",
        "studie": "Study",
        "participatie": "Taking part in society",
        "term": "Your civic integration term runs until {date}.",
        "talks": "Every {weeks} weeks we talk about how it is going.",
        "map_pvt": "You also do the MAP (about work in the Netherlands) and the PVT (you sign the participation statement).",
        "agreements": "Your agreements (in Dutch):",
        "regisseur": "Your integration coach: {name}",
        "objection": "Do you disagree with the plan? Then write a letter to the municipality before {date}.",
    },
    "ar": {
        "title": "خطتك باختصار",
        "intro": "هذا ملخص قصير لخطتك. الخطة الكاملة باللغة الهولندية في الصفحات السابقة.",
        "route": "مسار اللغة الخاص بك",
        "b1": "مسار B1: تتعلم الهولندية حتى المستوى B1",
        "onderwijs": "مسار التعليم: تتعلم الهولندية لتدرس بعد ذلك",
        "z": "مسار Z: تتعلم الهولندية وتشارك في المجتمع",
        "goal": "هدفك الرئيسي",
        "werk": "العمل",
        "studie": "الدراسة",
        "participatie": "المشاركة في المجتمع",
        "term": "تستمر مدة الاندماج الخاصة بك حتى {date}.",
        "talks": "كل {weeks} أسابيع نتحدث عن سير الأمور.",
        "map_pvt": "تشارك أيضًا في MAP (عن العمل في هولندا) وفي PVT (توقع على إعلان المشاركة).",
        "agreements": "اتفاقاتك (باللغة الهولندية):",
        "regisseur": "مرشدك: {name}",
        "objection": "هل لا توافق على الخطة؟ اكتب رسالة إلى البلدية قبل {date}.",
    },
    "fa": {
        "title": "برنامهٔ شما به‌طور خلاصه",
        "intro": "این خلاصهٔ کوتاهی از برنامهٔ شماست. برنامهٔ کامل به زبان هلندی در صفحه‌های پیشین آمده است.",
        "route": "مسیر زبان شما",
        "b1": "مسیر B1: هلندی را تا سطح B1 یاد می‌گیرید",
        "onderwijs": "مسیر تحصیلی: هلندی یاد می‌گیرید تا پس از آن تحصیل کنید",
        "z": "مسیر Z: هلندی یاد می‌گیرید و در جامعه مشارکت می‌کنید",
        "goal": "هدف اصلی شما",
        "werk": "کار",
        "studie": "تحصیل",
        "participatie": "مشارکت در جامعه",
        "term": "مهلت هم‌گرایی شما تا {date} است.",
        "talks": "هر {weeks} هفته دربارهٔ روند کار صحبت می‌کنیم.",
        "map_pvt": "شما همچنین MAP (دربارهٔ کار در هلند) و PVT (امضای بیانیهٔ مشارکت) را انجام می‌دهید.",
        "agreements": "توافق‌های شما (به زبان هلندی):",
        "regisseur": "راهنمای شما: {name}",
        "objection": "با برنامه موافق نیستید؟ پیش از {date} نامه‌ای به شهرداری بنویسید.",
    },
    "ti": {
        "title": "መደብኩም ብሓጺሩ",
        "intro": "እዚ ሓጺር ጽማቕ መደብኩም እዩ። ምሉእ መደብ ብሆላንድኛ ኣብ ቅድሚ እዚ ዘለዉ ገጻት ኣሎ።",
        "route": "መስመር ቋንቋኹም",
        "b1": "መስመር B1፡ ሆላንድኛ ክሳብ ደረጃ B1 ትመሃሩ",
        "onderwijs": "መስመር ትምህርቲ፡ ድሕሪኡ ንምምሃር ሆላንድኛ ትመሃሩ",
        "z": "መስመር Z፡ ሆላንድኛ ትመሃሩን ኣብ ሕብረተሰብ ትሳተፉን",
        "goal": "ቀንዲ ዕላማኹም",
        "werk": "ስራሕ",
        "studie": "ትምህርቲ",
        "participatie": "ኣብ ሕብረተሰብ ምስታፍ",
        "term": "ግዜ ምውህሃድኩም ክሳብ {date} ይቕጽል።",
        "talks": "ኣብ ነፍሲ ወከፍ {weeks} ሰሙን ብዛዕባ ከመይ ከም ዝኸይድ ንዛረብ።",
        "map_pvt": "MAP (ብዛዕባ ስራሕ ኣብ ኔዘርላንድ) ከምኡ'ውን PVT (ኣዋጅ ተሳትፎ ትፍርሙ) ትገብሩ።",
        "agreements": "ስምምዓትኩም (ብሆላንድኛ)፡",
        "regisseur": "ተሓጋጋዚኹም፡ {name}",
        "objection": "ምስቲ መደብ ኣይትሰማምዑን ዲኹም? ቅድሚ {date} ናብ ምምሕዳር ከተማ ደብዳቤ ጽሓፉ።",
    },
    "uk": {
        "title": "Ваш план коротко",
        "intro": "Це короткий виклад вашого плану. Повний план нідерландською мовою на попередніх сторінках.",
        "route": "Ваш мовний маршрут",
        "b1": "Маршрут B1: ви вивчаєте нідерландську до рівня B1",
        "onderwijs": "Освітній маршрут: ви вивчаєте нідерландську, щоб потім навчатися",
        "z": "Маршрут Z: ви вивчаєте нідерландську і берете участь у житті суспільства",
        "goal": "Ваша головна мета",
        "werk": "Робота",
        "studie": "Навчання",
        "participatie": "Участь у житті суспільства",
        "term": "Ваш термін інтеграції триває до {date}.",
        "talks": "Кожні {weeks} тижнів ми говоримо про те, як справи.",
        "map_pvt": "Ви також проходите MAP (про роботу в Нідерландах) і PVT (ви підписуєте декларацію про участь).",
        "agreements": "Ваші домовленості (нідерландською):",
        "regisseur": "Ваш координатор: {name}",
        "objection": "Не згодні з планом? Напишіть лист до муніципалітету до {date}.",
    },
    "tr": {
        "title": "Kısaca planınız",
        "intro": "Bu, planınızın kısa bir özetidir. Planın tamamı önceki sayfalarda Hollandacadır.",
        "route": "Dil yolunuz",
        "b1": "B1 yolu: B1 seviyesine kadar Hollandaca öğrenirsiniz",
        "onderwijs": "Eğitim yolu: sonra okumak için Hollandaca öğrenirsiniz",
        "z": "Z yolu: Hollandaca öğrenir ve topluma katılırsınız",
        "goal": "Ana hedefiniz",
        "werk": "İş",
        "studie": "Öğrenim",
        "participatie": "Topluma katılım",
        "term": "Uyum süreniz {date} tarihine kadar sürer.",
        "talks": "Her {weeks} haftada bir işlerin nasıl gittiğini konuşuruz.",
        "map_pvt": "Ayrıca MAP (Hollanda'da çalışma hakkında) ve PVT (katılım beyanını imzalarsınız) yaparsınız.",
        "agreements": "Anlaşmalarınız (Hollandaca):",
        "regisseur": "Rehberiniz: {name}",
        "objection": "Planı kabul etmiyor musunuz? {date} tarihinden önce belediyeye bir mektup yazın.",
    },
    "so": {
        "title": "Qorshahaaga oo kooban",
        "intro": "Kani waa soo koobid gaaban oo qorshahaaga ah. Qorshaha oo dhan wuxuu ku qoran yahay Nederlands bogagga ka horreeya.",
        "route": "Waddadaada luqadda",
        "b1": "Waddada B1: waxaad baranaysaa Nederlands ilaa heerka B1",
        "onderwijs": "Waddada waxbarashada: waxaad baranaysaa Nederlands si aad kadib wax u barato",
        "z": "Waddada Z: waxaad baranaysaa Nederlands oo aad ka qayb qaadanaysaa bulshada",
        "goal": "Hadafkaaga ugu weyn",
        "werk": "Shaqo",
        "studie": "Waxbarasho",
        "participatie": "Ka qayb qaadashada bulshada",
        "term": "Muddadaada is-dhexgalku waxay socotaa ilaa {date}.",
        "talks": "{weeks}-dii toddobaadba mar waxaan ka hadalnaa sida ay wax u socdaan.",
        "map_pvt": "Sidoo kale waxaad samaynaysaa MAP (shaqada Nederland) iyo PVT (waxaad saxiixaysaa bayaanka ka-qaybgalka).",
        "agreements": "Heshiisyadaada (Nederlands):",
        "regisseur": "La-taliyahaaga: {name}",
        "objection": "Miyaadan ku raacsanayn qorshaha? Ka hor {date} warqad u qor degmada.",
    },
}
PHRASES["prs"] = PHRASES["fa"]  # Dari in the Persian script, marked for a check like the rest

GOALS = {"werk": "werk", "onderwijs": "studie", "participatie": "participatie"}


def _lines(language: str, *, versie, termijn_end, regisseur_name, objection_date) -> list[str]:
    words = PHRASES[language]

    def value(text):
        return ISOLATE.format(text) if language in RTL_LANGUAGES else text

    lines = [words["intro"]]
    if versie.leerroute in words:
        lines.append(f"{words['route']}: {words[versie.leerroute]}")
    if versie.hoofddoel in GOALS:
        lines.append(f"{words['goal']}: {words[GOALS[versie.hoofddoel]]}")
    if termijn_end:
        lines.append(words["term"].format(date=value(written_date(termijn_end, language))))
    lines.append(words["talks"].format(weeks=versie.voortgang_frequentie_weken))
    if versie.leerroute != "onderwijs":
        lines.append(words["map_pvt"])
    lines.append(words["regisseur"].format(name=value(regisseur_name)))
    if objection_date:
        lines.append(words["objection"].format(date=value(written_date(objection_date, language))))
    return lines


def summary(language: str, *, versie, termijn_end, regisseur_name, objection_date) -> dict | None:
    """The summary page's content: the Dutch and the other language line by line; None when
    no summary was asked for or the language has no phrases."""
    if not language or language not in PHRASES or language == "nl":
        return None
    facts = {
        "versie": versie,
        "termijn_end": termijn_end,
        "regisseur_name": regisseur_name,
        "objection_date": objection_date,
    }
    return {
        "language": language,
        "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
        "names": (LANGUAGE_ENDONYMS["nl"], LANGUAGE_ENDONYMS[language]),
        "titles": (PHRASES["nl"]["title"], PHRASES[language]["title"]),
        "rows": list(zip(_lines("nl", **facts), _lines(language, **facts), strict=True)),
        "agreements_label": PHRASES["nl"]["agreements"],
        "agreements_label_other": PHRASES[language]["agreements"],
    }
