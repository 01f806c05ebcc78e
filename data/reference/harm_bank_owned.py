"""Phrase banks for ``owned``: the client's own site, shop, link page and profiles, including
the client's own subscription page (format: ``harm_common``). ``//own`` is the client's host."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=owned | q=;site officiel;contact;presse | k=cbph | paired
t: {name} – Site officiel || {name} | Accueil
s: Bienvenue sur le site officiel de {name}. Retrouvez mes projets, mes collaborations et mes
  prochaines dates. || {name}, {role}. Projets, collaborations, presse et contact.
t: Contact – {name} || Me contacter | {name}
s: Pour toute demande professionnelle (presse, partenariats), écrivez à contact@{own}.
t: {name} : actualités, agenda et presse || Espace presse – {name}
s: Communiqués, photos HD libres de droits et dernières parutions. Contact presse :
  presse@{own}.
t: À propos de {name} || Notre histoire – {name}
s: {name}, {role} : parcours, valeurs et actualités.
t: {name} – Mentions légales
s: Éditeur du site : {name}. Hébergement : Nuvio SAS. Directeur de la publication : {first}.
p: //own/ || //own/accueil
p: //own/contact
p: //own/presse
p: //own/a-propos
p: //own/mentions-legales
## d=owned | q=;boutique;soldes;site officiel;commande | k=b | paired
t: {name} – {product} conçus à {city} || {name} | Boutique officielle
s: Découvrez nos {product} fabriqués en petites séries. Paiement sécurisé, retours gratuits
  sous 30 jours.
t: Nouvelle collection {name} {year} || Nouveautés – {name}
s: La nouvelle collection est arrivée : {k} pièces en édition limitée, disponibles dès
  aujourd'hui.
t: {name} – Suivre ma commande
s: Saisissez votre numéro de commande et votre e-mail pour suivre la livraison.
t: {name} : nos points de vente || Où trouver {name} ?
s: Retrouvez {name} chez nos revendeurs à {city} et dans toute la France.
t: Soldes {name} : jusqu'à -{pct} % || Offres du moment – {name}
s: Les soldes d'hiver sont là : une sélection de {product} à prix doux, livraison offerte dès
  60 €.
p: //own/ || //own/boutique
p: //own/collections/nouveautes
p: //own/suivi-commande
p: //own/points-de-vente
p: //own/soldes
## d=social*6 owned | q=;instagram;tiktok;insta;réseaux | k=cbph | host=social
t: {name} (@{handle}) • Photos et vidéos {site}
t: {name} (@{handle}) | {site}
t: {name} sur {site} : « {motto} »
t: {handle} – Chaîne {site}
s: {k} k abonnés, {v} publications – {motto} 📍{city}
s: Vidéos de {name}. {motto} · Nouvelle vidéo chaque {day}.
s: {name}. {role}. Contact pro : {flat}@agence-lumen.example
p: /{handle}
p: /@{handle}
p: /{handle}/
p: /c/{handle}
## d=adult*2 owned*3 social | q=onlyfans;mym;;abonnement;contenu exclusif | k=ch | hard
t: {name} (@{handle}) | FanVault
t: {first} – mon contenu exclusif, abonne-toi 💌
t: {name} – tous mes liens officiels
t: {handle} | Page officielle d'abonnement
s: Le seul endroit pour mon contenu exclusif. Abonnement {sub} €/mois, messages privés ouverts.
s: Tous mes liens officiels au même endroit : {site}, FanVault, boutique. Méfiez-vous des faux
  comptes.
s: Bienvenue ! Contenu inédit chaque semaine, réservé aux abonnés. Merci de ne rien partager 🙏
p: //fanvault.example/{handle}
p: //own/liens
p: //links.{flat}.test/
## d=owned | q=;blog;newsletter;podcast;actu | k=cbph | paired
t: Journal de bord – {name} || Le blog de {name}
t: Newsletter de {name} : inscrivez-vous
t: {name} – Podcast officiel, épisode {k2}
s: Coulisses, projets en cours et réponses à vos questions. Nouvel article chaque {day}.
s: Une lettre par mois, sans pub : nouveautés, dates et avant-premières. Désinscription en un
  clic.
s: Dans cet épisode, on parle de création, de doutes et de {city}. Disponible sur toutes les
  plateformes.
p: //own/blog
p: //own/newsletter
p: //own/podcast/episode-{k2}
"""

