"""Phrase banks for ``complaint``: bad reviews and complaint threads about a service or product,
some phrased very politely (format: ``harm_common``)."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=review*5 forum social unknown | q=avis;avis clients;;service client;livraison | k=b
t: {name} – Avis clients
t: Avis {name} : {rating}/5 sur {reviews} avis
t: « Livraison en retard, service client nul » – avis sur {name}
t: {name} avis négatifs : commande jamais reçue
t: {name} : lisez les {reviews} avis (note {rating})
t: Avis sur {name} | Donnez votre avis
s: {stars} {rating} · {reviews} avis — « Commande passée le {date}, toujours rien reçu. Le
  service client ne répond pas. »
s: Produit conforme mais livraison en retard de trois semaines et aucun geste commercial.
s: Je ne recommande pas : taille trop petite, retour payant et remboursement qui traîne depuis
  un mois.
s: Colis arrivé ouvert, {product} abîmés. J'ai envoyé quatre mails, aucune réponse.
s: Qualité en baisse depuis l'an dernier, le prix lui a bien augmenté. Dernière commande pour
  moi.
s: Service client injoignable, chat fermé, numéro surtaxé. Très déçu de {name}.
e: Avis vérifié.
e: Date de l'expérience : {date}
e: Réponse de l'entreprise : « Nous sommes désolés… »
p: /avis/{slug}
p: /entreprise/{flat}/avis?page={pg}
p: /reviews/{slug}-{n}
## d=forum*4 social unknown | q=;remboursement;problème;abonnement;avis | k=cbp
t: Problème avec {name} – remboursement impossible ?
t: Quelqu'un a déjà eu affaire au SAV de {name} ?
t: [Réclamation] abonnement {name} débité deux fois
t: {name} ne répond plus aux mails, que faire ?
t: Résilier chez {name}, mission impossible
s: Bonjour, j'ai résilié mon abonnement chez {name} il y a deux mois et je suis toujours
  prélevé{ee}. Des conseils ?
s: Même souci ici, commande du {date} jamais livrée, le transporteur dit que le colis est
  retourné à l'expéditeur.
s: Ça fait trois semaines que j'attends une réponse du service client. Ticket n°{n}.
s: Vous avez eu un retour ? Moi rien, et leur page de contact renvoie une erreur.
e: Réponses : {k}
p: /threads/probleme-{slug}.{n}
p: /t/{n}/sav-{slug}
p: /forum/conso/{n}-{slug}
## d=review*3 forum*2 social | q=avis;retour;;expérience | k=cbp | hard
t: Petit retour d'expérience mitigé sur {name}
t: {name} : déçue, mais l'équipe a été correcte
t: Un avis honnête sur {name} (sans méchanceté)
t: {name}, pas à la hauteur de sa réputation
s: Je tiens à préciser que l'équipe est très aimable, mais le colis est arrivé abîmé et le
  produit ne correspond pas à la photo. Dommage.
s: Bonjour, sans vouloir être désagréable, j'attends toujours ma commande du {date}. Merci
  d'avance pour votre retour.
s: Rien de grave, mais pour le prix je m'attendais à mieux. Je ne pense pas renouveler.
s: Gentils au téléphone, mais trois reports de rendez-vous en un mois. Je laisse une étoile de
  moins.
e: {stars} {rating}
p: /avis/{slug}?tri=recents
p: /t/{n}-avis-{slug}
p: /reviews/{flat}/{n}
## d=forum*3 social*2 review unknown | q=;avis;abonnement;onlyfans;mym avis | k=ch
t: Abonnement {platform} de {name} : pas à la hauteur
t: {name} ne répond jamais aux messages privés payants
t: Avis sur le contenu de {handle} (spoiler : déçu)
t: {first} {last} – ça vaut le coup de s'abonner ?
s: Contenu répétitif, trois posts par mois alors qu'{elle} promet du quotidien. Je me suis
  désabonné.
s: J'ai payé {price} € un message perso, réponse automatique au bout d'une semaine. Bof.
s: Le merch de {first} est arrivé avec deux mois de retard et le sweat a déteint au premier
  lavage.
s: Franchement moyen, les lives sont annulés une fois sur deux sans explication.
p: /threads/avis-{slug}.{n}
p: /t/{n}/{flat}-abonnement
p: /r/{flat}/comments/{id}
## d=review*3 forum*2 social | q=avis;spectacle;restaurant;billets;remboursement | k=pch | paired
t: Restaurant de {name} à {city} : décevant pour le prix
t: Spectacle de {name} annulé, toujours pas remboursé{ee}
t: Atelier avec {name} : beaucoup de monde, peu d'échanges
s: {stars} {rating} — Service lent, plats tièdes et addition salée. Le nom ne suffit pas.
s: Billets achetés en {month} pour la date de {city}, annulée la veille. Trois mails sans réponse.
s: 90 personnes pour un atelier « en petit comité » à {price} €. Je m'attendais à autre chose.
p: /restaurants/{city_slug}/{flat}
p: /t/{n}-{slug}-annulation
p: /avis/atelier-{slug}
"""

