"""Short answers in the seekers' other languages (`colibri.core.reply_languages`): yes / no, found a
job and its negations, still looking, do not contact me / delete, thanks, "no, thanks". Written from the
languages, in other words than blind set F's (whose answers the bench scores)."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    "text",
    [
        "Sí, ya tengo trabajo en una panadería",
        "Sim, arranjei emprego numa fábrica",
        "Sì, sono stata assunta in un hotel",
        "Ja, ich habe eine Stelle gefunden",
        "Ja hoor, ik heb een baan gevonden",
        "Am găsit de lucru la un restaurant",
        "Mam już pracę, dzięki",
        "İşe girdim, sağolun",
        "Iyeh l9it khedma f Casa",
        "Waaw, am naa liggéey",
        "Iyo nazwi mosala",
        "Wi, m jwenn yon travay",
        "Vâng, tôi đã tìm được việc rồi",
        "Da, nashla rabotu",
        "Evet!",
        "Tak.",
        "Awo, n ye baara sɔrɔ",  # Bambara
        "Eey, mi heɓii golle",  # Pulaar
        "Ih, ufiɣ axeddim",  # Kabyle
        "Eny, nahita asa aho",  # Malagasy
        "Našla jsem práci",  # Czech ("jsem" is no SMS "je")
        "Našao sam posao, hvala",
        "Igen, találtam munkát",
        "Po, gjeta punë",
        "Kyllä, löysin työn",
        "Haan, naukri mil gayi",
    ],
)
def test_it_reads_a_hire_in_another_language(text):
    assert classify_reply(text).intent == "hired"


@pytest.mark.parametrize(
    "text",
    [
        "Todavía no he encontrado nada",
        "Ainda estou à procura",
        "Não encontrei trabalho ainda",
        "Non ho ancora trovato niente",
        "Nein, ich suche noch",
        "Nee, ik zoek nog steeds",
        "Nu am găsit nimic încă",
        "Nie, jeszcze nie znalazłem pracy",
        "Hayır, henüz bulamadım",
        "Mazal ma l9it walou",
        "Gisuma liggéey ba leegi",
        "Nazwi mosala te, nazali kaka koluka",  # Lingala negates after the verb
        "M poko jwenn anyen, m ap chèche toujou",
        "Mi la pa trouv ankor",
        "Chưa, tôi vẫn đang tìm việc",
        "Net, poka ishchu",
        "Ainda não, obrigado.",  # "not yet, thanks" is no refusal
        "Ayi, n bɛ baara ɲini hali bi",
        "Alaa, miɗo yiyloo golle",
        "Tsia, mbola mitady asa",
        "Ne, pořád hledám",
        "Nem, még keresek",
        "Ochi, akoma psaxno",
        "Ei vielä, etsin edelleen",
        "Nahi, abhi bhi dhoondh raha hoon",
        "Ni, shche shukayu",
    ],
)
def test_it_reads_a_search_or_a_denied_hire_in_another_language(text):
    assert classify_reply(text).intent == "searching"


@pytest.mark.parametrize(
    "text",
    [
        "Bitte löschen Sie meine Daten",
        "Verwijder mijn gegevens alstublieft",
        "Vă rog nu mă mai contactați",
        "Proszę nie pisać do mnie więcej",
        "Beni aramayın lütfen",
        "Matb9awch tsiftu liya had les messages",
        "Pa kontakte m ankò souple",
        "Đừng nhắn tin cho tôi nữa",
        "Ne pishite mne bolshe",
        "Ne pišite mi više",
        "Iş buldum ama beni aramayın artık",  # a hire that asks not to be contacted: stop
        "Nie, dziękuję",  # a bare no with thanks: a polite refusal, as "non merci"
        "Hayır teşekkürler",
        "Deedeet, jerejef",
    ],
)
def test_it_reads_a_stop_in_another_language(text):
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    "text",
    ["Jërëjëf", "Melesi mingi", "Spasibo", "Teşekkür ederim", "Dziękuję bardzo", "Misaotra", "Tanemmirt"],
)
def test_it_reads_thanks_in_another_language_as_other(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Là, je suis au taf", "hired"),  # "la" is no darija "no"
        ("Si je trouve je vous dis", "other"),  # "si" is a condition, not a Spanish yes
        ("Ma sœur a trouvé un CDI", "hired"),  # "œ" folded as "oe"
    ],
)
def test_it_keeps_french_words_that_look_like_foreign_ones(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Gracias, pero ya no compartan mi anuncio", "stop"),
        ("Bedankt, maar haal het bericht weg", "stop"),
        ("Hvala, ali izbrišite oglas", "stop"),
        ("Kiitos, mutta poistakaa ilmoitus", "stop"),
        ("Shukriya, lekin post hata dijiye", "stop"),
        ("Choukran, ms7o l'annonce", "stop"),
        ("No, no vuelvan a escribirme", "stop"),
        ("Hayır, paylaşmayın artık", "stop"),
        ("Encontré trabajo, quiten el anuncio", "hired"),  # a hire with the post withdrawn
        ("Evet, iş buldum, ilanımı kaldırın", "hired"),
        ("Obrigado por tudo", "other"),
        ("Merci Ali", "other"),  # "ali" (Croatian "but") is a name here
    ],
)
def test_it_reads_thanks_or_no_followed_by_a_withdrawal_in_another_language(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Jo, merci pour le relais", "other"),  # a volunteer's name, not an Albanian "no"
        ("Haa, j'ai enfin trouvé", "hired"),
        ("Ali, merci pour tout", "other"),
    ],
)
def test_it_reads_names_and_laughter_at_the_start_as_no_yes_or_no(text, intent):
    assert classify_reply(text).intent == intent
