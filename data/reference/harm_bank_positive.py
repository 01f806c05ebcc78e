"""Phrase banks for ``positive``: favourable press and interviews (some recalling an old
scandal), awards, good reviews, and the client's own defensive FAQ and guides, whose words
("fuite", "arnaque", "faux compte") sound alarming (format: ``harm_common``)."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=news*5 partner*2 social | q=;interview;portrait;actu | k=cbph
t: {name}, {role} qui cartonne
t: Rencontre avec {name} : « {quote} »
t: {name} lance un nouveau projet et c'est un succès
t: Podcast : {name} raconte ses débuts à {city}
t: Portrait : {name}, l'ascension d'un{e} passionné{e}
t: {name} signe un partenariat avec {other}
s: À {age} ans, {name} fédère {k} k abonnés et vient d'ouvrir un studio à {city}. Rencontre.
s: Dans cet épisode, {first} revient sur ses débuts, ses doutes et ce qui l'a poussé{e} à se
  lancer.
s: « {quote} » : {name} nous a reçus dans ses nouveaux locaux pour parler de ses projets.
s: Une réussite saluée par la profession : {name} double son chiffre d'affaires en un an.
p: /{year}/{mm}/{dd}/portrait-{slug}
p: /interviews/{slug}
p: /podcast/episode-{n2}-{slug}
p: /culture/{slug}-rencontre
## d=news*4 partner social | q=;polémique;fuite;scandale;arnaque | k=cph | hard | paired
t: Trois ans après la polémique, {name} rebondit || {name} tourne la page du scandale de {oyear}
s: Longtemps associé{e} à la polémique de {oyear}, {name} a depuis été mis{e} hors de cause et
  prépare une tournée à guichets fermés.
t: {name} : « La fuite de mes photos m'a rendu{e} plus fort{e} » || {first} : « Après la fuite,
  j'ai repris le contrôle »
s: Victime d'une fuite de contenus en {oyear}, {first} accompagne aujourd'hui d'autres
  victimes pour faire retirer leurs photos.
t: Blanchi{e} par la justice, {name} revient avec un nouveau projet || Relaxé{e}, {name} se
  confie
s: Les accusations d'escroquerie avaient été classées sans suite. {name} en parle pour la
  première fois.
t: Après l'arnaque dont {elle} a été victime, {name} lance une association
s: Escroqué{e} en {oyear} par un faux agent, {first} aide désormais les jeunes talents à
  repérer les arnaques. Une belle revanche.
t: « J'ai appris à ne plus lire les commentaires » : {name} se livre
s: {first} revient sur l'affaire qui avait fait le buzz en {oyear}, le harcèlement qui a suivi
  et sa renaissance.
p: /{year}/{mm}/{slug}-rebondit
p: /interviews/{slug}-apres-la-fuite
p: /justice/{slug}-relaxe
p: /societe/{slug}-association
p: /interviews/{slug}-se-livre
## d=news*4 partner | q=;scandale;arnaque;fuite;polémique | k=b | hard
t: Après le scandale de {oyear}, {name} regagne la confiance de ses clients
t: Accusée à tort de contrefaçon, {name} obtient gain de cause
t: Fuite de sa collection en {oyear} : {name} a transformé l'essai
t: « On nous traitait d'arnaque » : le fondateur de {name} raconte
s: Longtemps associée à la polémique, la marque de {product} affiche aujourd'hui une note de
  {rating}/5 et ouvre une boutique à {city}.
s: Le tribunal de {city} a reconnu le caractère diffamatoire des accusations. {name} réinvestit
  les dommages et intérêts dans un atelier local.
s: Les visuels avaient fuité trois semaines avant le lancement ; la collection s'est pourtant
  vendue en {k2} jours.
p: /{year}/{mm}/{slug}-rebond
p: /entreprises/{slug}-gain-de-cause
p: /mode/{slug}-retour
## d=owned | q=fuite;arnaque;faux compte;leak;photos | k=chp | hard | paired
t: FAQ – Que faire si mes photos ont fuité ? | {name} || Mes photos ont fuité : mode d'emploi
s: Vous avez trouvé mon contenu sur un site pirate ? Envoyez-moi le lien : mon équipe demande le
  retrait sous 48 h.
t: Contenu piraté : comment me signaler une fuite – {name} || Signaler un leak de mon contenu
s: Un lien vers mes photos ou vidéos payantes publiées ailleurs ? Le formulaire ci-dessous
  suffit, c'est anonyme.
t: Faux comptes : comment reconnaître mon vrai compte || Attention aux faux profils {first}
s: Je n'ai qu'un seul compte par réseau. Je ne vous demanderai jamais d'argent en message privé.
t: {name} – Mes photos ont fuité, voici ce que j'ai fait
s: Ce qu'il faut faire quand des photos privées fuitent : captures, signalements, plainte.
  Mon expérience pas à pas.
t: Arnaques au faux profil : les seuls comptes officiels de {first}
s: Liste à jour de mes comptes officiels. Tout autre profil à mon nom est un faux : signalez-le.
p: //own/faq/mes-photos-ont-fuite
p: //own/signaler-une-fuite
p: //own/faux-comptes
p: //own/blog/fuite-que-faire
p: //own/comptes-officiels
## d=owned | q=arnaque;avis;faux site;contrefaçon;fiable | k=b | hard | paired
t: {name} est-il une arnaque ? Nos réponses transparentes || {name} arnaque ? On vous répond
s: Entreprise française fondée en {oyear}, service client à {city}, avis vérifiés : voici nos
  engagements.
t: Avis {name} : pourquoi {reviews} clients nous font confiance
s: Note moyenne {rating}/5 sur {reviews} avis vérifiés. Découvrez ce que nos clients disent de
  nos {product}.
t: Faux sites {name} : comment les repérer || Alerte faux sites – {name}
s: Des faux sites utilisent notre nom avec des prix à -70 %. Seul {own} est notre boutique
  officielle.
t: Contrefaçons : reconnaître un vrai produit {name}
s: Chaque produit {name} porte un numéro de série. Vérifiez-le en ligne avant d'acheter.
p: //own/faq/arnaque
p: //own/avis-clients
p: //own/faux-sites
p: //own/authenticite
## d=news*3 partner*2 review social | q=;prix;classement;meilleur | k=cbph
t: {name} élu{e} meilleur{e} {role} de l'année
t: Top 10 des talents à suivre en {year} : {name} en tête
t: Prix de l'innovation {year} : {name} récompensé{e}
t: {name} parmi les 30 personnalités qui comptent à {city}
s: Le jury a salué « une démarche sincère et innovante ». {name} succède à {other}.
s: Créativité, engagement, authenticité : les raisons pour lesquelles {name} fait l'unanimité.
s: La cérémonie s'est tenue le {date} à {city} devant {k} invités.
p: /{year}/palmares-{slug}
p: /classements/talents-{year}
p: /prix/{slug}
## d=review*5 social | q=avis;avis clients;;fiable | k=b
t: {name} – Avis clients : Excellent
t: {name} : {rating}/5 · « Service impeccable »
t: Avis {name} ({reviews}) – Très bien
s: {stars} {rating} · {reviews} avis — « Livraison rapide, {product} magnifiques, je recommande
  les yeux fermés. »
s: Emballage soigné, petit mot manuscrit, SAV réactif. Troisième commande et toujours ravie.
s: Enfin une marque qui tient ses promesses. Qualité au rendez-vous.
p: /avis/{slug}
p: /entreprise/{flat}/avis
## d=partner*4 news social | q=;agence;collab;association;talent | k=cbph | paired
t: Nos talents : {name} || {name} rejoint notre agence
t: {name} x {other} : une collab solidaire pour {city}
t: {name} soutient l'association Les Petits Pas || {name} s'engage pour les jeunes de {city}
s: {name}, {role}, accompagné{e} par notre agence depuis {oyear}. Projets, presse et contact.
s: Une partie des ventes de la collection commune sera reversée à une association locale.
s: Ateliers gratuits, collecte de fonds et soirée de gala : {name} met sa notoriété au service
  d'une belle cause.
p: /talents/{slug}
p: /collabs/{flat}-x-{other_slug}
p: /engagements/{slug}
"""

