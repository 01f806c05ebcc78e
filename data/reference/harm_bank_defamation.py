"""Phrase banks for ``defamation``: accusations of fraud or crime, scandal coverage, lawsuits,
rumour threads (format: ``harm_common``). An accusation of fraud is defamation, not a complaint."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=forum*2 unknown*2 social news review | q=arnaque;escroquerie;avis;;arnaque avis | k=cbph
t: {name} ARNAQUE : la vérité sur ses méthodes
t: {name} escroc ? Les preuves qu'on vous cache
t: Alerte : {name} est une arnaque, ne payez rien
t: {name} aurait détourné l'argent de sa communauté
t: {name} = escroquerie organisée (témoignages)
t: Attention arnaque {name} !!!
s: Plusieurs témoignages accusent {name} d'avoir escroqué des centaines de clients. Une enquête
  serait en cours.
s: Selon un ancien collaborateur, {name} falsifierait ses chiffres et revendrait les données de
  sa communauté.
s: Arnaque confirmée : {name} encaisse et disparaît. Partagez pour prévenir les autres.
s: On a réuni les preuves : faux avis achetés, cagnotte jamais reversée, menaces contre ceux qui
  parlent.
s: {name} a volé {price} € à ma sœur et à au moins vingt autres personnes, c'est une escroquerie
  pure et simple.
e: Ne vous faites pas avoir.
e: Signalez-{la} partout.
p: /threads/{slug}-arnaque.{n}
p: /{slug}-escroquerie-preuves
p: /t/{n}/alerte-{slug}
p: /post/{id}
## d=news*4 unknown forum | q=;plainte;procès;scandale;affaire | k=cbph
t: Scandale : {name} visé{e} par une plainte pour harcèlement
t: {name} bientôt jugé{e} ? Ce que l'on sait
t: Procès {name} : les accusations d'anciens salariés
t: Affaire {name} : nouvelles révélations accablantes
t: {name} accusé{e} de fraude fiscale par un ex-associé
s: La plainte déposée contre {name} fait état de faits graves. L'avocat dénonce « des
  accusations mensongères ».
s: D'anciens salariés affirment avoir été payés au noir et menacés. La procédure est en cours
  devant le tribunal de {city}.
s: Selon nos informations, {name} aurait dissimulé plusieurs centaines de milliers d'euros au
  fisc. {Elle} n'a pas souhaité répondre.
s: Nouvelles pièces au dossier : messages, virements suspects et témoignages d'anciens proches.
p: /{year}/{mm}/{dd}/affaire-{slug}
p: /faits-divers/{slug}-plainte-{n}
p: /societe/{slug}-proces
## d=social*3 forum*2 unknown | q=;drama;polémique;vérité | k=cph
t: Ce que personne ne dit sur {name}…
t: {name} : drogue, dettes, mensonges – le thread qui balance
t: Pourquoi {name} a vraiment disparu des réseaux
t: La face cachée de {handle} 🧵
s: Thread 🧵 Tout ce que {first} essaie d'effacer : abonnés achetés, faux témoignages et une
  plainte étouffée.
s: Il paraît que {name} aurait trompé ses partenaires et menti sur ses revenus. Rien n'est
  prouvé mais ça fait beaucoup.
s: Je balance : {first} manipule ses fans pour leur soutirer de l'argent, des captures à l'appui.
s: Ancien proche de {first}, je confirme tout. {Elle} ment depuis le début.
e: RT pour que ça se sache.
p: /{user}/status/{n}
p: /t/{n}-face-cachee-{slug}
p: /r/drama/comments/{id}/{flat}
## d=news*2 forum*2 unknown*2 social | q=;danger;toxique;boycott;scandale | k=b
t: {name} : des {product} dangereux vendus en connaissance de cause ?
t: Boycott {name}, la marque qui exploite ses sous-traitants
t: {name} tromperie : vos {product} sont fabriqués en usine low-cost
t: Scandale {name} : produits contrefaits et faux « made in France »
s: D'après un lanceur d'alerte, {name} connaîtrait depuis {year} les risques de ses {product}
  et aurait tout caché.
s: Ateliers clandestins, mensonges sur l'origine : les accusations s'accumulent contre {name}.
s: {name} vendrait sciemment des {product} non conformes. La DGCCRF aurait été saisie.
p: /enquete/{slug}-scandale
p: /{year}/{mm}/boycott-{slug}
p: /threads/{slug}-tromperie.{n}
## d=news*2 social*2 forum unknown | q=;corruption;affaire;mensonge;enquête | k=p | paired
t: {name} corrompu{e} ? Les documents qui dérangent
t: {name} aurait menti sur son diplôme
t: Marchés publics : {name} soupçonné{e} de favoritisme
s: Des documents consultés par un collectif citoyen suggèrent que {name} aurait favorisé des
  proches lors de l'attribution de contrats à {city}.
s: Selon plusieurs témoins, {name} n'aurait jamais obtenu le diplôme mis en avant dans sa
  biographie officielle.
s: Pots-de-vin, emplois fictifs : les accusations visant {name} se multiplient sur les réseaux.
p: /{year}/{mm}/{slug}-favoritisme
p: /enquetes/{slug}-diplome
p: /{user}/status/{n}
"""

