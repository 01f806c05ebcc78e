"""Phrase banks for ``impersonation``: fake accounts that claim to be official, fake shops and
giveaways, dating profiles built from stolen photos (format: ``harm_common``)."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=social*5 unknown | q=;instagram;compte officiel;tiktok;insta | k=cph | hard
t: {name} (@{handle}_officiel) • Photos et vidéos {site}
t: {name} compte officiel ✔️ (@{handle}.vip)
t: @{handle}_backup – nouveau compte de {first}
t: {first} {last} (@vrai.{handle}) | {site}
t: {name} 🔒 compte privé officiel
s: Mon ancien compte a été supprimé, ici c'est le vrai ! Abonne-toi pour du contenu exclusif 🔥
  Lien privé en bio.
s: Compte officiel de {name}. Pour une collab ou un contenu personnalisé, paiement par carte
  cadeau uniquement.
s: {k} abonnés · {v} publications · « Je réponds à tous vos messages ici, mon vrai compte est
  bloqué »
s: Seul compte géré par moi-même 💕 Méfiez-vous des copies. Écris-moi en privé pour mes photos.
s: Nouveau compte car l'autre a été piraté. Je fais un prix spécial aux premiers abonnés.
p: /{handle}_officiel
p: /{handle}.vip
p: /@{handle}_backup
p: /vrai.{handle}
p: /{handle}_{n2}
## d=unknown*5 social | q=;boutique;soldes;site officiel;promo | k=b | hard
t: Boutique officielle {name} -70% | Livraison gratuite
t: {name} Outlet – Soldes jusqu'à -80 % sur tout le site
t: {name} France Store | Déstockage officiel
t: {name}® Site Officiel – {product} à prix d'usine
t: Liquidation totale {name} – fermeture définitive
s: Déstockage exceptionnel : toute la collection {name} à -70 %. Paiement sécurisé, stock
  limité !
s: Site officiel {name} ©{year}. Profitez de nos prix d'usine, livraison 48 h offerte.
s: Dernières pièces ! {product} {name} authentiques à partir de 9,90 €. Retours gratuits.
s: Suite à la fermeture de nos boutiques, {name} brade tout son stock. Jusqu'à ce soir minuit.
e: Paiement par virement : -10 % supplémentaires.
e: ⭐⭐⭐⭐⭐ 12 847 clients satisfaits
p: //{flat}-outlet.example/
p: //boutique-{slug}-soldes.test/collections/all
p: //{flat}-france-store.example/
p: //www.{flat}-officiel.shop.test/promo
p: //{flat}-liquidation.example/
## d=social*3 unknown*2 | q=;concours;cadeau;giveaway | k=cbph
t: 🎁 Concours {name} – {k} gagnants !
t: {name} vous offre un cadeau (jusqu'à dimanche)
t: Grand jeu {name} : tente ta chance
s: Pour fêter nos {k} k abonnés, {name} offre des cadeaux ! Clique sur le lien et paie juste les
  frais de port.
s: Tu as été tiré{ee} au sort 🎉 Confirme tes coordonnées bancaires pour recevoir ton lot.
s: Like, partage et envoie-nous un message privé : {name} choisit les gagnants ce soir.
p: /{handle}.concours
p: //jeu-{flat}.example/gagnant
p: /p/{id}
## d=unknown*3 social*2 adult | q=;rencontre;célibataire;contact | k=ch
t: {first}, {age} ans, {city} – profil rencontre
t: {name} cherche des rencontres sérieuses 😘
t: Discute avec {first} ({handle}) en privé
s: Salut c'est {first} ({handle} sur {site2}) 😘 écris-moi ici, je suis plus active que sur mes
  réseaux.
s: Profil vérifié ✅ Photos récentes. Je préfère parler ici, c'est plus discret.
s: Je suis {name}, oui la vraie 😉 Inscris-toi gratuitement pour voir mes photos privées.
p: /profil/{flat}-{age}
p: /u/{id}
p: /chat/{handle}
## d=social*3 unknown*2 | q=service client;contact;remboursement;agent;booking | k=cbp | paired
t: Service client {name} (@{handle}.support) || {name} Support FR – Aide 24/7
s: Un souci avec votre commande ? Envoyez-nous en privé votre numéro de carte pour le
  remboursement immédiat.
t: Agence officielle de {name} – booking & collabs || Management {name} (officiel)
s: Pour booker {name} (soirées, placements de produit), acompte de 30 % par virement à notre
  agence. Réponse sous 24 h.
t: Appli officielle {name} – télécharge-la ici || {name} App (APK) – accès membre
s: L'application exclusive de {name} avec tout le contenu membres. Installez l'APK et entrez vos
  identifiants.
p: /{handle}.support
p: //agence-{flat}.example/booking
p: //{flat}-app.test/download
"""