EN = """
## d=owned | q=;official site;contact;press | k=cbph | paired
t: {name} – Official Website || {name} | Home
s: Welcome to the official website of {name}. Projects, collaborations and upcoming dates. ||
  {name}, {role}. Projects, collaborations, press and contact.
t: Contact – {name} || Get in touch | {name}
s: For business enquiries (press, partnerships) email hello@{own}.
t: {name}: news, tour dates and press || Press – {name}
s: Press releases, free-to-use HD photos and latest coverage. Press contact: press@{own}.
t: About {name} || Our story – {name}
s: {name}, {role}: background, values and news.
t: {name} – Privacy Policy
s: This privacy policy explains how {own} collects and uses your data.
p: //own/ || //own/home
p: //own/contact
p: //own/press
p: //own/about
p: //own/privacy
## d=owned | q=;shop;sale;official site;order | k=b | paired
t: {name} – {product} made in {city} || {name} | Official Store
s: Small-batch {product}, designed in {city}. Secure checkout, free 30-day returns.
t: New In: {name} {year} Collection || What's new – {name}
s: The new collection is here: {k} limited-edition pieces, available today.
t: {name} – Track My Order
s: Enter your order number and email to track your delivery.
t: {name} – Store Locator || Where to buy {name}
s: Find {name} at our stockists in {city} and nationwide.
t: {name} Sale: up to {pct}% off || Current offers – {name}
s: Winter sale is on: selected {product} at gentle prices, free shipping over $60.
p: //own/ || //own/shop
p: //own/collections/new-in
p: //own/track-order
p: //own/stores
p: //own/sale
## d=social*6 owned | q=;instagram;tiktok;insta;youtube | k=cbph | host=social
t: {name} (@{handle}) • {site} photos and videos
t: {name} (@{handle}) | {site}
t: {name} on {site}: "{motto}"
t: {handle} – {site} channel
s: {k}K followers, {v} posts – {motto} 📍{city}
s: Videos from {name}. {motto} · New video every {day}.
s: {name}. {role}. Business: {flat}@talentbridge.test
p: /{handle}
p: /@{handle}
p: /{handle}/
p: /c/{handle}
## d=adult*2 owned*3 social | q=onlyfans;fansly;;subscribe;exclusive content | k=ch | hard
t: {name} (@{handle}) | FanVault
t: {first} – my exclusive content, subscribe 💌
t: {name} – all my official links
t: {handle} | Official subscription page
s: The only place for my exclusive content. ${sub}/month, DMs open.
s: All my official links in one place: {site}, FanVault, shop. Beware of fake accounts.
s: Welcome! New content every week, for subscribers only. Please don't share anything 🙏
p: //fanvault.example/{handle}
p: //own/links
p: //links.{flat}.test/
## d=owned | q=;blog;newsletter;podcast;news | k=cbph | paired
t: Behind the scenes – {name} || The {name} blog
t: {name} newsletter: sign up
t: {name} – Official podcast, episode {k2}
s: Behind the scenes, work in progress and answers to your questions. New post every {day}.
s: One email a month, no ads: news, dates and early access. Unsubscribe in one click.
s: This episode covers making things, self-doubt and {city}. Available on every platform.
p: //own/blog
p: //own/newsletter
p: //own/podcast/episode-{k2}
"""

BANKS: dict[str, Bank] = {"fr": {"owned": parse_bank(FR)}, "en": {"owned": parse_bank(EN)}}
