"""Phrase banks for ``ncii``: intimate images shared without consent, deepfakes, AI "undressing",
stolen private files (format: ``harm_common``). Wording stays descriptive, never explicit."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=forum*2 unknown*3 adult*2 social leak_forum | q=;photos;nude;photos privées;ex | k=chp
t: Photos intimes de {name} diffusées sans son accord
t: {first} {last} – les photos privées envoyées à son ex
t: Les nudes de {handle} balancés sur un groupe
t: {name} : sa vidéo privée partagée par un ancien compagnon
t: [Revenge] {first} de {city} – photos perso
t: {first} {last} nue – photos volées
s: Un ancien compagnon de {first} aurait publié des photos intimes sans son consentement ; elles
  circulent sur plusieurs groupes.
s: Photos perso de {name} envoyées à son ex, repartagées par {user}. Supprimées puis remises en
  ligne.
s: Vidéo privée de {first} tournée chez {elle}, jamais publiée par {elle}-même.
s: Qui a la suite ? {user} a posté {k} photos de {first} prises en privé, {elle} ne sait pas
  qu'elles tournent.
s: Nudes de {handle} récupérés sur son ancien téléphone. À partager en privé seulement.
e: Reupload si ça saute.
e: Lien Télégram en commentaire.
e: Demandez en MP.
p: /threads/{slug}-photos-ex.{n}
p: /t/{id}
p: /video/{n}/{slug}-privee
p: /g/{flat}-perso
## d=unknown*3 adult*2 forum social | q=;deepfake;ia;nude;photos | k=chp | hard
t: {name} deepfake – vidéo IA
t: Deepnude {name} : résultat « réaliste » généré par IA
t: {first} {last} montage nue (IA) – galerie
t: {handle} « déshabillée » par une appli IA
t: Face swap {name} – nouvelle vidéo
t: {name} sans vêtements ? Les images IA qui circulent
s: Images générées par IA montrant {name} dénudé{e}. Montage réalisé avec un outil de deepnude à
  partir de ses photos publiques.
s: Galerie de {k} montages IA de {first}. Demandes acceptées : envoyez une photo habillée.
s: Le visage de {first} incrusté sur une vidéo pour adultes, rendu « très réaliste » selon les
  commentaires.
s: Appli de déshabillage testée sur les photos d'{handle}… le résultat fait froid dans le dos.
s: Nouveaux montages de {name} ajoutés ({k} images). Qualité 4K, modèle entraîné sur son compte.
e: Tout est généré, rien de réel 😏
e: Demandes en commentaire.
p: /deepfake/{slug}
p: /ai/{slug}-{n}
p: /g/{id}
p: /models/{flat}-v{pg}
## d=unknown*2 forum*2 leak_forum file_host | q=;icloud;piratage;photos volées | k=cph | paired
t: Photos volées de {name} (téléphone piraté) || {name} : photos privées après le piratage
s: Après le piratage de son téléphone, des photos privées de {name} ont été mises en ligne sans
  autorisation.
t: {first} {last} : le contenu de son cloud piraté circule || Dossier « privé » de {handle}
s: Dossier récupéré sur son cloud : {k} photos, dont certaines très intimes. Lien temporaire.
t: {name} – photos de vestiaire prises à son insu || {first} {last} filmé{e} à son insu
s: Photos prises à son insu dans un vestiaire à {city}, repostées par {user}.
e: Ça va être supprimé vite, dépêchez-vous.
p: /threads/{slug}-cloud.{n}
p: /f/{id}
p: /t/{n}-{slug}-vestiaire
## d=unknown*3 social*2 forum | q=;vidéo;lien;télégram;photos | k=chp | paired
t: Vidéo intime de {name} : le lien qui circule 🔞
t: Groupe privé « {first} sans filtre » – {k} membres
t: {handle} : la vidéo qu'{elle} voulait cacher
s: La vidéo privée de {first} tourne sur les groupes depuis hier, on vous met le lien avant
  qu'elle soit supprimée.
s: Canal privé : photos intimes de {first} postées par son ex, ajout chaque soir. Invitation
  sur demande.
s: Tournée sans son accord, la vidéo de {name} a déjà été vue {n} fois. Lien dans le premier
  commentaire.
e: Ne partagez pas en public 🤫
p: /p/{id}
p: /groupe/{flat}-sans-filtre
p: /{year}/{mm}/video-{slug}-lien
"""