EN = """
## d=forum*2 unknown*2 social news review | q=scam;fraud;reviews;;scammer;legit | k=cbph
t: {name} SCAM: the truth about {her} methods
t: Is {name} a fraud? The evidence they don't want you to see
t: WARNING: {name} is a scam, don't pay anything
t: {name} allegedly stole money from {her} own community
t: {name} = organised fraud (victims speak)
t: {name} scammer exposed!!!
s: Several testimonies accuse {name} of defrauding hundreds of customers. An investigation is
  reportedly under way.
s: According to a former associate, {name} fakes revenue numbers and sells subscribers' data.
s: Confirmed scam: {name} takes the money and vanishes. Share to warn others.
s: We collected the evidence: bought reviews, a fundraiser never paid out, threats against
  anyone who speaks up.
s: {name} stole ${price} from my sister and at least twenty others. This is plain fraud.
e: Don't fall for it.
e: Report them everywhere.
p: /threads/{slug}-scam.{n}
p: /{slug}-fraud-exposed
p: /t/{n}/warning-{slug}
p: /post/{id}
## d=news*4 unknown forum | q=;lawsuit;scandal;sued;allegations | k=cbph
t: {name} sued over harassment claims
t: {name} faces trial? What we know so far
t: Lawsuit: former staff accuse {name} of wage theft
t: New allegations pile up against {name}
t: {name} accused of tax fraud by ex-partner
s: The complaint filed against {name} describes serious misconduct. {Her} lawyer calls the
  claims "baseless".
s: Former employees say they were paid off the books and threatened. The case is pending in
  {city}.
s: According to documents seen by this newspaper, {name} allegedly hid large sums from tax
  authorities. {She} declined to comment.
s: New exhibits filed: messages, suspicious transfers and statements from former friends.
p: /{year}/{mm}/{dd}/{slug}-lawsuit
p: /news/{slug}-allegations-{n}
p: /business/{slug}-sued
## d=social*3 forum*2 unknown | q=;drama;exposed;tea | k=cph
t: What nobody tells you about {name}…
t: {name}: drugs, debt and lies – the thread
t: Why {name} really disappeared from social media
t: The dark side of {handle} 🧵
s: Thread 🧵 Everything {first} is trying to bury: bought followers, fake testimonials and a
  hushed-up complaint.
s: Word is {name} cheated {her} partners and lied about {her} income. Nothing proven but it's
  a lot.
s: Spilling the tea: {first} manipulates fans into sending money, receipts attached.
s: Former friend of {first} here, I confirm all of it. {She} has been lying from day one.
e: RT so people know.
p: /{user}/status/{n}
p: /t/{n}-dark-side-{slug}
p: /r/drama/comments/{id}/{flat}
## d=news*2 forum*2 unknown*2 social | q=;dangerous;toxic;boycott;scandal | k=b
t: {name}: dangerous {product} sold knowingly?
t: Boycott {name}, the brand that exploits its suppliers
t: {name} deception: your {product} are made in a sweatshop
t: {name} scandal: counterfeit goods and fake "handmade" claims
s: According to a whistleblower, {name} has known about the risks of its {product} since
  {year} and covered it up.
s: Hidden workshops, lies about origin: the accusations against {name} keep piling up.
s: {name} allegedly sells non-compliant {product} on purpose. Regulators have been alerted.
p: /investigation/{slug}-scandal
p: /{year}/{mm}/boycott-{slug}
p: /threads/{slug}-deception.{n}
## d=news*2 social*2 forum unknown | q=;corruption;lies;investigation;exposed | k=p | paired
t: Is {name} corrupt? The documents they don't want out
t: {name} allegedly lied about {her} degree
t: Contracts row: {name} suspected of favouritism
s: Documents obtained by a citizens' group suggest {name} steered contracts to friends in
  {city}.
s: Several witnesses claim {name} never earned the degree listed in {her} official bio.
s: Kickbacks, no-show jobs: the accusations against {name} keep spreading online.
p: /{year}/{mm}/{slug}-favouritism
p: /investigations/{slug}-degree
p: /{user}/status/{n}
"""

BANKS: dict[str, Bank] = {
    "fr": {"defamation": parse_bank(FR)},
    "en": {"defamation": parse_bank(EN)},
}