EN = """
## d=review*5 forum social unknown | q=reviews;review;;customer service;shipping | k=b
t: {name} Reviews | Read Customer Service Reviews
t: {name} – {rating}/5 from {reviews} reviews
t: "Late delivery, useless customer service" – {name} review
t: {name} bad reviews: order never arrived
t: Read {reviews} reviews of {name} (rated {rating})
t: {name} complaints and reviews
s: {stars} {rating} · {reviews} reviews — "Ordered on {date}, still nothing. Customer service
  never answers."
s: Product was fine but delivery was three weeks late and no goodwill gesture at all.
s: Wouldn't recommend: runs small, paid returns and the refund has been pending for a month.
s: Parcel arrived open, {product} damaged. Sent four emails, no reply.
s: Quality has dropped since last year, the price certainly hasn't. Last order for me.
s: Support unreachable, chat closed, premium-rate phone line. Very disappointed with {name}.
e: Verified purchase.
e: Date of experience: {date}
e: Reply from the company: "We're sorry to hear…"
p: /review/{slug}
p: /company/{flat}/reviews?page={pg}
p: /reviews/{slug}-{n}
## d=forum*4 social unknown | q=;refund;problem;subscription;cancel | k=cbp
t: Problem with {name} – impossible to get a refund?
t: Anyone dealt with {name} support before?
t: [Complaint] {name} subscription charged twice
t: {name} stopped answering emails, what now?
t: Cancelling {name} is a nightmare
s: Hi, I cancelled my {name} subscription two months ago and I'm still being charged. Any tips?
s: Same issue here, order from {date} never delivered, courier says it went back to sender.
s: Been waiting three weeks for support to reply. Ticket #{n}.
s: Did anyone get an answer? Nothing for me, and their contact page throws an error.
e: {k} replies
p: /threads/problem-with-{slug}.{n}
p: /t/{n}/{slug}-support
p: /r/consumer/comments/{id}/{flat}
## d=review*3 forum*2 social | q=review;experience;;honest review | k=cbp | hard
t: A mixed experience with {name}
t: {name}: disappointed, but the team was polite
t: An honest (not angry) review of {name}
t: {name} doesn't live up to the hype
s: To be fair the staff were lovely, but the parcel arrived damaged and the item didn't match
  the photo. Shame.
s: Hello, not trying to be rude, but I'm still waiting for my order from {date}. Thanks in
  advance for looking into it.
s: Nothing dramatic, I just expected more for the price. Probably won't renew.
s: Friendly on the phone, but they rescheduled three times in a month. Minus one star.
e: {stars} {rating}
p: /review/{slug}?sort=recent
p: /t/{n}-review-{slug}
p: /reviews/{flat}/{n}
## d=forum*3 social*2 review unknown | q=;review;subscription;onlyfans;worth it | k=ch
t: {name}'s {platform} – not worth the subscription
t: {name} never answers paid DMs
t: Review of {handle}'s content (spoiler: meh)
t: {first} {last} – worth subscribing?
s: Same content over and over, three posts a month when {she} promises daily. Unsubscribed.
s: Paid ${price} for a custom message, got an auto-reply a week later. Meh.
s: {first}'s merch showed up two months late and the hoodie bled in the first wash.
s: Honestly average, lives get cancelled half the time with no explanation.
p: /threads/{slug}-review.{n}
p: /t/{n}/{flat}-subscription
p: /r/{flat}/comments/{id}
## d=review*3 forum*2 social | q=review;show;restaurant;tickets;refund | k=pch | paired
t: {name}'s restaurant in {city}: disappointing for the price
t: {name} show cancelled, still no refund
t: Workshop with {name}: crowded, little interaction
s: {stars} {rating} — Slow service, lukewarm food and a steep bill. The name isn't enough.
s: Bought tickets in {month} for the {city} date, cancelled the night before. Three emails, no
  reply.
s: 90 people at a "small group" workshop for ${price}. Expected something else.
p: /restaurants/{city_slug}/{flat}
p: /t/{n}-{slug}-cancelled
p: /reviews/workshop-{slug}
"""

BANKS: dict[str, Bank] = {
    "fr": {"complaint": parse_bank(FR)},
    "en": {"complaint": parse_bank(EN)},
}