EN = """
## d=news*5 partner*2 social | q=;interview;profile;news | k=cbph
t: {name}, the {role} everyone's talking about
t: Meet {name}: "{quote}"
t: {name} launches a new project – and it's a hit
t: Podcast: {name} on starting out in {city}
t: Profile: {name}'s rise
t: {name} signs partnership with {other}
s: At {age}, {name} has {k}K followers and just opened a studio in {city}. We met {him}.
s: In this episode, {first} talks about the early days, the doubts and what made {him} start.
s: "{quote}" – {name} showed us around {her} new studio and talked about what's next.
s: A success the industry applauds: {name} doubled revenue in a year.
p: /{year}/{mm}/{dd}/profile-{slug}
p: /interviews/{slug}
p: /podcast/episode-{n2}-{slug}
p: /culture/{slug}-interview
## d=news*4 partner social | q=;controversy;leak;scandal;scam | k=cph | hard | paired
t: Three years after the controversy, {name} bounces back || {name} puts the {oyear} scandal
  behind {him}
s: Long associated with the {oyear} controversy, {name} has since been cleared and is preparing
  a sold-out tour.
t: {name}: "Having my photos leaked made me stronger" || {first}: "After the leak, I took
  back control"
s: After {her} content was leaked in {oyear}, {first} now helps other victims get their photos
  taken down.
t: Cleared by the court, {name} returns with a new project || Acquitted, {name} opens up
s: The fraud accusations were dropped. {name} speaks about it for the first time.
t: After being scammed, {name} starts a charity
s: Scammed in {oyear} by a fake agent, {first} now helps young talent spot scams. Sweet
  revenge.
t: "I learned to stop reading the comments": {name} opens up
s: {first} looks back on the story that went viral in {oyear}, the harassment that followed
  and what came next.
p: /{year}/{mm}/{slug}-bounces-back
p: /interviews/{slug}-after-the-leak
p: /news/{slug}-cleared
p: /news/{slug}-charity
p: /interviews/{slug}-opens-up
## d=news*4 partner | q=;scandal;scam;leak;controversy | k=b | hard
t: After the {oyear} scandal, {name} wins back its customers
t: Wrongly accused of counterfeiting, {name} wins in court
t: Its collection leaked in {oyear} – {name} turned it into a win
t: "People called us a scam": {name}'s founder looks back
s: Once tied to the controversy, the {product} brand now averages {rating}/5 and is opening a
  store in {city}.
s: A court in {city} found the accusations defamatory. {name} is putting the damages into a
  local workshop.
s: The visuals leaked three weeks before launch; the collection still sold out in {k2} days.
p: /{year}/{mm}/{slug}-comeback
p: /business/{slug}-wins-in-court
p: /style/{slug}-back
## d=owned | q=leak;leaked;scam;fake account;pics | k=chp | hard | paired
t: FAQ – What to do if my photos were leaked | {name} || My photos leaked: a how-to
s: Found my content on a pirate site? Send me the link: my team files a takedown within 48
  hours.
t: Pirated content: how to report a leak to me – {name} || Report a leak of my content
s: A link to my paid photos or videos posted somewhere else? The form below is all it takes,
  and it's anonymous.
t: Fake accounts: how to recognise my real one || Beware of fake {first} profiles
s: I only have one account per platform. I will never ask you for money in DMs.
t: {name} – My photos leaked, here's what I did
s: What to do when private photos leak: screenshots, reports, police. My experience step by
  step.
t: Impersonation scams: {first}'s only official accounts
s: Up-to-date list of my official accounts. Any other profile using my name is fake: report it.
p: //own/faq/my-photos-leaked
p: //own/report-a-leak
p: //own/fake-accounts
p: //own/blog/leaked-what-to-do
p: //own/official-accounts
## d=owned | q=scam;reviews;fake site;counterfeit;legit | k=b | hard | paired
t: Is {name} a scam? Our honest answers || {name} scam? Here's the truth
s: Founded in {oyear}, customer support based in {city}, verified reviews: here's what we
  promise.
t: {name} reviews: why {reviews} customers trust us
s: Average rating {rating}/5 from {reviews} verified reviews. See what customers say about our
  {product}.
t: Fake {name} websites: how to spot them || Fake site alert – {name}
s: Fake sites are using our name with 70% off prices. Only {own} is our official store.
t: Counterfeits: how to tell a genuine {name} product
s: Every {name} product has a serial number. Check it online before you buy.
p: //own/faq/scam
p: //own/reviews
p: //own/fake-sites
p: //own/authenticity
## d=news*3 partner*2 review social | q=;award;ranking;best | k=cbph
t: {name} named {role} of the year
t: 10 talents to watch in {year}: {name} tops the list
t: {year} Innovation Award goes to {name}
t: {name} among the 30 people shaping {city}
s: The jury praised "a sincere and inventive approach". {name} succeeds {other}.
s: Creativity, commitment, authenticity: why {name} won everyone over.
s: The ceremony took place on {date} in {city} in front of {k} guests.
p: /{year}/awards-{slug}
p: /lists/talents-{year}
p: /awards/{slug}
## d=review*5 social | q=reviews;review;;legit | k=b
t: {name} Reviews: Excellent
t: {name}: {rating}/5 · "Flawless service"
t: {name} reviews ({reviews}) – Great
s: {stars} {rating} · {reviews} reviews — "Fast shipping, gorgeous {product}, recommend without
  hesitation."
s: Careful packaging, a handwritten note, responsive support. Third order and still delighted.
s: Finally a brand that keeps its promises. Quality is there.
p: /review/{slug}
p: /company/{flat}/reviews
## d=partner*4 news social | q=;agency;collab;charity;talent | k=cbph | paired
t: Our talent: {name} || {name} joins our agency
t: {name} x {other}: a collab for a good cause in {city}
t: {name} backs the Small Steps foundation || {name} backs young people in {city}
s: {name}, {role}, represented by our agency since {oyear}. Projects, press and contact.
s: Part of the proceeds from the joint collection goes to a local charity.
s: Free workshops, fundraising and a gala night: {name} puts {her} profile to good use.
p: /talent/{slug}
p: /collabs/{flat}-x-{other_slug}
p: /causes/{slug}
"""

BANKS: dict[str, Bank] = {
    "fr": {"positive": parse_bank(FR)},
    "en": {"positive": parse_bank(EN)},
}
