# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""Short answers in the languages a French collective's seekers write in (issue 16, blind set F).

A seeker answers "avez-vous trouvé ?" in their own language as often as in French: "Nie, nadal szukam",
"Evet, iş buldum", "Déedéet, maa ngi wut liggéey". Nothing recognised is a stop by default, so each of
those was read as a request to stop. This lexicon holds, per language, the few things a short answer
says: yes, no, found a job (and its negations), still looking, stop contacting me / delete, thanks.

Written from the languages themselves, not from the answers of any file, on text folded by
`reply_text.fold_answer` (lower case, accents off, "ł ı đ ø" spelled as "l i d o", hyphens as spaces:
"m-am angajat" is "m am angajat", "hâlâ arıyorum" is "hala ariyorum"). Creoles and darija are written
in several spellings; the common ones are listed.

Negation: most of these languages negate before the verb ("nie znalazłam", "n-am găsit", "m pa
jwenn", "chưa tìm được"), which `NEG_BEFORE` reads in the three words before a found phrase; Lingala
negates after it ("nazwi mosala te"), read by `NEG_AFTER`; Turkish and Wolof negate inside the word
("bulamadım", "gisuma"), so their negative forms are written out as searches.

Yes and no words are read only as the first word of the answer and followed by a pause or the end
("Tak, …", "Nu.", "Waaw !"): "da", "ja", "si", "te" are also words of French or English sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from colibri.core.reply_lexicon import HIRED, NO, SEARCHING, STOP_PERSON, STOP_POST, YES


@dataclass(frozen=True, slots=True)
class Language:
    name: str
    yes: str = ""  # yes words, answer-initial
    no: str = ""  # no words, answer-initial
    found: str = ""  # found a job / got hired (positive form; a negation before or after denies it)
    searching: str = ""  # still looking, not yet, negative forms of "found"
    stop: str = ""  # do not contact me, delete my data, stop (whatever else is said: a stop)
    thanks: str = ""


LANGUAGES: tuple[Language, ...] = (
    Language(
        "espagnol",
        yes=r"si|claro|claro que si",
        no=r"no|todavia no|aun no|para nada",
        found=r"(?:encontre|he encontrado|consegui|he conseguido|tengo|ya tengo) (?:un |una |el )?(?:trabajo|empleo|curro|puesto|chamba|laburo)|me (?:han )?(?:contratad[oa]|contrataron|cogieron|eligieron)|ya trabajo|estoy trabajando|empiezo (?:el lunes|manana|a trabajar)",
        searching=r"sigo buscando|busco todavia|(?:todavia|aun) (?:no|estoy buscando|busco|nada)|no he encontrado|no encontre|nada (?:todavia|aun|por ahora)|(?:todavia|aun) sin (?:trabajo|empleo)",
        stop=r"no me (?:contacten|contactes|escriban|escribas|manden|molesten|llamen)|(?:borren|borra|eliminen|elimina|quiten|quita) (?:mis datos|mi (?:anuncio|publicacion|perfil|nombre))|dejen de (?:escribirme|contactarme|molestarme|mandarme)|no quiero (?:mas )?(?:mensajes|que me)",
        thanks=r"gracias|muchas gracias|mil gracias",
    ),
    Language(
        "portugais",
        yes=r"sim|claro",
        no=r"nao|ainda nao",
        found=r"(?:encontrei|arranjei|consegui|achei|tenho|ja tenho) (?:um |uma |o )?(?:trabalho|emprego|servico|vaga|posto)|(?:fui|ja fui) (?:contratad[oa]|admitid[oa]|chamad[oa])|(?:ja )?estou (?:a )?trabalh\w*|comeco (?:a trabalhar|segunda|amanha)",
        searching=r"continuo (?:a )?procur\w*|ainda (?:nao|estou a procura|procuro|procurando|nada)|(?:nao|ainda nao) (?:encontrei|consegui|achei|arranjei)|estou a procura|sigo procurando|nada ainda",
        stop=r"nao me (?:contactem|contacte|escrevam|mandem|liguem|incomodem)|(?:apaguem|apague|apagar|removam|retirem|eliminem) (?:os )?(?:meus dados|o meu (?:anuncio|nome|perfil)|meu (?:anuncio|nome|perfil))|parem de (?:me )?(?:escrever|contactar|mandar|ligar)|nao quero (?:mais )?(?:mensagens|contacto)",
        thanks=r"obrigad[oa]|muito obrigad[oa]|valeu",
    ),
    Language(
        "italien",
        yes=r"si|certo|certamente",
        no=r"no|non ancora|ancora no",
        found=r"(?:ho trovato|trovato) (?:un |il )?(?:lavoro|impiego|posto)|(?:sono stat[oa]|mi hanno) (?:assunt[oa]|pres[oa]|selezionat[oa])|mi hanno assunt[oa]|ho (?:un )?lavoro|lavoro gia|inizio (?:lunedi|domani|a lavorare)",
        searching=r"(?:sto )?ancora cercando|cerco ancora|continuo a cercare|non ho (?:ancora )?trovato|ancora (?:niente|nulla|no)|non ancora",
        stop=r"non (?:mi )?(?:contattatemi|scrivetemi|contattate|scrivete|chiamatemi)|non mi (?:contattate|scrivete|chiamate) piu|(?:cancellate|cancella|rimuovete|togliete) (?:i miei dati|il mio (?:annuncio|nome|profilo))|smettete(?: di)?|basta messaggi",
        thanks=r"grazie|grazie mille",
    ),
    Language(
        "allemand",
        yes=r"ja|jawohl|genau",
        no=r"nein|noch nicht|leider nicht|leider nein",
        found=r"(?:ich habe|habe|hab) (?:eine |einen |ein )?(?:neue |neuen |neues )?(?:arbeit|stelle|job|anstellung|arbeitsplatz) gefunden|(?:ich wurde|wurde|bin) (?:eingestellt|angenommen|genommen)|ich arbeite (?:jetzt|seit|wieder|bei)|(?:neue |eine )?(?:arbeit|stelle|job) gefunden",
        searching=r"(?:ich )?suche (?:noch|weiter|immer noch|nach wie vor)|noch (?:nichts|keine (?:arbeit|stelle)|nicht gefunden)|immer noch (?:auf der suche|nichts|arbeitslos)|(?:keine|keinen|nichts) (?:arbeit |stelle |job )?gefunden|bin (?:noch|weiter|immer noch) auf (?:der )?(?:arbeitssuche|jobsuche|suche)",
        stop=r"(?:bitte )?(?:nicht mehr|keine (?:nachrichten|mails) mehr) (?:kontaktieren|schreiben|anschreiben|anrufen|senden)|kontaktieren sie mich nicht|schreiben sie mir nicht|(?:loschen|entfernen) sie (?:meine daten|meinen (?:beitrag|namen|eintrag)|mich)|(?:meine daten|meinen beitrag|meinen namen) (?:bitte )?(?:loschen|entfernen)|horen sie auf|hort auf",
        thanks=r"danke|danke schon|vielen dank|dankeschon",
    ),
    Language(
        "néerlandais",
        yes=r"ja|jazeker|jawel",
        no=r"nee|neen|nog niet|helaas niet|helaas nee",
        found=r"(?:ik heb|heb) (?:een |nieuw |een nieuwe )?(?:werk|baan|job|baantje) gevonden|(?:ik ben|ben) aangenomen|ik werk (?:nu|sinds|bij)|(?:werk|baan|job) gevonden",
        searching=r"(?:ik )?zoek (?:nog|verder|nog steeds)|nog (?:steeds )?(?:op zoek|niets|niks|geen werk|geen baan)|(?:geen|niets|niks) (?:werk |baan )?gevonden",
        stop=r"(?:neem|neemt) geen contact (?:meer )?op|niet meer (?:contacteren|mailen|schrijven|bellen|sturen)|(?:verwijder|verwijderen) (?:mijn gegevens|mijn (?:bericht|naam|profiel)|mij)|(?:stop|stopt|hou op|houd op) (?:met )?(?:berichten|mailen|sturen)",
        thanks=r"bedankt|dank je(?: wel)?|dank u(?: wel)?|dankjewel|dankuwel",
    ),
    Language(
        "roumain",
        yes=r"da",
        no=r"nu|inca nu|nu inca",
        found=r"(?:am gasit|gasit) (?:de )?(?:lucru|un loc de munca|loc de munca|serviciu|job|munca)|(?:m am|m au|am fost) (?:angajat[a]?|angajata)|lucrez (?:acum|de|la|deja)|sunt angajat[a]?",
        searching=r"(?:inca |tot |mai )(?:mai )?caut|caut (?:in continuare|inca|de lucru|de munca|un loc)|inca nu|n am gasit|nu am gasit|nimic (?:inca|deocamdata)|(?:inca|tot) fara (?:lucru|serviciu|munca)",
        stop=r"nu (?:ma )?mai (?:contactati|contacta|scrieti|trimiteti|sunati)|nu ma (?:contactati|sunati|deranjati)|(?:stergeti|sterge|eliminati) (?:datele mele|anuntul|numele meu|postarea)|(?:opriti|incetati|lasati ma in pace)\w*|nu mai vreau (?:mesaje|sa)",
        thanks=r"multumesc|multumim|mersi",
    ),
    Language(
        "polonais",
        yes=r"tak|no tak|jasne",
        no=r"nie|jeszcze nie|niestety nie",
        found=r"(?:znalazlam|znalazlem|znalazl[ae]?m|mam|dostalam|dostalem) (?:juz )?(?:nowa )?(?:prace|robote|zatrudnienie|posade|etat)|(?:zostalam|zostalem) (?:zatrudnion[ay]|przyjet[ay])|(?:juz )?pracuje",
        searching=r"(?:nadal|wciaz|ciagle|dalej|jeszcze) szukam|szukam (?:dalej|nadal|pracy)|nie znalazl\w*|jeszcze nie|(?:nadal|wciaz) (?:nic|bez pracy)|nic (?:jeszcze|nie znalazl\w*)",
        stop=r"(?:prosze )?nie (?:piszcie|pisac|kontaktujcie|dzwoncie|wysylajcie)|(?:usun\w*|skasuj\w*) (?:moje dane|moj (?:post|profil)|moje (?:ogloszenie|nazwisko)|mnie)|(?:przestancie|przestan|dosc|wystarczy)\b",
        thanks=r"dziekuje|dziekujemy|dzieki|dzieks",
    ),
    Language(
        "turc",
        yes=r"evet|tabii|tabi|evet evet",
        no=r"hayir|yok|henuz degil|maalesef",
        found=r"(?:is|bir is|isi|yeni is) buldum|buldum|ise (?:girdim|alindim|basladim)|(?:calisiyorum|calismaya basladim)",
        searching=r"(?:hala|halen|hale|henuz|hep) (?:ariyorum|bakiyorum|bulamadim|is yok|yok)|ariyorum|bulamadim|bulmadim|is yok|(?:henuz|hala) degil",
        stop=r"(?:beni )?(?:aramayin|yazmayin|rahatsiz etmeyin)|mesaj (?:atmayin|gondermeyin|yollamayin)|(?:silin|sil) (?:bilgilerimi|adimi)|bilgilerimi silin|(?:yeter|istemiyorum)\b",
        thanks=r"tesekkurler|tesekkur ederim|cok tesekkurler|sagol|sag olun|sagolun|eyvallah",
    ),
    Language(
        "arabe (darija)",
        yes=r"iyeh|iyah|aywa|naam|na3am",
        no=r"lla|la la|walou|walo|ma?zal|mazal la",
        found=r"(?:l9it|lqit|lgit|lkit|l9ite|l9it) (?:l |el )?(?:khedma|5edma|khdma|travail|boulot)|(?:rani|ana) (?:nkhdem|nekhdem|nkhdm|kanekhdem|kankhdem|khdam|5dam)|kanekhdem|kankhdem|(?:khdemt|dkhelt l khedma)",
        searching=r"ma (?:l9it|lqit|lgit|lkit)\w*|mal9it\w*|malqit\w*|(?:mazal|mazel|ba9i|baqi) (?:ma |kan|kn|n)?\w*|(?:kan9elleb|kanqelleb|kan9aleb|kanqaleb|n9eleb|nqaleb|ndour) (?:3la|ala) (?:khedma|5edma|khdma)|(?:ma kaynach|makaynach|makaynch|ma kaynch) (?:khedma|5edma)",
        stop=r"ma ?t(?:b9aw|b9a|siftu|sifto|siftou|sifet|3ayet|contact|ktbo|ketbo|ktbu)\w*|(?:msa7|ms7|mse7|mseh|msah) (?:smiti|l post|l annonce|ga3)|(?:7bes|hbes|7bsou|hbsou)\b|baraka (?:3lia|3liya|alia|men|mn)|ma ?bghit(?:ch|sh|ich)? (?:\w+ ){0,2}?(?:tban|yban|tbane|ybane|tb9a|yb9a|tnachr|ynachr)\w*",
        thanks=r"(?:choukran|chokran|shukran|choukrane|chokrane|saha|sa7a|baraka allahu fik|barakallahou fik|allah ykhalik|lah ykhlik)",
    ),
    Language(
        "wolof",
        yes=r"waaw|waw",
        no=r"deet|deedeet|dedet|deddet|deedet|dedeet",
        found=r"(?:am|gis|fekk) naa (?:ab |benn )?(?:liggeey|ligey|ligeey|liggey|mbir)|dama am (?:ab |benn )?(?:liggeey|ligey|ligeey|liggey)|(?:maa ngi|ma ngi|mangi) ligg?e+y|dinaa tambali (?:liggeey|ligey)",
        searching=r"(?:maa ngi|ma ngi|mangi|maangi|damay|dama|dama ngi|da ma ngi|dama ngay) (?:di )?(?:wut|wutt|seet)|(?:amuma|gisuma|fekkuma|gissuma|amouma)\b|(?:ba tey|ba leegi|ba legi) (?:amuma|gisuma|maa ngi|ma ngi|mangi)|(?:wut|seet) (?:liggeey|ligey|ligeey|liggey) ba tey",
        stop=r"(?:bul|buleen|bu leen|bu ma) (?:ma )?(?:woo|wooti|bind|bindal|yonnee|yonne)|(?:bayyileen|bayileen|bayileen ma|bayyi ma)|doy na\b|(?:far|dindi|dindil) (?:sama|samay) (?:tur|turu|xibaar|annonce)",
        thanks=r"jerejef|jerejeff|jeurejeuf|jeureujeuf|dieuredieuf|diarama|jaajef|jerejef waay",
    ),
    Language(
        "lingala",
        yes=r"iyo|ya solo",
        no=r"te|tee|te te|ata moke te",
        found=r"(?:nazwi|nazui|na zwi|nazwaki) (?:mosala|travail|job|emploi)|(?:nazali|na zali) (?:kosala|ko sala) (?:mosala)?|nakoti (?:mosala|na mosala)|(?:bazwi|bakamati) ngai",
        searching=r"(?:nazali|na zali|nazo|naza|natikali) (?:kaka |naino |lisusu )?(?:koluka|ko luka|kolukaka)|(?:naino|nanu) (?:te|nazwi te|nazali kaka)|nazwi (?:naino |nanu )?(?:mosala )?te",
        stop=r"(?:botika|bo tika|tika) (?:ko)?(?:tinda|tindela|benga|sonela|koma|komela|nkombo)\w*|(?:botika|tika) ngai\b|(?:bolongola|longola|bolongola) (?:nkombo|sango|annonce|bansango)",
        thanks=r"melesi|mersi mingi|matondo|natondi (?:yo|bino)|botondi",
    ),
    Language(
        "créole",  # Antilles, Guyane, Haïti, Réunion (several spellings)
        yes=r"wi|wi wi",
        no=r"awa|ayen|non non|pa ankor|poko",
        found=r"(?:m|mwen|man|an|mi) (?:jwenn|twouve|trouve|trouv|touve|la trouv|la jwenn) (?:yon |on |in |an )?(?:travay|travail|djob|job|boulo|boulot|travay la)|(?:m|mwen|man|an|mi) (?:ka|ap) (?:travay|travaye)\b(?! (?:pou|pa)\b)|(?:m|mwen|man|an) (?:ni|genyen|gen) (?:yon |on )?(?:travay|djob|job)|(?:yo|i) (?:anbochew|anboche m|anbochem|pran mwen|pran m)|mi la trouv",
        searching=r"(?:m|mwen|man|an|mi) (?:poko|pako|pa ko|pas ankor|pas encore) (?:jwenn|twouve|trouve|trouv|touve)|(?:m|mwen|man|an|mi) (?:la )?(?:pas|pa) (?:la )?(?:jwenn|twouve|trouve|trouv|touve)|(?:m|mwen|man|an|mi) (?:toujou |touzour |ankor )?(?:ap|ka|sa|lé|le|apre) (?:cheche|chache|chechel|rode|rod|cherche)|(?:toujou|touzour|ankor|anko|ankou) (?:ap |ka |sa )?(?:cheche|chache|rode)|(?:mi|mwen|an) rode (?:ankor|touzour|toujou|travay)|(?:mi |mwen |an |m )?(?:kontinye|kontinie|kontinu|continue) (?:a |pou |de )?(?:rod|rode|cheche|chache|chercher)|pa (?:gen|ni) (?:anyen|ayen|travay) (?:toujou|ankor|ankò)",
        stop=r"(?:pa|pas) (?:kontakte|ekri|voye|rele) (?:m|mwen|man|moin)\w*|(?:sispann|sispan|aret|arete) (?:kontakte|ekri|voye|pataje|rele)\w*|(?:efase|retire|tire) (?:non m|non mwen|nom an mwen|enfo m|enfomasyon|piblikasyon)\w*|kite m anpè|kite mwen anpe|lese m|lese mwen|fout mwen lapè|fout moin la pé|fout a mwen lape",
        thanks=r"mesi|mesi anpil|mesi bokou|mersi bokou|mesi onpil",
    ),
    Language(
        "vietnamien",
        yes=r"co|vang|da|co roi",
        no=r"khong|chua|van chua|khong co",
        found=r"(?:da )?(?:tim (?:duoc|thay) (?:viec|cong viec)|co viec(?: lam)?(?: roi)?|xin duoc viec|duoc nhan(?: vao lam)?|di lam roi)",
        searching=r"(?:van|con) (?:dang )?(?:tim|kiem)(?: viec)?|chua (?:tim|co|xin) (?:duoc|thay|viec)\w*|van chua|dang tim viec|chua co viec",
        stop=r"(?:dung|xin dung|dung co) (?:lien lac|nhan tin|goi|lien he|gui)|(?:xoa|go) (?:thong tin|bai|ten|tai khoan)|(?:khong|ko) (?:muon|can) (?:nhan tin|lien lac|nhan)",
        thanks=r"cam on|cam on nhieu|cam on ban|cam on anh chi|cam on chi|xin cam on",
    ),
    Language(
        "russe (lettres latines)",
        yes=r"da|da da|konechno|aga",
        no=r"net|poka net|eshche net|eshe net|yeshche net|nyet|niet",
        found=r"(?:nashel|nashla|nashol|nashyol|nashli) (?:rabotu|rabotou|robotu)|(?:ustroilsya|ustroilas|ustroila|ustroilsia) (?:na rabotu)?|(?:menya|menia) (?:vzyali|prinyali|nanyali)|(?:uzhe|uje) rabotayu",
        searching=r"(?:vse eshche|vsyo eshchyo|vsio eshe|eshche|eshe|yeshche|poka|do sikh por) (?:ishchu|ishu|ishchu rabotu|v poiske|v poiskakh)|(?:ishchu|ishu) (?:rabotu|dalshe|eshche|eshe)|ne (?:nashel|nashla|nashol|ustroilsya|ustroilas)|poka (?:nichego|net)|(?:nichego|nichevo) (?:ne nashel|ne nashla|net)",
        stop=r"ne (?:pishite|zvonite|kontaktiruyte|kontaktirujte|bespokoyte|trevozhte)|(?:udalite|udalit|uberite) (?:moi dannye|moe (?:obyavlenie|imya)|moi (?:post|profil)|menya)|(?:khvatit|hvatit|perestante|prekratite|otstante|otstan)\b",
        thanks=r"spasibo|spasiba|spasibo bolshoe|blagodaryu",
    ),
)

# Languages of West Africa, the Maghreb, the Indian Ocean and Central Europe also spoken by seekers in
# France (fewer forms: yes / no, found, still looking, thanks, and a "do not write" where known).
LANGUAGES += (
    Language(
        "bambara",
        yes=r"awo|owo|awon",
        no=r"ayi|ayii",
        found=r"(?:n|ne) ye (?:baara|bara) (?:soro|sorola)|baara (?:soro|sorola)",
        searching=r"(?:n|ne) (?:be|bi) (?:baara|bara) (?:nyini|nini)|(?:n|ne) (?:ma|te) (?:baara|bara) soro|hali bi (?:n be|n bi|n te)",
        thanks=r"i ni ce|aw ni ce|barika",
    ),
    Language(
        "pulaar",
        yes=r"eey|eyy",
        no=r"alaa|ala",
        found=r"mi (?:hebii|hebi|heebii) (?:golle|liggey|gollal)",
        searching=r"mi (?:hebaani|hebani) (?:golle|liggey)|(?:mido|mi don) (?:yiyloo|yilloo|yiyloya) (?:golle|liggey)",
        thanks=r"a jaaraama|on jaaraama|jaaraama",
    ),
    Language(
        "kabyle",
        yes=r"ayeh|ih ih",
        no=r"ala|xati",
        found=r"(?:ufigh|oufigh) (?:axeddim|lxedma|akhedim)",
        searching=r"ur d (?:ufigh|oufigh)|(?:ttnadigh|tnadigh) (?:\w+ )?(?:axeddim|lxedma|akhedim)?",
        thanks=r"tanemmirt|tanmirt|sahit",
    ),
    Language(
        "malgache",
        yes=r"eny|eka",
        no=r"tsia|tsy mbola",
        found=r"(?:nahita|nahazo) asa(?: aho)?",
        searching=r"(?:mbola )?mitady asa(?: aho)?|tsy mbola nahita",
        thanks=r"misaotra(?: betsaka)?",
    ),
    Language(
        "tchèque, slovaque",
        yes=r"ano|ano ano",  # not "jo": a name as often
        no=r"ne|jeste ne|este nie",
        found=r"(?:nasel|nasla|nasiel) (?:jsem |som )?(?:praci|robotu|zamestnani|pracu)|mam (?:novou )?praci",
        searching=r"(?:porad|stale|furt|jeste|este) (?:hledam|hladam)|(?:hledam|hladam) (?:dal|stale|praci|pracu)",
        stop=r"nepiste mi|(?:smazte|vymazte) (?:moje|me|mi) (?:udaje|inzerat)",
        thanks=r"dekuji|dekujeme|diky|dakujem|dakujeme",
    ),
    Language(
        "croate, serbe, bosnien",
        yes=r"da|jeste",
        no=r"ne|jos ne|jos nisam",
        found=r"(?:nasao|nasla|nasli) (?:sam )?(?:posao|posla)|(?:zaposlio|zaposlila) sam se|imam posao",
        searching=r"(?:jos|jos uvijek|i dalje|jos uvek) (?:trazim|trazimo)|trazim (?:posao|i dalje|jos)|nisam (?:nasao|nasla)",
        stop=r"ne (?:pisite|pisi|zovite) mi|(?:izbrisite|obrisite) (?:moje|me)",
        thanks=r"hvala(?: vam| puno| lijepo)?",
    ),
    Language(
        "hongrois",
        yes=r"igen",
        no=r"nem|meg nem",
        found=r"talaltam (?:egy )?(?:munkat|allast|melot)|felvettek",
        searching=r"meg (?:mindig )?keres\w*|meg nem talaltam|nem talaltam",
        stop=r"ne irjanak|ne irjon|toroljek",
        thanks=r"koszonom|koszi|koszonjuk",
    ),
    Language(
        "albanais",
        yes=r"po",
        no=r"jo ende|ende jo",  # "Jo, …" alone may be a name
        found=r"(?:gjeta|kam gjetur) pune|me moren ne pune|punoj tani",
        searching=r"(?:ende|akoma|vazhdoj te) (?:kerkoj|po kerkoj)|nuk (?:kam gjetur|gjeta)",
        thanks=r"faleminderit|rrofsh",
    ),
    Language(
        "grec (lettres latines)",
        yes=r"nai|ne ne",
        no=r"oxi|ochi|ohi",
        found=r"(?:vrika|brika) (?:douleia|doulia|dulia)",
        searching=r"(?:akoma|akomi) (?:psaxno|psachno|psahno)|den (?:vrika|brika)",
        thanks=r"efharisto|efcharisto|eyxaristo|efxaristo",
    ),
    Language(
        "ukrainien (lettres latines)",
        yes=r"tak",
        no=r"ni|shche ni",
        found=r"(?:znaishov|znaishla|znayshov|znayshla) robotu",
        searching=r"(?:shche|vse shche|dosi) (?:shukayu|shukaiu)|ne (?:znaishov|znaishla|znayshov|znayshla)",
        thanks=r"diakuiu|dyakuyu|dyakuiu",
    ),
    Language(
        "finnois",
        yes=r"kylla|joo",
        no=r"ei|ei viela",
        found=r"(?:loysin|sain) (?:toita|tyon|tyopaikan|tyopaikka)",
        searching=r"(?:etsin|haen) (?:viela|edelleen|toita)|viela etsin|en ole loytanyt",
        thanks=r"kiitos",
    ),
    Language(
        "hindi, ourdou (lettres latines)",
        yes=r"haan|ji haan|jee haan",
        no=r"nahi|nahin|abhi nahi",
        found=r"(?:naukri|job|kaam) mil (?:gayi|gaya|gai|gya)",
        searching=r"(?:abhi bhi|ab bhi|abhi tak) (?:dhoondh|dhund|dhoond|talaash)\w*|(?:naukri|job|kaam) nahi mil\w*",
        thanks=r"shukriya|dhanyavaad|dhanyawad",
    ),
)

# Removing the post or no longer sharing it, said with the imperative alone ("quiten", "haal het weg",
# "ilanımı kaldırın", "poistakaa"): a withdrawal (`STOP_POST`: a hire said with it stays a hire, as
# "j'ai trouvé, retirez l'annonce"). Only verbs that are no French word.
WITHDRAW = (
    r"(?:borr|quit|elimin|retir)en\b|no (?:compartan|publiquen|difundan|vuelvan a \w+|sigan \w+ando)|dejen de (?:compartir|publicar|difundir)|"  # es
    r"(?:apaguem|removam|retirem|eliminem|tirem)\b|(?:nao )?(?:partilhem|compartilhem|publiquem) mais|parem de (?:partilhar|compartilhar|publicar|divulgar)|"  # pt
    r"(?:cancellate|togliete|rimuovete|eliminate|smettete)\b|non (?:condividete|pubblicate|diffondete)|"  # it
    r"(?:loschen|entfernen|nehmen) sie (?:\w+ ){0,3}(?:bitte )?(?:weg|raus)?|(?:bitte )?nicht mehr (?:teilen|posten|veroffentlichen)|horen sie auf|"  # de
    r"(?:verwijder\w*|haal (?:\w+ ){1,3}weg|stop (?:met )?(?:delen|posten|plaatsen)|niet meer (?:delen|posten|plaatsen))|"  # nl
    r"(?:stergeti|eliminati|retrageti|opriti|incetati)\b|nu mai (?:distribuiti|publicati|postati|share\w*)|"  # ro
    r"(?:usun\w*|skasuj\w*|przestan\w* (?:udostepniac|publikowac|wrzucac)|nie (?:udostepniajcie|publikujcie))|"  # pl
    r"(?:kaldirin|silin|paylasmayin|yayinlamayin)\b|"  # tr
    r"(?:ms7o|msa7o|mse7o|ms7ou|msehou|msahou|7eydo|hiydo|haydo|na7i|n7i|na7iw|n7iw|7ayed|7yed|7aydi)\b|ma ?t(?:partag|pataj|nachr|posti)\w*|"  # darija
    r"(?:sispann|sispan) (?:pataje|pibliye|poste)|(?:retire|efase) anons|retir (?:mon|mon zannonce)|"  # creoles
    r"(?:xoa|go) (?:bai|tin|bai dang)|(?:dung|xin dung) (?:chia se|dang|dang bai)|"  # vi
    r"(?:udalite|uberite|udalit)\b|"  # ru
    r"(?:smazte|vymazte|odstrante|izbrisite|obrisite|uklonite|torold|toroljek|toroljetek|fshijeni|fshini|fshije|poistakaa|poista|svhste|sbhste|svise)\b|"  # cs, bcs, hu, sq, fi, el
    r"nemojte (?:vise )?(?:dijeliti|dijelit|objavljivati|pisati)|mos (?:e )?(?:shperndani|publikoni)|"  # bcs, sq
    r"hata (?:do|dijiye|dijie|dena)|(?:mat|mt) (?:bhejo|bhejiye|daalo|share karo)|band karo|"  # hi
    r"aza (?:alefa|apetraka|zaraina)|fafao|kkes|kkset|itte (?:ndee|ndeen|nde)|(?:longola|bolongola)\b"  # mg, kab, ff, ln
)
# Negations written before a found phrase (French and English ones are read by `reply_signals`).
NEG_BEFORE = frozenset(
    "nie nu n nao niet nicht kein keine keinen geen non no not ne pa pas poko pako chua khong ko ma ni nunca".split()
)
# Lingala negates after the verb phrase: "nazwi mosala te", "nazwi naino te".
NEG_AFTER = re.compile(r"^(?:\s+\w+)?\s+(?:te|tee|naino te|nanu te)\b")

_NO_PAUSE = r"(?=\s*(?:[,.!;:…\-]|$|\n))"


def _alternation(part: str) -> str:
    words = [getattr(lang, part) for lang in LANGUAGES if getattr(lang, part)]
    return "|".join(f"(?:{w})" for w in words)


YES_WORD = re.compile(r"^\W*(?:" + _alternation("yes") + r")\b" + _NO_PAUSE)
NO_WORD = re.compile(r"^\W*(?:" + _alternation("no") + r")\b" + _NO_PAUSE)
FOUND = re.compile(r"\b(?:" + _alternation("found") + r")\b")
SEARCH = re.compile(r"\b(?:" + _alternation("searching") + r")\b")
STOP = re.compile(r"\b(?:" + _alternation("stop") + r")\b")
WITHDRAWN = re.compile(r"\b(?:" + WITHDRAW + r")")
THANKS = re.compile(r"\b(?:" + _alternation("thanks") + r")\b")
# "Nie, dziękuję", "Hayır teşekkürler", "Deedeet, jerejef": a no with thanks and nothing else is a
# polite refusal, as "non merci", "nein danke" are (in doubt, stop).
# A "not yet, thanks" ("Ainda não, obrigado", "Jeszcze nie, dzięki") is a search, not a refusal.
NO_THANKS = re.compile(
    r"^\W*(?:no|non|nie|nein|nee|neen|nu|nao|hayir|yok|lla|deedeet|dedet|deddet|deedet|dedeet|te|awa|khong|net|nyet|niet)"
    r"\W+(?:" + _alternation("thanks") + r")\W*$"
)


def language_readings(folded: str) -> list[tuple[str, str, str, tuple[int, int]]]:
    """(kind, label, phrase, span) of what the lexicon reads in a folded answer; kinds are "yes",
    "no", "hired", "searching", "stop_person", "stop_post" as in `reply_lexicon`."""
    found: list[tuple[str, str, str, tuple[int, int]]] = []
    if m := NO_THANKS.match(folded):
        return [(STOP_POST, "refus poli (autre langue)", m.group(0).strip(), m.span())]
    for m in STOP.finditer(folded):
        found.append((STOP_PERSON, "refus d'être contacté (autre langue)", m.group(0), m.span()))
    for m in WITHDRAWN.finditer(folded):
        found.append((STOP_POST, "demande de retrait (autre langue)", m.group(0), m.span()))
    searching = list(SEARCH.finditer(folded))
    for m in searching:
        found.append((SEARCHING, "toujours en recherche (autre langue)", m.group(0), m.span()))
    for m in FOUND.finditer(folded):
        if any(s.start() <= m.start() < s.end() or m.start() <= s.start() < m.end() for s in searching):
            continue  # "nie znalazłam pracy": the negative form was read as a search
        before = re.split(r"[.!?;,:\n]", folded[: m.start()])[-1].split()[-3:]
        if any(word in NEG_BEFORE for word in before) or NEG_AFTER.match(folded, m.end()):
            found.append((SEARCHING, "embauche niée (autre langue)", m.group(0), m.span()))
        else:
            found.append((HIRED, "embauche (autre langue)", m.group(0), m.span()))
    if m := YES_WORD.match(folded):
        found.append((YES, "oui (autre langue)", m.group(0).strip(), m.span()))
    elif m := NO_WORD.match(folded):
        found.append((NO, "non (autre langue)", m.group(0).strip(), m.span()))
    return found
