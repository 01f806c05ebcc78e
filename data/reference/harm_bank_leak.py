"""Phrase banks for ``leak``: pirated premium content, leak threads, file-host folders, launch
visuals leaked early (format: ``harm_common``)."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=leak_forum*4 forum*2 unknown*2 | q=leak;fuite;onlyfans;mym;;leak onlyfans | k=ch
t: {name} – leak OnlyFans complet ({k} photos + {v} vidéos)
t: [PACK] {name} / {handle} – tout le contenu {platform} {year}
t: {handle} leak MEGA – mis à jour {month}
t: {first} {last} fuite mym + onlyfans – sujet officiel
t: Fuite {name} : le pack complet tourne sur le forum
t: {name} ({handle}) — Leaks, photos & vidéos
t: {first} {last} {platform} leaks – page {pg}
s: Salut à tous, voici le pack de {first} récupéré sur son {platform}, {k} photos et {v} vidéos
  en HD.
s: {user} a écrit : tout le contenu de {handle} est là, lien en MP si le mega saute…
s: Sujet mis à jour : ajout de {v} nouvelles vidéos de {first}, merci à {user} pour le partage.
s: Sujet dédié à {name}. Postez uniquement du contenu {platform}, pas de demande sans contribution.
s: Réponses : {k} · Affichages : {n} · Dernier message par {user}
s: Quelqu'un a les vidéos de {first} de {month} ? Le lien de la page {pg} est mort.
e: Liens morts ? Signalez-les, on re-up sous 24h.
e: Inscription obligatoire pour voir les liens.
e: Likez le message pour débloquer le contenu caché.
e: Miroirs : mega, gofile, pixel.
p: /threads/{slug}-onlyfans-leak.{n}/
p: /t/{slug}-full-pack-{year}.{n}
p: /forum/fuites/{n}-{slug}
p: /topic/{flat}-mym-leak/page-{pg}
p: /sujet/{n}/{slug}/
## d=unknown*3 forum*2 social file_host leak_forum | q=;gratuit;contenu;photos;vip | k=ch | hard
t: {name} contenu exclusif gratuit 🔥
t: Accès VIP offert : {first} ({handle}) – collection complète
t: {handle} — tout le contenu, sans abonnement
t: {first} {last} « pack privé » à partager entre potes
t: Collection complète {name} {year} – accès libre
t: {first} : le mega folder que tout le monde cherche
t: {name} full pack dispo (lien en bio)
s: Pourquoi payer ? Tout le contenu de {first} en accès VIP offert, mis à jour chaque semaine.
s: La collection complète de {handle}, triée par date. Aucun abonnement requis, clique et profite.
s: Contenu exclusif gratuit de {name} : photos privées + vidéos bonus réservées aux abonnés.
s: On partage le « full pack » de {first}, {k} fichiers, lien dans les commentaires.
s: Tout ce qu'elle poste derrière le paywall, réuni dans un seul dossier. Shhh 🤫
s: Offre limitée : l'intégrale {handle} ({gb}) pour 0 €, il suffit de rejoindre le canal.
e: Lien en bio 👀
e: Télégram : demande l'accès au canal.
e: Offert aux 100 premiers.
e: Partage = re-up plus rapide.
p: /p/{id}
p: /{slug}-contenu-exclusif-gratuit
p: /acces-vip/{flat}
p: /collection/{slug}-{year}
p: /post/{n}/{flat}-full-pack
## d=file_host*5 unknown | q=leak;mega;pack;dossier;drive | k=ch
t: {flat}_full_pack_{year}.zip – {gb}
t: Dossier {first} {last} – {k} fichiers
t: {flat}_onlyfans_backup.rar
t: Index of /{flat}/
t: mega folder {name} (photos + vidéos)
t: {handle} – partage {id}
s: Dossier partagé · {k} fichiers · {gb} · Ajouté le {date}
s: Téléchargement gratuit. Ce fichier expire dans 30 jours si personne ne le télécharge.
s: {flat}_{n}.mp4, {flat}_{n2}.jpg, set_{k}.zip …
s: Contenu du dossier : /photos ({k}) /videos ({v}) /bonus
s: Fichier protégé par mot de passe. Taille : {gb}. Téléchargements : {n2}.
p: /f/{id}
p: /d/{id}
p: /folder/{id}
p: /s/{id}?dl=1
## d=adult*4 unknown | q=video;leak;onlyfans;vidéo | k=ch
t: {name} vidéo {platform} leak – {n} vues
t: {handle} – nouvelle vidéo fuitée de son {platform}
t: {first} {last} sextape {platform} (leak {year})
s: Regardez {name} dans la vidéo leak de son {platform}. {n} vues · {pct} % de j'aime.
s: Mise en ligne par {user}. Durée {dur}. Contenu issu de {platform}, rip HD.
s: Toutes les vidéos de {handle} réunies ici, même celles à {price} € en message privé.
p: /video/{n}/{slug}-leak
p: /v/{id}
p: /videos/{flat}-{platform}-{n}
## d=news*2 forum*2 social unknown | q=;nouvelle collection;leak;fuite | k=b
t: Fuite : les visuels de la prochaine collection {name} dévoilés avant l'heure
t: {name} : le lookbook {year} a fuité sur les forums
t: Exclu : on a vu la nouvelle gamme {name} avant sa sortie
t: Photos volées du prochain lancement {name} – [LEAK]
t: {name} x {other} : la collab a leak 👀
s: Des visuels internes de {name} circulent depuis ce matin, trois semaines avant le lancement
  officiel prévu en {month}.
s: Un compte anonyme a publié les photos de campagne de la nouvelle gamme de {product} ; la
  marque n'a pas réagi.
s: Le packshot complet et les prix du prochain drop {name}, partagés par {user}.
s: Regardez vite avant suppression : tous les coloris et la date de sortie.
p: /{year}/{mm}/fuite-visuels-{slug}
p: /threads/{slug}-leak-nouvelle-collection.{n}
p: /p/{id}
## d=unknown*3 file_host forum*2 leak_forum | q=gratuit;télécharger;formation;mega | k=bp
t: Formation {name} gratuite – téléchargement mega
t: [Partage] Masterclass {name} complète (vidéos + PDF)
t: {name} : tous les modules de la formation en accès libre
t: Programme {name} {year} – pack complet offert
t: {name} formation leak (tous les bonus)
s: Toute la formation {name} ({k2} modules) en téléchargement direct, sans payer les {price} €.
s: Pack complet, tous les bonus inclus. Lien mega + miroir, mot de passe dans le fichier.
s: Merci {user} pour le partage, la masterclass de {name} est enfin dispo en entier.
s: Les vidéos de la formation réservée aux membres, rippées en 1080p. Pas besoin d'acheter.
p: /formation-{slug}-gratuit
p: /threads/masterclass-{slug}.{n}
p: /f/{id}
p: /cours/{flat}-complet
## d=unknown*3 file_host forum | q=pdf;livre;epub;gratuit | k=p
t: Télécharger le livre de {name} PDF gratuit
t: {name} – son livre en EPUB et PDF, gratuit
t: Le nouveau livre de {name} en lecture libre
s: Ebook PDF, EPUB gratuit. Lire en ligne sans inscription.
s: Le livre de {name} sorti en {month}, scanné en entier ({k} pages). Partagez avant
  suppression.
s: Lien direct, pas de pub. Merci de ne pas acheter, le PDF est là.
p: /ebook/{slug}-pdf-gratuit
p: /livres/{flat}-epub
p: /f/{id}
"""

