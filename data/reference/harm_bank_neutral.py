"""Phrase banks for ``neutral``: namesakes (a plumber, a town, a song), bio pages, directories,
news about laws against leaks, third-party how-to guides (format: ``harm_common``)."""

from __future__ import annotations

from data.reference.harm_common import Bank, parse_bank

FR = """
## d=unknown*3 review*3 | q=fuite;;plombier;avis;fuite d'eau | k=hhhcp | hard
t: {last} Plomberie – dépannage fuite d'eau à {city}
t: Plombier {last} {city} : recherche de fuite sans casse
t: Ets {last} & Fils – chauffage, sanitaire, fuites
t: {last} Plomberie ({city}) – Avis, horaires, téléphone
s: Artisan plombier à {city} depuis {year}. Recherche de fuite, débouchage, chauffe-eau. Devis
  gratuit sous 24 h.
s: {stars} {rating} · {reviews} avis · Plombier · Ouvert 24h/24 — « Intervention rapide pour une
  fuite sous l'évier, merci ! »
s: L'entreprise {last} intervient pour toute fuite d'eau ou de gaz dans un rayon de 30 km
  autour de {city}.
e: Appelez le 0{n2} {k} {k2}.
p: /plombier-{city_slug}/{flat}
p: /pro/{slug}-plomberie
p: //@social/{flat}.plomberie
p: /artisans/{city_slug}/{n2}-{flat}
## d=unknown | q=photos;;fuite;vidéo;mairie | k=hhhc | hard | paired
t: {last}-sur-{river} : mairie, horaires et démarches || Mairie de {last} – Site officiel
s: Commune de {k} habitants située au bord de la {river}. Accueil de la mairie du lundi au
  vendredi.
t: Photos de {last}-sur-{river} – office de tourisme || {last} en images : que voir ?
s: Découvrez {last} en images : église romane, marché du samedi et balades le long de la
  {river}.
t: Camping Les Pins à {last} – réservez vos vacances || Camping du Lac, {last}
s: Emplacements ombragés, piscine chauffée, à 10 min du centre de {last}. {stars} {rating}
t: {last}-sur-{river} : une fuite sur le réseau d'eau prive 300 foyers
s: Les techniciens sont intervenus toute la nuit ; l'eau devrait être rétablie demain matin.
t: Météo {last} : prévisions à 15 jours || Météo à {last}-sur-{river} demain
s: Demain à {last} : éclaircies le matin, averses l'après-midi, 14 °C. Vent de sud-ouest.
p: /commune/{flat} || /mairie-{flat}/accueil
p: //@social/{flat}.tourisme || /galerie/photos-{flat}
p: //@review/camping/{flat}-{n2}
p: //@news/{year}/{mm}/fuite-reseau-eau-{flat}
p: /meteo/{flat}-{n2}
## d=unknown | q=;photos;vidéo;instagram;avis | k=hhhcpp | hard | paired
t: « {first} » – {band} (paroles et traduction) || {band} – {first} (clip officiel)
s: Paroles de « {first} » par {band}, extrait de l'album sorti en {year}. Traduction et clip
  officiel.
t: {name}, kinésithérapeute à {city} – prendre rendez-vous || Kiné {name} ({city}) – avis
s: {name}, kinésithérapeute D.E., exerce au cabinet de la rue des Lilas à {city}. Prise de
  rendez-vous en ligne.
t: {name} – Comptable chez Fidexa | {site} || {name} – Profil professionnel | {site}
s: Expérience : comptable depuis {k2} ans. Formation : IUT de {city}. {k} relations.
t: {first} {last} (1891-1954), peintre et graveur || {name} – œuvres et biographie
s: Peintre paysagiste, élève des Beaux-Arts ; ses gravures sont conservées au musée de {city}.
t: {name} – Agent immobilier à {city} || {name}, conseiller immobilier indépendant
s: Estimation gratuite, {k2} biens à vendre à {city} et alentours. Contactez {name}.
t: Avis de décès de {name} ({age} ans) – {city}
s: Nous avons la tristesse de vous faire part du décès de {name}. Les obsèques auront lieu
  jeudi à {city}.
p: //@social/watch/{id} || /paroles/{band_slug}/{flat}
p: //@review/kine/{city_slug}/{slug}
p: //@social/in/{slug}-{n2}
p: /artiste/{slug}
p: //@review/immobilier/{slug} || /agents/{city_slug}/{flat}
p: /avis-deces/{slug}-{n2}
## d=unknown*3 news social forum | q=;âge;biographie;copain;taille | k=cph
t: {name} : âge, taille, biographie et vie privée
t: Qui est {name} ? Tout savoir sur {handle}
t: {name} – Wiki, fortune, petit ami ({year})
t: {name} ({handle}) : abonnés, statistiques et classement
s: {name} est né{e} en {byear} à {city}. {Elle} s'est fait connaître grâce à ses vidéos de
  {niche}.
s: Découvrez l'âge, la taille, la fortune estimée et le parcours de {name}, {role}.
s: {k} k abonnés · taux d'engagement {pct2} % · catégorie {niche}. Données mises à jour le
  {date}.
e: Sources : réseaux sociaux publics.
p: /biographie/{slug}
p: /wiki/{flat}
p: /stats/{handle}
## d=news*4 unknown forum social | q=leak;fuite;deepfake;;onlyfans | k=cbph | hard | paired
t: Loi contre la diffusion de contenus intimes : ce qui change en {year}
s: Le texte prévoit jusqu'à deux ans d'emprisonnement pour la diffusion sans accord d'images à
  caractère sexuel, y compris générées par IA.
t: Deepfakes sexuels : un nouveau délit adopté par le Parlement || Deepfakes : ce que dit la loi
s: Les montages à caractère sexuel réalisés par IA sans consentement sont désormais punis,
  même s'ils sont présentés comme faux.
t: Comment signaler un contenu intime diffusé sans consentement || Fuite de photos : que faire ?
s: Plateformes, moteurs de recherche, hébergeurs : la marche à suivre pour obtenir un
  retrait rapide, étape par étape.
t: Fuites de contenus payants : les créatrices s'organisent || Leaks : un fléau pour les créateurs
s: Selon une étude publiée le {date}, {pct} % des créateurs interrogés ont déjà subi une fuite
  de leur contenu.
t: Piratage de formations en ligne : que dit le droit d'auteur ?
s: Un point sur les recours possibles quand des contenus payants sont revendus sans
  autorisation.
p: /{year}/{mm}/{dd}/loi-contenus-intimes
p: /tech/deepfakes-{n}
p: /droit/signaler-contenu-intime || /guides/retrait-contenu
p: /{year}/{mm}/fuites-createurs-{n}
p: /droit/piratage-formations
## d=news*3 unknown | q=deepfake;plainte;fuite;;photos | k=cph | hard
t: Deepfakes : {name} porte plainte || Montages IA : {name} saisit la justice
t: {name}, victime d'une fuite de photos, dépose plainte
t: Harcèlement en ligne : {name} obtient le retrait des montages
s: L'avocate de {name} a déposé plainte contre X à {city}. L'enquête a été confiée aux
  enquêteurs spécialisés.
s: Selon son entourage, {first} « va bien » et demande que les images ne soient pas partagées.
s: Les plateformes ont retiré les contenus en moins de 48 heures après le signalement.
p: /{year}/{mm}/{dd}/deepfake-{slug}-plainte
p: /faits-divers/{slug}-plainte-{n2}
p: /tech/{slug}-montages-retires
## d=forum*4 social*2 | q=;avis;forum;nouvelle vidéo | k=cph
t: Vous suivez {handle} ?
t: Quelqu'un connaît {name} ?
t: Discussion : la dernière vidéo de {first}
t: {name} et {other}, ils sont ensemble ?
s: Je l'ai découvert{e} hier sur {site2}, {elle} fait quoi à part ses vidéos {niche} ?
s: Sa dernière vidéo a été tournée à {city}, quelqu'un reconnaît le lieu ?
s: Aucune idée, je crois qu'ils se sont juste croisés sur un tournage.
e: Réponses : {k2}
p: /t/{n}-{slug}
p: /threads/{flat}.{n}/
p: /r/{niche_slug}/comments/{id}
## d=unknown*3 news social review | q=;code promo;emploi;siège;chiffre d'affaires | k=b | paired
t: {name} : chiffre d'affaires, dirigeants et bilans || {name} (SAS) – fiche entreprise
s: Société par actions simplifiée créée en {oyear}, siège à {city}. Activité : commerce de
  {product}.
t: Offre d'emploi : chargé{ee} de clientèle chez {name} ({city}) || {name} recrute à {city}
s: Rejoignez l'équipe {name} ! CDI, télétravail partiel, avantages. Candidature en ligne.
t: Code promo {name} : -{pct} % en {month} {year} || Bons plans {name} du moment
s: Codes vérifiés le {date}. Cumulable avec les soldes, hors articles déjà remisés.
t: {name} ou {other} : quel choix pour vos {product} ?
s: Nous avons comparé les deux marques sur le prix, la livraison et la qualité des {product}.
t: {name} ouvre une boutique éphémère à {city}
s: Jusqu'au {date}, la marque s'installe au centre-ville avec ses {product} et des ateliers.
p: /entreprise/{flat}-{n}
p: //@social/jobs/{slug}-{n2} || /emploi/{slug}-{n2}
p: /codes-promo/{flat}
p: /comparatif/{flat}-vs-{other_slug}
p: //@news/{year}/{mm}/{slug}-boutique-ephemere
## d=news*4 unknown social | q=;agenda;discours;déplacement | k=p | paired
t: {name} en déplacement à {city} ce jeudi || Visite de {name} à {city}
s: {name} sera présent{e} à {city} pour l'inauguration du nouveau centre culturel.
t: {role_cap} : {name} à l'ordre du jour du conseil || Ordre du jour : intervention de {name}
s: Retrouvez l'ordre du jour, les horaires et la retransmission en direct.
t: Budget : {name} interrogé{e} en séance
s: {name}, {role}, a été interrogé{e} sur le budget lors de la séance de mardi.
t: Programme de la semaine : {name}, {other} et les autres
s: Lundi : {other} ; mercredi : {name} à {city} ; vendredi : conférence de presse.
p: /{year}/{mm}/{dd}/{slug}-{city_slug}
p: /agenda/{n}
p: /politique/{slug}
p: /agenda/semaine-{pg}
"""

