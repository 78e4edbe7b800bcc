# ruff: noqa: E501 (a letter's paragraphs are one line each)
"""The letter templates the app ships with: B1 Dutch, and a translation in each letter
language that a certified translator still has to check (``reviewed`` stays false until the
beheerder confirms it). Loaded after migrate for each kind that has no template yet
(``load_shipped_templates``); after that the beheerder owns them.

Each text: (subject, body). Fields in square brackets; paragraphs separated by an empty line.
"""

NL = {
    "uitnodiging_intake": (
        "Uitnodiging voor een gesprek over inburgering",
        """Beste [naam],

U moet inburgeren in Nederland. De gemeente [gemeente] helpt u daarbij. Eerst hebben we een gesprek met u. We praten over uw leven, uw school, uw werk en uw gezondheid. Daarna maken we samen een plan.

Het gesprek is op [datum] om [tijd] uur.
Adres: [plaats]

Neem uw verblijfsdocument mee. Spreekt u nog weinig Nederlands? Dan is er een tolk.

Kunt u niet komen? Bel of mail dan zo snel mogelijk uw regisseur. Komt u niet en zegt u niet af? Dan krijgt u een waarschuwing. Daarna kan de gemeente u een boete geven.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
    "herinnering": (
        "Herinnering: uw afspraak op [datum]",
        """Beste [naam],

U heeft een afspraak met de gemeente [gemeente]. De afspraak is op [datum] om [tijd] uur.
Adres: [plaats]

Neem uw verblijfsdocument mee.

Kunt u niet komen? Bel of mail dan vandaag nog uw regisseur.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
    "waarschuwing": (
        "Waarschuwing: u kwam niet naar het gesprek",
        """Beste [naam],

U kwam niet naar het gesprek over uw inburgering. U had ook niet afgezegd. Dat mag niet. Daarom krijgt u deze waarschuwing.

U krijgt een nieuwe afspraak. Het gesprek is op [datum] om [tijd] uur.
Adres: [plaats]

Komt u weer niet? Dan krijgt u een boete van de gemeente.

Kunt u echt niet komen? Bel of mail dan vóór het gesprek uw regisseur.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
    "uitnodiging_voortgang": (
        "Uitnodiging voor een gesprek over uw plan",
        """Beste [naam],

U heeft een plan voor uw inburgering. We willen met u praten over hoe het gaat. Wat gaat goed? Wat is moeilijk? Moet er iets anders in uw plan?

Het gesprek is op [datum] om [tijd] uur.
Adres: [plaats]

Kunt u niet komen? Bel of mail dan uw regisseur.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
    "bij_pip": (
        "Uw plan voor inburgering",
        """Beste [naam],

Bij deze brief zit uw plan voor inburgering. In het plan staat wat u gaat doen. Welke taalroute u volgt. Welke examens u doet. En wat u afspreekt met de gemeente en met andere organisaties.

Lees het plan goed. Heeft u vragen? Bel of mail dan uw regisseur.

Bent u het niet eens met het plan? Dan kunt u bezwaar maken. Doe dat uiterlijk op [termijn]. Schrijf een brief aan de gemeente. Zet daarin waarom u het niet eens bent. Zet er ook uw naam, uw adres, de datum en uw handtekening in.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
    "ontzorgen": (
        "Besluit: de gemeente betaalt eerst uw vaste rekeningen",
        """Beste [naam],

U krijgt een bijstandsuitkering. In het begin betaalt de gemeente een paar vaste rekeningen voor u. Bijvoorbeeld uw huur en uw energie. Dat heet ontzorgen. Het geld daarvoor gaat van uw uitkering af. Dit duurt zes maanden.

Zo leert u rustig hoe geld en rekeningen in Nederland werken. U krijgt ook een cursus over geld.

Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Doe dat binnen zes weken na de datum van deze brief. Schrijf een brief aan de gemeente.

Met vriendelijke groet,
[regisseur]
Gemeente [gemeente]""",
    ),
}

TRANSLATIONS = {
    "en": {
        "uitnodiging_intake": (
            "Invitation to a meeting about civic integration",
            """Dear [naam],

You must complete civic integration in the Netherlands. The municipality of [gemeente] helps you with this. First we have a meeting with you. We talk about your life, your schooling, your work and your health. Then we make a plan together.

The meeting is on [datum] at [tijd].
Address: [plaats]

Bring your residence document. Do you speak little Dutch? Then there will be an interpreter.

Can you not come? Then call or email your integration coach as soon as possible. If you do not come and do not cancel, you will get a warning. After that the municipality can give you a fine.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
        "herinnering": (
            "Reminder: your appointment on [datum]",
            """Dear [naam],

You have an appointment with the municipality of [gemeente]. The appointment is on [datum] at [tijd].
Address: [plaats]

Bring your residence document.

Can you not come? Then call or email your integration coach today.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
        "waarschuwing": (
            "Warning: you did not come to the meeting",
            """Dear [naam],

You did not come to the meeting about your civic integration. You also did not cancel. This is not allowed. That is why you get this warning.

You get a new appointment. The meeting is on [datum] at [tijd].
Address: [plaats]

If you do not come again, the municipality will give you a fine.

Can you really not come? Then call or email your integration coach before the meeting.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "Invitation to a meeting about your plan",
            """Dear [naam],

You have a plan for your civic integration. We want to talk with you about how it is going. What goes well? What is difficult? Does something in your plan need to change?

The meeting is on [datum] at [tijd].
Address: [plaats]

Can you not come? Then call or email your integration coach.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
        "bij_pip": (
            "Your civic integration plan",
            """Dear [naam],

With this letter you receive your civic integration plan. The plan says what you are going to do: which language route you follow, which exams you take, and what you agree with the municipality and other organisations.

Read the plan carefully. Do you have questions? Then call or email your integration coach.

Do you disagree with the plan? Then you can object. Do this no later than [termijn]. Write a letter to the municipality. Say why you disagree, and write your name, your address, the date and your signature.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
        "ontzorgen": (
            "Decision: the municipality first pays your fixed bills",
            """Dear [naam],

You receive social assistance benefit. At the start, the municipality pays some fixed bills for you, for example your rent and your energy. This is called ontzorgen. The money for this is taken from your benefit. This lasts six months.

This way you can calmly learn how money and bills work in the Netherlands. You also get a course about money.

Do you disagree with this decision? Then you can object within six weeks after the date of this letter. Write a letter to the municipality.

Kind regards,
[regisseur]
Municipality of [gemeente]""",
        ),
    },
    "ar": {
        "uitnodiging_intake": (
            "دعوة إلى مقابلة بشأن الاندماج",
            """عزيزي/عزيزتي [naam]،

يجب عليك الاندماج في هولندا. وتساعدك بلدية [gemeente] في ذلك. في البداية نجري معك مقابلة. نتحدث فيها عن حياتك ودراستك وعملك وصحتك. بعد ذلك نضع معًا خطة.

المقابلة في [datum] الساعة [tijd].
العنوان: [plaats]

أحضر معك وثيقة الإقامة. هل تتحدث القليل من الهولندية؟ سيكون هناك مترجم.

هل لا تستطيع الحضور؟ اتصل بمرشدك أو راسله بالبريد الإلكتروني في أقرب وقت ممكن. إذا لم تحضر ولم تلغِ الموعد، ستحصل على إنذار. بعد ذلك يمكن للبلدية أن تفرض عليك غرامة.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
        "herinnering": (
            "تذكير: موعدك في [datum]",
            """عزيزي/عزيزتي [naam]،

لديك موعد مع بلدية [gemeente]. الموعد في [datum] الساعة [tijd].
العنوان: [plaats]

أحضر معك وثيقة الإقامة.

هل لا تستطيع الحضور؟ اتصل بمرشدك أو راسله اليوم.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
        "waarschuwing": (
            "إنذار: لم تحضر إلى المقابلة",
            """عزيزي/عزيزتي [naam]،

لم تحضر إلى المقابلة بشأن اندماجك، ولم تلغِ الموعد. هذا غير مسموح. لذلك تحصل على هذا الإنذار.

تحصل على موعد جديد. المقابلة في [datum] الساعة [tijd].
العنوان: [plaats]

إذا لم تحضر مرة أخرى، ستفرض عليك البلدية غرامة.

هل لا تستطيع الحضور حقًا؟ اتصل بمرشدك أو راسله قبل المقابلة.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "دعوة إلى مقابلة بشأن خطتك",
            """عزيزي/عزيزتي [naam]،

لديك خطة للاندماج. نريد أن نتحدث معك عن سير الأمور. ما الذي يسير بشكل جيد؟ ما الصعب؟ هل يجب تغيير شيء في خطتك؟

المقابلة في [datum] الساعة [tijd].
العنوان: [plaats]

هل لا تستطيع الحضور؟ اتصل بمرشدك أو راسله.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
        "bij_pip": (
            "خطتك للاندماج",
            """عزيزي/عزيزتي [naam]،

مرفق بهذه الرسالة خطتك للاندماج. في الخطة ما ستقوم به: مسار اللغة الذي تتبعه، والامتحانات التي تقدمها، وما تتفق عليه مع البلدية والمنظمات الأخرى.

اقرأ الخطة جيدًا. هل لديك أسئلة؟ اتصل بمرشدك أو راسله.

هل لا توافق على الخطة؟ يمكنك تقديم اعتراض. افعل ذلك في موعد أقصاه [termijn]. اكتب رسالة إلى البلدية. اكتب فيها لماذا لا توافق، واسمك وعنوانك والتاريخ وتوقيعك.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
        "ontzorgen": (
            "قرار: البلدية تدفع أولًا فواتيرك الثابتة",
            """عزيزي/عزيزتي [naam]،

تحصل على إعانة اجتماعية. في البداية تدفع البلدية بعض الفواتير الثابتة عنك، مثل الإيجار والطاقة. يسمى هذا "ontzorgen". يُخصم المال من إعانتك. يستمر ذلك ستة أشهر.

هكذا تتعلم بهدوء كيف يعمل المال والفواتير في هولندا. وتحصل أيضًا على دورة عن المال.

هل لا توافق على هذا القرار؟ يمكنك تقديم اعتراض خلال ستة أسابيع من تاريخ هذه الرسالة. اكتب رسالة إلى البلدية.

مع أطيب التحيات،
[regisseur]
بلدية [gemeente]""",
        ),
    },
    "fa": {
        "uitnodiging_intake": (
            "دعوت به گفت‌وگو دربارهٔ هم‌گرایی (اینبرخرینگ)",
            """[naam] گرامی،

شما باید در هلند دورهٔ هم‌گرایی را بگذرانید. شهرداری [gemeente] در این کار به شما کمک می‌کند. ابتدا با شما گفت‌وگو می‌کنیم. دربارهٔ زندگی، تحصیل، کار و سلامت شما صحبت می‌کنیم. سپس با هم یک برنامه می‌نویسیم.

گفت‌وگو در تاریخ [datum] ساعت [tijd] است.
نشانی: [plaats]

مدرک اقامت خود را همراه بیاورید. اگر هنوز کمی هلندی صحبت می‌کنید، مترجم حضور دارد.

نمی‌توانید بیایید؟ هرچه زودتر به راهنمای خود زنگ بزنید یا ایمیل بفرستید. اگر نیایید و لغو نکنید، اخطار می‌گیرید. پس از آن شهرداری می‌تواند شما را جریمه کند.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
        "herinnering": (
            "یادآوری: قرار شما در [datum]",
            """[naam] گرامی،

شما با شهرداری [gemeente] قرار دارید. قرار در تاریخ [datum] ساعت [tijd] است.
نشانی: [plaats]

مدرک اقامت خود را همراه بیاورید.

نمی‌توانید بیایید؟ همین امروز به راهنمای خود زنگ بزنید یا ایمیل بفرستید.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
        "waarschuwing": (
            "اخطار: شما به گفت‌وگو نیامدید",
            """[naam] گرامی،

شما به گفت‌وگو دربارهٔ هم‌گرایی خود نیامدید و آن را لغو هم نکردید. این کار مجاز نیست. به همین دلیل این اخطار را دریافت می‌کنید.

یک قرار تازه دارید. گفت‌وگو در تاریخ [datum] ساعت [tijd] است.
نشانی: [plaats]

اگر باز هم نیایید، شهرداری شما را جریمه می‌کند.

واقعاً نمی‌توانید بیایید؟ پیش از گفت‌وگو به راهنمای خود زنگ بزنید یا ایمیل بفرستید.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "دعوت به گفت‌وگو دربارهٔ برنامهٔ شما",
            """[naam] گرامی،

شما برای هم‌گرایی یک برنامه دارید. می‌خواهیم با شما دربارهٔ روند کار صحبت کنیم. چه چیزی خوب پیش می‌رود؟ چه چیزی سخت است؟ آیا باید چیزی در برنامه تغییر کند؟

گفت‌وگو در تاریخ [datum] ساعت [tijd] است.
نشانی: [plaats]

نمی‌توانید بیایید؟ به راهنمای خود زنگ بزنید یا ایمیل بفرستید.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
        "bij_pip": (
            "برنامهٔ هم‌گرایی شما",
            """[naam] گرامی،

برنامهٔ هم‌گرایی شما پیوست این نامه است. در برنامه آمده است که چه کاری انجام می‌دهید: کدام مسیر زبان را دنبال می‌کنید، کدام امتحان‌ها را می‌دهید و با شهرداری و سازمان‌های دیگر چه توافقی دارید.

برنامه را با دقت بخوانید. پرسشی دارید؟ به راهنمای خود زنگ بزنید یا ایمیل بفرستید.

با برنامه موافق نیستید؟ می‌توانید اعتراض کنید. این کار را حداکثر تا [termijn] انجام دهید. نامه‌ای به شهرداری بنویسید. در آن بنویسید چرا موافق نیستید و نام، نشانی، تاریخ و امضای خود را بگذارید.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
        "ontzorgen": (
            "تصمیم: شهرداری ابتدا قبض‌های ثابت شما را می‌پردازد",
            """[naam] گرامی،

شما کمک‌هزینهٔ اجتماعی دریافت می‌کنید. در آغاز، شهرداری چند قبض ثابت را برای شما می‌پردازد، مانند اجاره و انرژی. به این کار «ontzorgen» می‌گویند. این پول از کمک‌هزینهٔ شما کم می‌شود. این کار شش ماه طول می‌کشد.

این‌گونه با آرامش یاد می‌گیرید که پول و قبض‌ها در هلند چگونه کار می‌کنند. یک دورهٔ آموزشی دربارهٔ پول هم می‌گیرید.

با این تصمیم موافق نیستید؟ می‌توانید تا شش هفته پس از تاریخ این نامه اعتراض کنید. نامه‌ای به شهرداری بنویسید.

با احترام،
[regisseur]
شهرداری [gemeente]""",
        ),
    },
    "ti": {
        "uitnodiging_intake": (
            "ዕድመ ናብ ዘተ ብዛዕባ ምውህሃድ",
            """ክቡር/ክብርቲ [naam]፡

ኣብ ኔዘርላንድ ምውህሃድ ግድን ኣለኩም። ምምሕዳር ከተማ [gemeente] ኣብዚ ይሕግዘኩም። ቅድም ምሳኹም ዘተ ነካይድ። ብዛዕባ ህይወትኩም፡ ትምህርትኹም፡ ስራሕኩምን ጥዕናኹምን ንዛረብ። ድሕሪኡ ብሓባር መደብ ንሰርሕ።

እቲ ዘተ ብ[datum] ሰዓት [tijd] እዩ።
ኣድራሻ፡ [plaats]

ሰነድ መንበሪኹም ሒዝኩም ምጹ። ሆላንድኛ ቁሩብ ጥራይ እንተ ትዛረቡ፡ ተርጓሚ ይህሉ።

ክትመጹ ዘይትኽእሉ እንተ ኾይንኩም፡ ብቕልጡፍ ንተሓጋጋዚኹም ደውሉ ወይ ኢመይል ስደዱ። እንተ ዘይመጻእኩምን ዘይሰረዝኩምን፡ መጠንቀቕታ ክወሃበኩም እዩ። ድሕሪኡ ምምሕዳር ከተማ መቕጻዕቲ ገንዘብ ክህበኩም ይኽእል።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
        "herinnering": (
            "መዘኻኸሪ፡ ቆጸራኹም ብ[datum]",
            """ክቡር/ክብርቲ [naam]፡

ምስ ምምሕዳር ከተማ [gemeente] ቆጸራ ኣለኩም። እቲ ቆጸራ ብ[datum] ሰዓት [tijd] እዩ።
ኣድራሻ፡ [plaats]

ሰነድ መንበሪኹም ሒዝኩም ምጹ።

ክትመጹ ዘይትኽእሉ እንተ ኾይንኩም፡ ሎሚ ንተሓጋጋዚኹም ደውሉ ወይ ኢመይል ስደዱ።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
        "waarschuwing": (
            "መጠንቀቕታ፡ ናብቲ ዘተ ኣይመጻእኩምን",
            """ክቡር/ክብርቲ [naam]፡

ናብቲ ብዛዕባ ምውህሃድኩም ዝነበረ ዘተ ኣይመጻእኩምን። ከምኡ'ውን ኣይሰረዝኩምን። እዚ ኣይፍቀድን። ስለዚ እዚ መጠንቀቕታ ይወሃበኩም።

ሓድሽ ቆጸራ ይወሃበኩም። እቲ ዘተ ብ[datum] ሰዓት [tijd] እዩ።
ኣድራሻ፡ [plaats]

ደጊምኩም እንተ ዘይመጻእኩም፡ ምምሕዳር ከተማ መቕጻዕቲ ገንዘብ ክህበኩም እዩ።

ብሓቂ ክትመጹ ዘይትኽእሉ እንተ ኾይንኩም፡ ቅድሚ እቲ ዘተ ንተሓጋጋዚኹም ደውሉ ወይ ኢመይል ስደዱ።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "ዕድመ ናብ ዘተ ብዛዕባ መደብኩም",
            """ክቡር/ክብርቲ [naam]፡

ንምውህሃድኩም መደብ ኣለኩም። ብኸመይ ይኸይድ ከም ዘሎ ምሳኹም ክንዛረብ ንደሊ። እንታይ ጽቡቕ ይኸይድ ኣሎ? እንታይ ከቢድ እዩ? ኣብ መደብኩም ክቕየር ዘለዎ ነገር ኣሎ ድዩ?

እቲ ዘተ ብ[datum] ሰዓት [tijd] እዩ።
ኣድራሻ፡ [plaats]

ክትመጹ ዘይትኽእሉ እንተ ኾይንኩም፡ ንተሓጋጋዚኹም ደውሉ ወይ ኢመይል ስደዱ።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
        "bij_pip": (
            "መደብ ምውህሃድኩም",
            """ክቡር/ክብርቲ [naam]፡

ምስዚ ደብዳቤ መደብ ምውህሃድኩም ተተሓሒዙ ኣሎ። ኣብቲ መደብ እንታይ ከም እትገብሩ ተጻሒፉ ኣሎ፡ ኣየናይ መስመር ቋንቋ ከም እትስዕቡ፡ ኣየኖት ፈተናታት ከም እትወስዱ፡ ምስ ምምሕዳር ከተማን ካልኦት ትካላትን እንታይ ከም እትሰማምዑ።

ነቲ መደብ ብጥንቃቐ ኣንብብዎ። ሕቶ ኣለኩም ድዩ? ንተሓጋጋዚኹም ደውሉ ወይ ኢመይል ስደዱ።

ምስቲ መደብ እንተ ዘይተሰማማዕኩም፡ ተቓውሞ ከተቕርቡ ትኽእሉ ኢኹም። ክሳብ [termijn] ግበሩዎ። ናብ ምምሕዳር ከተማ ደብዳቤ ጽሓፉ። ስለምንታይ ከም ዘይተሰማማዕኩም፡ ስምኩም፡ ኣድራሻኹም፡ ዕለትን ፌርማኹምን ጽሓፉ።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
        "ontzorgen": (
            "ውሳነ፡ ምምሕዳር ከተማ ቅድም ቀወምቲ ሕሳባትኩም ይኸፍል",
            """ክቡር/ክብርቲ [naam]፡

ማሕበራዊ ሓገዝ ትቕበሉ ኣለኹም። ኣብ መጀመርታ ምምሕዳር ከተማ ገለ ቀወምቲ ሕሳባት ይኸፍለልኩም፡ ከም ክራይን ጉልበትን። እዚ "ontzorgen" ይበሃል። እቲ ገንዘብ ካብ ሓገዝኩም ይጉደል። እዚ ሽዱሽተ ወርሒ ይቕጽል።

በዚ ኣገባብ ገንዘብን ሕሳባትን ኣብ ኔዘርላንድ ብኸመይ ከም ዝሰርሑ ብህድኣት ትመሃሩ። ብዛዕባ ገንዘብ ኮርስ'ውን ይወሃበኩም።

ምስዚ ውሳነ እንተ ዘይተሰማማዕኩም፡ ኣብ ውሽጢ ሽዱሽተ ሰሙን ካብ ዕለት እዚ ደብዳቤ ተቓውሞ ከተቕርቡ ትኽእሉ ኢኹም። ናብ ምምሕዳር ከተማ ደብዳቤ ጽሓፉ።

ምስ ሰላምታ፡
[regisseur]
ምምሕዳር ከተማ [gemeente]""",
        ),
    },
    "uk": {
        "uitnodiging_intake": (
            "Запрошення на розмову про інтеграцію",
            """Шановний/шановна [naam],

Ви повинні пройти інтеграцію в Нідерландах. Муніципалітет [gemeente] допомагає вам у цьому. Спочатку ми проводимо з вами розмову. Ми говоримо про ваше життя, навчання, роботу та здоров'я. Потім разом складаємо план.

Розмова відбудеться [datum] о [tijd].
Адреса: [plaats]

Візьміть із собою документ про право на проживання. Ви ще мало говорите нідерландською? Тоді буде перекладач.

Не можете прийти? Якнайшвидше зателефонуйте або напишіть своєму координатору. Якщо ви не прийдете і не скасуєте зустріч, отримаєте попередження. Після цього муніципалітет може накласти на вас штраф.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
        "herinnering": (
            "Нагадування: ваша зустріч [datum]",
            """Шановний/шановна [naam],

У вас зустріч з муніципалітетом [gemeente]. Зустріч відбудеться [datum] о [tijd].
Адреса: [plaats]

Візьміть із собою документ про право на проживання.

Не можете прийти? Зателефонуйте або напишіть своєму координатору сьогодні.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
        "waarschuwing": (
            "Попередження: ви не прийшли на розмову",
            """Шановний/шановна [naam],

Ви не прийшли на розмову про вашу інтеграцію. Ви також не скасували зустріч. Так не можна. Тому ви отримуєте це попередження.

Ви отримуєте нову зустріч. Розмова відбудеться [datum] о [tijd].
Адреса: [plaats]

Якщо ви знову не прийдете, муніципалітет накладе на вас штраф.

Справді не можете прийти? Зателефонуйте або напишіть своєму координатору до розмови.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "Запрошення на розмову про ваш план",
            """Шановний/шановна [naam],

У вас є план інтеграції. Ми хочемо поговорити з вами про те, як справи. Що йде добре? Що складно? Чи потрібно щось змінити у вашому плані?

Розмова відбудеться [datum] о [tijd].
Адреса: [plaats]

Не можете прийти? Зателефонуйте або напишіть своєму координатору.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
        "bij_pip": (
            "Ваш план інтеграції",
            """Шановний/шановна [naam],

До цього листа додано ваш план інтеграції. У плані написано, що ви будете робити: який мовний маршрут проходите, які іспити складаєте і про що домовляєтеся з муніципалітетом та іншими організаціями.

Уважно прочитайте план. Маєте запитання? Зателефонуйте або напишіть своєму координатору.

Не згодні з планом? Ви можете подати заперечення. Зробіть це не пізніше [termijn]. Напишіть лист до муніципалітету. Вкажіть, чому ви не згодні, а також своє ім'я, адресу, дату та підпис.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
        "ontzorgen": (
            "Рішення: муніципалітет спочатку оплачує ваші постійні рахунки",
            """Шановний/шановна [naam],

Ви отримуєте соціальну допомогу. Спочатку муніципалітет оплачує за вас деякі постійні рахунки, наприклад оренду та енергію. Це називається «ontzorgen». Гроші на це віднімаються з вашої допомоги. Це триває шість місяців.

Так ви спокійно дізнаєтеся, як працюють гроші та рахунки в Нідерландах. Ви також пройдете курс про гроші.

Не згодні з цим рішенням? Ви можете подати заперечення протягом шести тижнів від дати цього листа. Напишіть лист до муніципалітету.

З повагою,
[regisseur]
Муніципалітет [gemeente]""",
        ),
    },
    "tr": {
        "uitnodiging_intake": (
            "Uyum hakkında bir görüşmeye davet",
            """Sayın [naam],

Hollanda'da uyum sürecini tamamlamanız gerekiyor. [gemeente] Belediyesi size bu konuda yardım ediyor. Önce sizinle bir görüşme yapıyoruz. Hayatınız, eğitiminiz, işiniz ve sağlığınız hakkında konuşuyoruz. Sonra birlikte bir plan yapıyoruz.

Görüşme [datum] tarihinde saat [tijd]'da.
Adres: [plaats]

Oturma belgenizi yanınızda getirin. Az Hollandaca mı konuşuyorsunuz? O zaman bir tercüman olacak.

Gelemiyor musunuz? Rehberinizi en kısa sürede arayın veya ona e-posta gönderin. Gelmez ve iptal etmezseniz bir uyarı alırsınız. Bundan sonra belediye size para cezası verebilir.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
        "herinnering": (
            "Hatırlatma: [datum] tarihli randevunuz",
            """Sayın [naam],

[gemeente] Belediyesi ile bir randevunuz var. Randevu [datum] tarihinde saat [tijd]'da.
Adres: [plaats]

Oturma belgenizi yanınızda getirin.

Gelemiyor musunuz? Rehberinizi bugün arayın veya ona e-posta gönderin.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
        "waarschuwing": (
            "Uyarı: görüşmeye gelmediniz",
            """Sayın [naam],

Uyum sürecinizle ilgili görüşmeye gelmediniz. Randevuyu iptal de etmediniz. Buna izin verilmez. Bu yüzden bu uyarıyı alıyorsunuz.

Yeni bir randevu alıyorsunuz. Görüşme [datum] tarihinde saat [tijd]'da.
Adres: [plaats]

Yine gelmezseniz belediye size para cezası verir.

Gerçekten gelemiyor musunuz? Görüşmeden önce rehberinizi arayın veya ona e-posta gönderin.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
        "uitnodiging_voortgang": (
            "Planınız hakkında bir görüşmeye davet",
            """Sayın [naam],

Uyum süreciniz için bir planınız var. İşlerin nasıl gittiği hakkında sizinle konuşmak istiyoruz. Ne iyi gidiyor? Ne zor? Planınızda bir şeyin değişmesi gerekiyor mu?

Görüşme [datum] tarihinde saat [tijd]'da.
Adres: [plaats]

Gelemiyor musunuz? Rehberinizi arayın veya ona e-posta gönderin.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
        "bij_pip": (
            "Uyum planınız",
            """Sayın [naam],

Bu mektubun ekinde uyum planınız var. Planda ne yapacağınız yazıyor: hangi dil yolunu izleyeceğiniz, hangi sınavlara gireceğiniz ve belediye ile diğer kuruluşlarla neler kararlaştırdığınız.

Planı dikkatle okuyun. Sorunuz mu var? Rehberinizi arayın veya ona e-posta gönderin.

Planı kabul etmiyor musunuz? İtiraz edebilirsiniz. Bunu en geç [termijn] tarihine kadar yapın. Belediyeye bir mektup yazın. Neden kabul etmediğinizi, adınızı, adresinizi, tarihi ve imzanızı yazın.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
        "ontzorgen": (
            "Karar: belediye önce sabit faturalarınızı öder",
            """Sayın [naam],

Sosyal yardım alıyorsunuz. Başlangıçta belediye sizin için bazı sabit faturaları öder, örneğin kiranızı ve enerjinizi. Buna "ontzorgen" denir. Bunun parası yardımınızdan düşülür. Bu altı ay sürer.

Böylece Hollanda'da para ve faturaların nasıl işlediğini sakin bir şekilde öğrenirsiniz. Para konusunda bir kurs da alırsınız.

Bu kararı kabul etmiyor musunuz? Bu mektubun tarihinden sonraki altı hafta içinde itiraz edebilirsiniz. Belediyeye bir mektup yazın.

Saygılarımızla,
[regisseur]
[gemeente] Belediyesi""",
        ),
    },
    "so": {
        "uitnodiging_intake": (
            "Martiqaad wada-hadal ku saabsan is-dhexgalka",
            """Mudane/Marwo [naam],

Waa inaad ku is-dhexgashaa Nederland. Degmada [gemeente] ayaa kaa caawinaysa arrintaas. Marka hore waxaan kula yeelanaynaa wada-hadal. Waxaan ka hadlaynaa noloshaada, waxbarashadaada, shaqadaada iyo caafimaadkaaga. Kadib waxaan si wadajir ah u samaynaynaa qorshe.

Wada-hadalku waa [datum] saacadda [tijd].
Cinwaanka: [plaats]

Keen dukumentiga deganaanshahaaga. Ma ku hadashaa Nederlands yar? Markaas turjubaan ayaa joogi doona.

Ma imaan kartid? Markaas sida ugu dhakhsaha badan u wac ama iimayl u dir la-taliyahaaga. Haddii aadan iman oo aadan joojin, waxaad heli doontaa digniin. Kadib degmadu waxay ku siin kartaa ganaax.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
        "herinnering": (
            "Xusuusin: ballantaada [datum]",
            """Mudane/Marwo [naam],

Waxaad ballan la leedahay degmada [gemeente]. Ballantu waa [datum] saacadda [tijd].
Cinwaanka: [plaats]

Keen dukumentiga deganaanshahaaga.

Ma imaan kartid? Maanta u wac ama iimayl u dir la-taliyahaaga.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
        "waarschuwing": (
            "Digniin: ma aadan iman wada-hadalka",
            """Mudane/Marwo [naam],

Ma aadan iman wada-hadalka ku saabsan is-dhexgalkaaga. Sidoo kale ma aadan joojin. Taasi lama oggola. Sidaas darteed waxaad helaysaa digniintan.

Waxaad helaysaa ballan cusub. Wada-hadalku waa [datum] saacadda [tijd].
Cinwaanka: [plaats]

Haddii aad mar kale iman weydo, degmadu waxay ku siin doontaa ganaax.

Runtii ma imaan kartid? Markaas ka hor wada-hadalka u wac ama iimayl u dir la-taliyahaaga.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
        "uitnodiging_voortgang": (
            "Martiqaad wada-hadal ku saabsan qorshahaaga",
            """Mudane/Marwo [naam],

Waxaad leedahay qorshe is-dhexgal. Waxaan rabnaa inaan kaala hadalno sida ay wax u socdaan. Maxaa si fiican u socda? Maxaa adag? Ma jiraa wax ku jira qorshahaaga oo ay tahay in la beddelo?

Wada-hadalku waa [datum] saacadda [tijd].
Cinwaanka: [plaats]

Ma imaan kartid? U wac ama iimayl u dir la-taliyahaaga.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
        "bij_pip": (
            "Qorshahaaga is-dhexgalka",
            """Mudane/Marwo [naam],

Warqaddan waxaa ku lifaaqan qorshahaaga is-dhexgalka. Qorshaha waxaa ku qoran waxaad samayn doonto: waddada luqadda ee aad raacayso, imtixaanaadka aad galayso iyo waxa aad ku heshiisay degmada iyo hay'adaha kale.

Si fiican u akhri qorshaha. Su'aalo ma qabtaa? U wac ama iimayl u dir la-taliyahaaga.

Miyaadan ku raacsanayn qorshaha? Waxaad gudbin kartaa diidmo. Samee ugu dambayn [termijn]. Warqad u qor degmada. Ku qor sababta aadan ugu raacsanayn, magacaaga, cinwaankaaga, taariikhda iyo saxiixaaga.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
        "ontzorgen": (
            "Go'aan: degmadu marka hore waxay bixinaysaa biilashaada joogtada ah",
            """Mudane/Marwo [naam],

Waxaad qaadataa gargaar bulsho. Bilowga, degmadu waxay kuu bixinaysaa biilal joogto ah, tusaale ahaan kirada iyo korontada. Tan waxaa la yiraahdaa "ontzorgen". Lacagta waxaa laga jarayaa gargaarkaaga. Tani waxay socon doontaa lix bilood.

Sidaas ayaad si degan ku baran doontaa sida lacagta iyo biilashu uga shaqeeyaan Nederland. Sidoo kale waxaad heli doontaa koorso ku saabsan lacagta.

Miyaadan ku raacsanayn go'aankan? Waxaad gudbin kartaa diidmo muddo lix toddobaad gudahood ah laga bilaabo taariikhda warqaddan. Warqad u qor degmada.

Salaan diirran,
[regisseur]
Degmada [gemeente]""",
        ),
    },
}
# Dari is written in the Persian script and close to Farsi; the Farsi text is shipped for it
# too, and marked for a translator's check like every shipped translation.
TRANSLATIONS["prs"] = TRANSLATIONS["fa"]


def load_shipped_templates(**_kwargs) -> None:
    """After every migrate (and a test database's flush): each kind of letter that has no
    template yet gets the shipped one. A template that exists is the beheerder's and is never
    touched."""
    from inburgering.models import Briefsjabloon, BriefsjabloonTekst

    for kind, (subject, body) in NL.items():
        template, created = Briefsjabloon.objects.get_or_create(kind=kind)
        if not created:
            continue
        texts = [BriefsjabloonTekst(language="nl", subject=subject, body=body, reviewed=True)]
        for language, translated in TRANSLATIONS.items():
            texts.append(
                BriefsjabloonTekst(
                    language=language, subject=translated[kind][0], body=translated[kind][1]
                )
            )
        for text in texts:
            text.template = template
            text.save()