EN = """
## d=leak_forum*4 forum*2 unknown*2 | q=leak;leaks;onlyfans;of leak;;fansly | k=ch
t: {name} OnlyFans Leak ({k} Photos, {v} Videos) – Updated
t: {handle} leaks megathread
t: {name} / {handle} – Full Pack [{year}]
t: {first} {last} Fansly + OF leaked content
t: {name} leak thread (NEW {month})
t: {handle} {platform} leaks | Page {pg}
t: Leaked: {name} ({handle}) photos & videos
s: Dumping everything I have of {first}, {k} pics and {v} vids from {her} {platform}.
s: {user} said: Full pack of {handle} is up, check the second post for mirrors.
s: Replies: {k} · Views: {n} · Last post by {user}
s: Mega link died again, re-uploaded the whole {handle} folder. Don't request, contribute.
s: Anyone got {first}'s {month} set? The links on page {pg} are all dead.
e: Register to see links.
e: Hit like to unlock hidden content.
e: Mirrors: mega / gofile / pixel.
e: Bump for reup pls
p: /threads/{slug}-onlyfans-leaks.{n}/
p: /t/{flat}-leaks/{n}
p: /forum/leaks/{n}-{slug}
p: /threads/{flat}.{n}/page-{pg}
## d=unknown*3 forum*2 social file_host leak_forum | q=;free;content;pics;vip | k=ch | hard
t: {name} exclusive content for free 🔥
t: {handle} – every post, no subscription
t: {first} {last} "full pack" – VIP access unlocked
t: {name} mega folder (complete collection)
t: Free VIP pass: {handle} all content
t: {first}'s whole collection, all in one place
t: {name} premium content – no paywall
s: Why pay? The complete collection of {handle}, sorted by date, free VIP access for everyone.
s: {first}'s whole feed, premium posts included. Updated weekly, nothing paywalled.
s: Grab the full pack before it's gone. {k} files, no survey, no signup.
s: Everything {she} posts behind the paywall, in one folder. You're welcome 😉
s: Limited offer: the entire {handle} archive ({gb}) for $0, just join the channel.
e: Link in comments 👀
e: DM for the Telegram invite.
e: First 100 only.
p: /p/{id}
p: /{slug}-free-vip
p: /collections/{slug}-complete
p: /post/{n}/{flat}-full-pack
## d=file_host*5 unknown | q=leak;mega;pack;folder;drive | k=ch
t: {flat}_full_pack_{year}.zip - {gb}
t: {first} {last} folder – {k} files
t: Index of /{flat}
t: {handle}_OF_backup.rar
t: mega folder – {name} (pics + vids)
s: Shared folder · {k} files · {gb} · Uploaded {date}
s: Free download. Files expire after 30 days of inactivity.
s: {flat}_{n}.mp4, {flat}_{n2}.jpg, set_{k}.zip ...
s: Folder contents: /pics ({k}) /vids ({v}) /extras
s: Password protected archive. Size: {gb}. Downloads: {n2}.
p: /f/{id}
p: /d/{id}
p: /folder/{id}
p: /s/{id}?dl=1
## d=adult*4 unknown | q=video;leak;onlyfans;leaked video | k=ch
t: {name} leaked {platform} video – {n} views
t: {handle} new leaked video from {her} {platform}
t: {first} {last} {platform} leak ({year}) HD
s: Watch {name} in {her} leaked {platform} video. {n} views · {pct}% liked.
s: Uploaded by {user}. Duration {dur}. Ripped from {platform} in HD.
s: Every {handle} video in one place, even the ${price} PPV ones.
p: /video/{n}/{slug}-leaked
p: /v/{id}
p: /videos/{flat}-{n}
## d=news*2 forum*2 social unknown | q=;new collection;leak;leaked | k=b
t: {name}'s next drop leaked early: first look at the {year} collection
t: LEAK: {name} product photos surface weeks before launch
t: Exclusive: we've seen {name}'s new {product} line ahead of release
t: {name} x {other} collab leaked 👀
s: Internal renders from {name} appeared on a forum this morning, three weeks ahead of the
  planned {month} launch.
s: An anonymous account posted the full campaign shoot for the new {product} range; the brand
  has not commented.
s: Full packshots and prices of the upcoming {name} drop, shared by {user}.
s: Look fast before it's taken down: every colourway and the release date.
p: /{year}/{mm}/{slug}-leak-first-look
p: /threads/{slug}-new-collection-leak.{n}
p: /p/{id}
## d=unknown*3 file_host forum*2 leak_forum | q=free;download;course;mega;free download | k=bp
t: {name} course free download (mega)
t: [Share] {name} masterclass – all modules + PDF
t: {name} program {year} – full bundle, free
t: {name} course leaked (every bonus)
t: {name} coaching videos – complete rip
s: The whole {name} course ({k2} modules) as a direct download, no need to pay ${price}.
s: Complete bundle with every bonus. Mega link + mirror, password inside the file.
s: Thanks {user} for sharing, {name}'s masterclass is finally up in full.
s: Members-only course videos ripped in 1080p. No need to buy.
p: /{slug}-course-free
p: /threads/masterclass-{slug}.{n}
p: /f/{id}
p: /courses/{flat}-full
## d=unknown*3 file_host forum | q=pdf;book;epub;free | k=p
t: Download {name}'s book PDF free
t: {name} – the book in EPUB and PDF, free
t: {name}'s new book, read online free
s: Free ebook PDF, EPUB. Read online, no registration.
s: {name}'s book from {month}, fully scanned ({k} pages). Grab it before it's removed.
s: Direct link, no ads. Don't buy it, the PDF is right here.
p: /ebook/{slug}-pdf-free
p: /books/{flat}-epub
p: /f/{id}
"""

BANKS: dict[str, Bank] = {"fr": {"leak": parse_bank(FR)}, "en": {"leak": parse_bank(EN)}}