EN = """
## d=social*5 unknown | q=;instagram;official account;tiktok;insta | k=cph | hard
t: {name} (@{handle}_official) • {site} photos and videos
t: {name} official account ✔️ (@{handle}.vip)
t: @{handle}_backup – {first}'s new account
t: {first} {last} (@real.{handle}) | {site}
t: {name} 🔒 official private account
s: My old account got deleted, this is the real one! Follow for exclusive content 🔥 Private
  link in bio.
s: Official account of {name}. For collabs or custom content, gift card payments only.
s: {k} followers · {v} posts · "I answer every DM here, my real account is locked"
s: Only account run by me 💕 Beware of copies. Message me for my pics.
s: New account because the other one got hacked. Special price for the first subscribers.
p: /{handle}_official
p: /{handle}.vip
p: /@{handle}_backup
p: /real.{handle}
p: /{handle}_{n2}
## d=unknown*5 social | q=;store;sale;official site;discount | k=b | hard
t: {name} Official Store 70% OFF | Free Shipping
t: {name} Outlet – Up to 80% Off Everything
t: {name} US Store | Official Clearance
t: {name}® Official Site – {product} at factory prices
t: {name} closing down sale – everything must go
s: Massive clearance: the whole {name} collection at 70% off. Secure checkout, limited stock!
s: Official {name} site ©{year}. Factory prices, free 2-day shipping.
s: Last pieces! Authentic {name} {product} from $9.90. Free returns.
s: Since our stores are closing, {name} is selling off all stock. Ends tonight at midnight.
e: Pay by bank transfer for an extra 10% off.
e: ⭐⭐⭐⭐⭐ 12,847 happy customers
p: //{flat}-outlet.example/
p: //{flat}-store-sale.test/collections/all
p: //{flat}-us-store.example/
p: //www.{flat}-official.shop.test/promo
p: //{flat}-clearance.example/
## d=social*3 unknown*2 | q=;giveaway;free;contest | k=cbph
t: 🎁 {name} GIVEAWAY – {k} winners!
t: {name} is giving you a gift (until Sunday)
t: {name} big contest: try your luck
s: To celebrate {k}k followers, {name} is giving away prizes! Click the link and just pay
  shipping.
s: You've been selected 🎉 Confirm your card details to receive your prize.
s: Like, share and DM us: {name} picks the winners tonight.
p: /{handle}.giveaway
p: //win-{flat}.example/winner
p: /p/{id}
## d=unknown*3 social*2 adult | q=;dating;single;contact | k=ch
t: {first}, {age}, {city} – dating profile
t: {name} looking for something serious 😘
t: Chat privately with {first} ({handle})
s: Hey it's {first} ({handle} on {site2}) 😘 message me here, I'm more active than on my
  socials.
s: Verified profile ✅ Recent pics. I'd rather talk here, it's more discreet.
s: I'm {name}, yes the real one 😉 Sign up free to see my private photos.
p: /profile/{flat}-{age}
p: /u/{id}
p: /chat/{handle}
## d=social*3 unknown*2 | q=customer service;contact;refund;agent;booking | k=cbp | paired
t: {name} Customer Care (@{handle}.support) || {name} Help Desk – 24/7 Support
s: Problem with your order? DM us your card number so we can process your refund right away.
t: {name} official agency – bookings & collabs || {name} Management (official)
s: To book {name} (events, sponsored posts), wire a 30% deposit to our agency. Reply within 24h.
t: Official {name} app – download here || {name} App (APK) – members area
s: {name}'s exclusive app with all member content. Install the APK and enter your login.
p: /{handle}.support
p: //{flat}-agency.example/booking
p: //{flat}-app.test/download
"""

BANKS: dict[str, Bank] = {
    "fr": {"impersonation": parse_bank(FR)},
    "en": {"impersonation": parse_bank(EN)},
}