EN = """
## d=unknown*3 review*3 | q=leak;;plumber;reviews;leak repair | k=hhhcp | hard
t: {last} Plumbing – Leak Detection & Repair in {city}
t: {last} & Sons Plumbing | 24/7 Emergency Plumber
t: {last} Plumbing ({city}) – Reviews, Hours, Phone
t: Burst pipe? Call {last} Plumbing
s: Family-run plumbers in {city} since {year}. Leak detection, drain cleaning, water heaters.
  Free quotes.
s: {stars} {rating} · {reviews} reviews · Plumber · Open 24 hours — "Fixed a leak under the sink
  in no time, thanks!"
s: {last} Plumbing handles water and gas leaks within 20 miles of {city}.
e: Call (555) {k}-{n2}.
p: /plumbers/{city_slug}/{flat}
p: /biz/{slug}-plumbing
p: //@social/{flat}plumbing
p: /trades/{city_slug}/{n2}-{flat}
## d=unknown | q=pics;;leak;video;town | k=hhhc | hard | paired
t: {last}, {county} – Village Council || {last} Parish Council – Official Site
s: A village of {k} people on the banks of the {river_en}. Council office open Monday to
  Friday.
t: Photos of {last} – Visitor Guide || {last} in pictures: what to see
s: See {last} in pictures: the old mill, the Saturday market and riverside walks.
t: {last} Lakeside Campground – Book Your Stay
s: Shaded pitches, heated pool, 10 minutes from {last} town centre. {stars} {rating}
t: Water main leak leaves 300 homes in {last} without water
s: Crews worked through the night; water should be back by tomorrow morning.
t: {last} weather: 15-day forecast || {last}, {county} weather tomorrow
s: Tomorrow in {last}: sunny spells in the morning, showers later, 57 °F. South-west wind.
p: /village/{flat} || /council-{flat}/home
p: //@social/{flat}.visit || /gallery/{flat}-photos
p: //@review/campgrounds/{flat}-{n2}
p: //@news/{year}/{mm}/water-main-leak-{flat}
p: /weather/{flat}-{n2}
## d=unknown | q=;pics;video;instagram;reviews | k=hhhcpp | hard | paired
t: "{first}" – {band} (Lyrics) || {band} – {first} (Official Video)
s: Lyrics to "{first}" by {band}, from the {year} album. Meaning and official video.
t: {name}, physiotherapist in {city} – book online || {name} PT ({city}) – reviews
s: {name}, licensed physiotherapist, sees patients at the Elm Street clinic in {city}. Book
  online.
t: {name} – Accountant at Fidexa | {site} || {name} – Professional Profile | {site}
s: Experience: accountant for {k2} years. Education: {city} Community College. {k} connections.
t: {first} {last} (1891–1954), painter and engraver || {name} – works and biography
s: Landscape painter trained at the academy; the engravings are held by the {city} museum.
t: {name} – Realtor in {city} || {name}, independent real estate agent
s: Free valuation, {k2} homes for sale in {city} and nearby. Contact {name} today.
t: Obituary: {name}, {age}, of {city}
s: It is with great sadness that we announce the passing of {name}. Service Thursday in {city}.
p: //@social/watch/{id} || /lyrics/{band_slug}/{flat}
p: //@review/physio/{city_slug}/{slug}
p: //@social/in/{slug}-{n2}
p: /artist/{slug}
p: //@review/realtors/{slug} || /agents/{city_slug}/{flat}
p: /obituaries/{slug}-{n2}
## d=unknown*3 news social forum | q=;age;bio;boyfriend;height | k=cph
t: {name}: age, height, bio and personal life
t: Who is {name}? Everything about {handle}
t: {name} – Wiki, net worth, boyfriend ({year})
t: {name} ({handle}): followers, stats and ranking
s: {name} was born in {byear} in {city}. {She} rose to fame with {her} {niche} videos.
s: Find out {name}'s age, height, estimated net worth and career as a {role}.
s: {k}k followers · {pct2}% engagement · category {niche}. Data updated {date}.
e: Sources: public social media.
p: /bio/{slug}
p: /wiki/{flat}
p: /stats/{handle}
## d=news*4 unknown forum social | q=leak;leaks;deepfake;;onlyfans | k=cbph | hard | paired
t: New law on sharing intimate images: what changes in {year}
s: The bill makes it a crime to share sexual images without consent, including AI-generated
  ones, with platforms required to remove them within 48 hours.
t: Sexual deepfakes become a crime under new bill || Deepfakes and the law, explained
s: Sexual AI edits made without consent are now punishable, even when labelled as fake.
t: How to report intimate images shared without consent || Photos leaked? What to do
s: Platforms, search engines, hosts: how to get content removed quickly, step by step.
t: Creators are fighting back against paywall leaks || Leaks: the creator economy's plague
s: According to a survey published {date}, {pct}% of creators say their content has been
  leaked at least once.
t: Pirated online courses: what does copyright law say?
s: A look at the remedies available when paid content is resold without permission.
p: /{year}/{mm}/{dd}/intimate-images-law
p: /tech/deepfakes-{n}
p: /help/report-intimate-images || /guides/content-removal
p: /{year}/{mm}/creators-leaks-{n}
p: /law/pirated-courses
## d=news*3 unknown | q=deepfake;police;leak;;pics | k=cph | hard
t: Deepfakes: {name} files police report || AI fakes: {name} takes legal action
t: {name}, whose photos were leaked, goes to the police
t: Online harassment: {name} gets the fake images taken down
s: A lawyer for {name} filed a complaint in {city}. Police have opened an investigation.
s: People close to {first} say {she} is "doing fine" and ask that the images not be shared.
s: Platforms removed the content within 48 hours of the report.
p: /{year}/{mm}/{dd}/deepfake-{slug}-complaint
p: /news/{slug}-police-{n2}
p: /tech/{slug}-fakes-removed
## d=forum*4 social*2 | q=;reddit;forum;new video | k=cph
t: Anyone here follow {handle}?
t: Does anyone know {name}?
t: Discussion: {first}'s latest video
t: Are {name} and {other} dating?
s: Found {him} yesterday on {site2}, what does {she} post besides {niche} stuff?
s: {Her} latest video was shot in {city}, anyone recognise the place?
s: No idea, I think they just met on a shoot once.
e: {k2} replies
p: /t/{n}-{slug}
p: /threads/{flat}.{n}/
p: /r/{niche_slug}/comments/{id}
## d=unknown*3 news social review | q=;promo code;jobs;headquarters;revenue | k=b | paired
t: {name}: revenue, executives and financials || {name} Inc. – company profile
s: Private company founded in {oyear}, headquartered in {city}. Industry: {product}.
t: Job: Customer Success Associate at {name} ({city}) || {name} is hiring in {city}
s: Join the {name} team! Full-time, hybrid, great benefits. Apply online.
t: {name} promo code: {pct}% off in {month} {year} || {name} deals right now
s: Codes verified on {date}. Stacks with the sale, excludes discounted items.
t: {name} vs {other}: which {product} should you pick?
s: We compared both brands on price, shipping and the quality of their {product}.
t: {name} opens a pop-up store in {city}
s: Until {date}, the brand sets up downtown with its {product} and workshops.
p: /company/{flat}-{n}
p: //@social/jobs/{slug}-{n2} || /jobs/{slug}-{n2}
p: /coupons/{flat}
p: /compare/{flat}-vs-{other_slug}
p: //@news/{year}/{mm}/{slug}-pop-up
## d=news*4 unknown social | q=;schedule;speech;visit | k=p | paired
t: {name} visits {city} on Thursday || {name} to visit {city}
s: {name} will attend the opening of the new arts centre in {city}.
t: {role_cap}: {name} on the council agenda || Agenda: {name} to speak
s: See the agenda, times and the live stream.
t: Budget: {name} questioned in session
s: {name}, {role}, was questioned about the budget during Tuesday's session.
t: This week's schedule: {name}, {other} and more
s: Monday: {other}; Wednesday: {name} in {city}; Friday: press conference.
p: /{year}/{mm}/{dd}/{slug}-{city_slug}
p: /events/{n}
p: /politics/{slug}
p: /schedule/week-{pg}
"""

BANKS: dict[str, Bank] = {"fr": {"neutral": parse_bank(FR)}, "en": {"neutral": parse_bank(EN)}}