EN = """
## d=forum*2 unknown*3 adult*2 social leak_forum | q=;nudes;private pics;ex;photos | k=chp
t: {name} intimate photos shared without consent
t: {first} {last} – private pics {her} ex posted
t: {handle} nudes dropped in a group chat
t: {name}: private video shared by a former partner
t: [Revenge] {first} from {city} – personal pics
t: {first} {last} nude – stolen photos
s: A former partner of {first} reportedly posted intimate pictures without consent; they are
  spreading across several groups.
s: Personal pics of {name} sent to {her} ex, reshared by {user}. Taken down and reposted.
s: Private video of {first} filmed at home, never posted by {first} anywhere.
s: Who has the rest? {user} posted {k} private pics of {first}, {she} has no idea they're out.
s: {handle} nudes pulled off an old phone. Share in DMs only.
e: Reupload if it gets nuked.
e: Telegram link in the comments.
e: DM me.
p: /threads/{slug}-ex-pics.{n}
p: /t/{id}
p: /video/{n}/{slug}-private
p: /g/{flat}-personal
## d=unknown*3 adult*2 forum social | q=;deepfake;ai;nude;ai pics | k=chp | hard
t: {name} deepfake – AI video
t: Deepnude {name}: "realistic" AI result
t: {first} {last} AI nudes – gallery
t: {handle} "undressed" by an AI app
t: {name} face swap – new video
t: {name} without clothes? The AI images going around
s: AI-generated images showing {name} undressed. Made with a deepnude tool from {her} public
  photos.
s: Gallery of {k} AI edits of {first}. Requests open: send a clothed photo.
s: {first}'s face pasted onto an adult video, "super realistic" according to the comments.
s: Tried an undressing app on {handle}'s pics… the result is creepy.
s: New {name} edits added ({k} images). 4K, model trained on {her} feed.
e: All generated, nothing real 😏
e: Requests in the comments.
p: /deepfake/{slug}
p: /ai/{slug}-{n}
p: /g/{id}
p: /models/{flat}-v{pg}
## d=unknown*2 forum*2 leak_forum file_host | q=;icloud;hacked;stolen pics | k=cph | paired
t: {name} stolen photos (hacked phone) || {name}: private pics after the hack
s: After {her} phone was hacked, private photos of {name} were posted online without
  permission.
t: {first} {last}: hacked cloud content is circulating || {handle} "private" folder
s: Folder pulled from {her} cloud: {k} photos, some very intimate. Temporary link.
t: {name} – locker room pics taken without {her} knowledge || {first} {last} filmed secretly
s: Pictures taken without {her} knowledge in a locker room in {city}, reposted by {user}.
e: Won't stay up long, be quick.
p: /threads/{slug}-cloud.{n}
p: /f/{id}
p: /t/{n}-{slug}-locker
## d=unknown*3 social*2 forum | q=;video;link;telegram;pics | k=chp | paired
t: {name} private video: the link going around 🔞
t: Private group "{first} unfiltered" – {k} members
t: {handle}: the video {she} wanted hidden
s: {first}'s private video has been doing the rounds in group chats since yesterday, here's the
  link before it gets removed.
s: Private channel: intimate pics of {first} posted by {her} ex, new ones every night. Invite on
  request.
s: Filmed without consent, the {name} video has already been viewed {n} times. Link in the
  first comment.
e: Don't share in public 🤫
p: /p/{id}
p: /group/{flat}-unfiltered
p: /{year}/{mm}/{slug}-video-link
"""

BANKS: dict[str, Bank] = {"fr": {"ncii": parse_bank(FR)}, "en": {"ncii": parse_bank(EN)}}
