/**
 * The Berne Convention for the Protection of Literary and Artistic Works, Paris Act of 24 July 1971 as amended
 * on 28 September 1979, in French as the plain-text format reads it: its articles "Article premier" to
 * "Article 38" with the inserted articles of its revisions ("Article 2bis", "6bis", "7bis", "10bis", "11bis",
 * "11ter", "14bis", "14ter", "29bis") as WIPO publishes the text (WIPO Lex, reproduced at
 * https://fr.wikisource.org/wiki/Convention_de_Berne_pour_la_protection_des_œuvres_littéraires_et_artistiques and
 * https://ip-law.be/Lois/Conv.berne.htm).
 * Article headings are WIPO's table of contents; bodies are shortened from the official text; subparagraphs are
 * written "a)" as the French text writes them (TX18). `BERNE_FR_CANONICAL` is its canonical form in French.
 */
export const BERNE_FR_TEXT = `Convention de Berne pour la protection des œuvres littéraires et artistiques

Préambule
Opening: Les pays de l'Union, également animés du désir de protéger d'une manière aussi efficace et aussi uniforme que possible les droits des auteurs sur leurs œuvres littéraires et artistiques,
PP1. Reconnaissant l'importance des travaux de la Conférence de revision tenue à Stockholm en 1967,
PP2. Ont résolu de réviser l'Acte adopté par la Conférence de Stockholm, tout en laissant sans changement les articles 1 à 20 et 22 à 26 de cet Acte.
Closing: En conséquence, les Plénipotentiaires soussignés, après présentation de leurs pleins pouvoirs, reconnus en bonne et due forme, sont convenus de ce qui suit :

Article premier
Constitution d'une Union
Les pays auxquels s'applique la présente Convention sont constitués à l'état d'Union pour la protection des droits des auteurs sur leurs œuvres littéraires et artistiques.

Article 2
Œuvres protégées
1. Les termes « œuvres littéraires et artistiques » comprennent toutes les productions du domaine littéraire, scientifique et artistique.
2. Les pays de l'Union peuvent prescrire que les œuvres ne sont pas protégées tant qu'elles n'ont pas été fixées sur un support matériel.
3. Sont protégés comme des œuvres originales les traductions, adaptations et autres transformations d'une œuvre.

Article 2bis
Possibilité de limiter la protection de certaines œuvres
Les pays de l'Union peuvent exclure partiellement ou totalement de la protection les discours politiques et les discours prononcés dans les débats judiciaires.

Article 3
Critères pour la protection
1. Sont protégés en vertu de la présente Convention :
    a) les auteurs ressortissant à l'un des pays de l'Union, pour leurs œuvres publiées ou non ;
    b) les auteurs ne ressortissant pas à l'un des pays de l'Union, pour les œuvres qu'ils publient pour la première fois dans l'un de ces pays.
2. Les auteurs ayant leur résidence habituelle dans l'un des pays de l'Union sont assimilés aux ressortissants de ce pays.

Article 4
Critères pour la protection des œuvres cinématographiques, des œuvres d'architecture et de certaines œuvres des arts graphiques et plastiques
Sont protégés, même si les conditions de l'article 3 ne sont pas remplies, les auteurs de certaines œuvres cinématographiques et d'architecture.

Article 5
Droits garantis
Les auteurs jouissent, dans les pays de l'Union autres que le pays d'origine de l'œuvre, des droits que les lois respectives accordent aux nationaux.

Article 6
Possibilité de restreindre la protection à l'égard de certaines œuvres des ressortissants de certains pays étrangers à l'Union
Un pays de l'Union peut restreindre la protection des œuvres des ressortissants d'un pays étranger à l'Union qui ne protège pas suffisamment les œuvres de ses auteurs.

Article 6bis
Droits moraux
Indépendamment de ses droits patrimoniaux, l'auteur conserve le droit de revendiquer la paternité de l'œuvre et de s'opposer à toute atteinte préjudiciable à son honneur.

Article 7
Durée de la protection
La durée de la protection comprend la vie de l'auteur et cinquante ans après sa mort.

Article 7bis
Durée de la protection des œuvres de collaboration
Les dispositions de l'article précédent s'appliquent aux œuvres de collaboration, à compter de la mort du dernier survivant des collaborateurs.

Article 8
Droit de traduction
Les auteurs jouissent du droit exclusif de faire ou d'autoriser la traduction de leurs œuvres.

Article 9
Droit de reproduction
Les auteurs jouissent du droit exclusif d'autoriser la reproduction de leurs œuvres, de quelque manière et sous quelque forme que ce soit.

Article 10
Libre utilisation des œuvres dans certains cas
Sont licites les citations tirées d'une œuvre déjà rendue licitement accessible au public, conformes aux bons usages.

Article 10bis
Autres possibilités de libre utilisation des œuvres
Les pays de l'Union peuvent permettre la reproduction par la presse d'articles d'actualité sur des sujets économiques, politiques ou religieux.

Article 11
Certains droits afférents aux œuvres dramatiques et musicales
Les auteurs d'œuvres dramatiques et musicales jouissent du droit exclusif d'autoriser la représentation et l'exécution publiques de leurs œuvres.

Article 11bis
Droits de radiodiffusion et droits connexes
Les auteurs jouissent du droit exclusif d'autoriser la radiodiffusion de leurs œuvres.

Article 11ter
Certains droits afférents aux œuvres littéraires
Les auteurs d'œuvres littéraires jouissent du droit exclusif d'autoriser la récitation publique de leurs œuvres.

Article 12
Droit d'adaptation, d'arrangement et d'autres transformations
Les auteurs jouissent du droit exclusif d'autoriser les adaptations, arrangements et autres transformations de leurs œuvres.

Article 13
Possibilité de limiter le droit d'enregistrement des œuvres musicales et de toutes paroles qui les accompagnent
Chaque pays de l'Union peut établir des réserves et conditions relatives au droit exclusif d'enregistrement sonore d'une œuvre musicale.

Article 14
Droits cinématographiques et droits connexes
Les auteurs jouissent du droit exclusif d'autoriser l'adaptation et la reproduction cinématographiques de leurs œuvres.

Article 14bis
Dispositions particulières concernant les œuvres cinématographiques
L'œuvre cinématographique est protégée comme une œuvre originale.

Article 14ter
« Droit de suite » sur les œuvres d'art et les manuscrits
L'auteur jouit d'un droit inaliénable à être intéressé aux opérations de vente dont l'œuvre est l'objet après la première cession.

Article 15
Droit de faire valoir les droits protégés
Il suffit que le nom de l'auteur soit indiqué sur l'œuvre en la manière usitée pour que celui-ci soit considéré comme tel.

Article 16
Saisie des œuvres contrefaites
Toute œuvre contrefaite peut être saisie dans les pays de l'Union où l'œuvre originale a droit à la protection légale.

Article 17
Possibilité de surveiller la circulation, la représentation et l'exposition des œuvres
Les dispositions de la Convention ne portent aucun préjudice au droit des gouvernements de surveiller la circulation des œuvres.

Article 18
Œuvres existant lors de l'entrée en vigueur de la Convention
La Convention s'applique à toutes les œuvres qui ne sont pas encore tombées dans le domaine public de leur pays d'origine.

Article 19
Protection plus large que celle qui découle de la Convention
Les dispositions de la Convention n'empêchent pas de revendiquer une protection plus large accordée par une législation nationale.

Article 20
Arrangements particuliers entre pays de l'Union
Les gouvernements des pays de l'Union se réservent le droit de prendre entre eux des arrangements particuliers.

Article 21
Dispositions particulières concernant les pays en voie de développement
Des dispositions particulières concernant les pays en voie de développement figurent dans l'Annexe.

Article 22
Assemblée
L'Union a une Assemblée composée des pays de l'Union liés par les articles 22 à 26.

Article 23
Comité exécutif
L'Assemblée a un Comité exécutif.

Article 24
Bureau international
Les tâches administratives incombant à l'Union sont assurées par le Bureau international.

Article 25
Finances
L'Union a un budget.

Article 26
Modifications
Des propositions de modification des articles 22 à 26 peuvent être présentées par tout pays membre de l'Assemblée.

Article 27
Revision
La présente Convention peut être soumise à des revisions en vue d'y introduire les améliorations de nature à perfectionner le système de l'Union.

Article 28
Acceptation et entrée en vigueur de l'Acte pour les pays de l'Union
Chacun des pays de l'Union qui a signé le présent Acte peut le ratifier.

Article 29
Acceptation et entrée en vigueur pour les pays étrangers à l'Union
Tout pays étranger à l'Union peut adhérer au présent Acte et devenir ainsi partie à la présente Convention.

Article 29bis
Effet de l'acceptation de l'Acte aux fins de l'application de l'article 14.2) de la Convention instituant l'OMPI
La ratification du présent Acte ou l'adhésion à celui-ci vaut ratification ou adhésion aux fins de la Convention instituant l'OMPI.

Article 30
Réserves
La ratification ou l'adhésion emporte de plein droit accession à toutes les clauses et admission à tous les avantages de la présente Convention.

Article 31
Applicabilité à certains territoires
Tout pays peut déclarer que le présent Acte est applicable à tout ou partie des territoires dont il assure les relations extérieures.

Article 32
Applicabilité du présent Acte et des Actes antérieurs
Le présent Acte remplace, dans les rapports entre les pays de l'Union, la Convention de Berne et les Actes de revision successifs.

Article 33
Différends
Tout différend entre deux ou plusieurs pays de l'Union peut être porté devant la Cour internationale de Justice.

Article 34
Clôture de certaines dispositions antérieures
Aucun pays ne peut plus adhérer à des Actes antérieurs de la présente Convention.

Article 35
Durée de la Convention ; dénonciation
La présente Convention demeure en vigueur sans limitation de durée.

Article 36
Application de la Convention
Tout pays partie à la présente Convention s'engage à adopter les mesures nécessaires pour en assurer l'application.

Article 37
Clauses finales
Le présent Acte est signé en un seul exemplaire dans les langues française et anglaise.

Article 38
Dispositions transitoires
Les pays de l'Union qui n'ont pas ratifié le présent Acte peuvent exercer les droits prévus aux articles 22 à 26 pendant cinq ans.
`;

/** The canonical form of `BERNE_FR_TEXT` (TX10): subparagraphs "(a)". */
export const BERNE_FR_CANONICAL = `Convention de Berne pour la protection des œuvres littéraires et artistiques

Préambule
Opening: Les pays de l'Union, également animés du désir de protéger d'une manière aussi efficace et aussi uniforme que possible les droits des auteurs sur leurs œuvres littéraires et artistiques,
PP1. Reconnaissant l'importance des travaux de la Conférence de revision tenue à Stockholm en 1967,
PP2. Ont résolu de réviser l'Acte adopté par la Conférence de Stockholm, tout en laissant sans changement les articles 1 à 20 et 22 à 26 de cet Acte.
Closing: En conséquence, les Plénipotentiaires soussignés, après présentation de leurs pleins pouvoirs, reconnus en bonne et due forme, sont convenus de ce qui suit :

Article premier
Constitution d'une Union
Les pays auxquels s'applique la présente Convention sont constitués à l'état d'Union pour la protection des droits des auteurs sur leurs œuvres littéraires et artistiques.

Article 2
Œuvres protégées
1. Les termes « œuvres littéraires et artistiques » comprennent toutes les productions du domaine littéraire, scientifique et artistique.
2. Les pays de l'Union peuvent prescrire que les œuvres ne sont pas protégées tant qu'elles n'ont pas été fixées sur un support matériel.
3. Sont protégés comme des œuvres originales les traductions, adaptations et autres transformations d'une œuvre.

Article 2bis
Possibilité de limiter la protection de certaines œuvres
Les pays de l'Union peuvent exclure partiellement ou totalement de la protection les discours politiques et les discours prononcés dans les débats judiciaires.

Article 3
Critères pour la protection
1. Sont protégés en vertu de la présente Convention :
    (a) les auteurs ressortissant à l'un des pays de l'Union, pour leurs œuvres publiées ou non ;
    (b) les auteurs ne ressortissant pas à l'un des pays de l'Union, pour les œuvres qu'ils publient pour la première fois dans l'un de ces pays.
2. Les auteurs ayant leur résidence habituelle dans l'un des pays de l'Union sont assimilés aux ressortissants de ce pays.

Article 4
Critères pour la protection des œuvres cinématographiques, des œuvres d'architecture et de certaines œuvres des arts graphiques et plastiques
Sont protégés, même si les conditions de l'article 3 ne sont pas remplies, les auteurs de certaines œuvres cinématographiques et d'architecture.

Article 5
Droits garantis
Les auteurs jouissent, dans les pays de l'Union autres que le pays d'origine de l'œuvre, des droits que les lois respectives accordent aux nationaux.

Article 6
Possibilité de restreindre la protection à l'égard de certaines œuvres des ressortissants de certains pays étrangers à l'Union
Un pays de l'Union peut restreindre la protection des œuvres des ressortissants d'un pays étranger à l'Union qui ne protège pas suffisamment les œuvres de ses auteurs.

Article 6bis
Droits moraux
Indépendamment de ses droits patrimoniaux, l'auteur conserve le droit de revendiquer la paternité de l'œuvre et de s'opposer à toute atteinte préjudiciable à son honneur.

Article 7
Durée de la protection
La durée de la protection comprend la vie de l'auteur et cinquante ans après sa mort.

Article 7bis
Durée de la protection des œuvres de collaboration
Les dispositions de l'article précédent s'appliquent aux œuvres de collaboration, à compter de la mort du dernier survivant des collaborateurs.

Article 8
Droit de traduction
Les auteurs jouissent du droit exclusif de faire ou d'autoriser la traduction de leurs œuvres.

Article 9
Droit de reproduction
Les auteurs jouissent du droit exclusif d'autoriser la reproduction de leurs œuvres, de quelque manière et sous quelque forme que ce soit.

Article 10
Libre utilisation des œuvres dans certains cas
Sont licites les citations tirées d'une œuvre déjà rendue licitement accessible au public, conformes aux bons usages.

Article 10bis
Autres possibilités de libre utilisation des œuvres
Les pays de l'Union peuvent permettre la reproduction par la presse d'articles d'actualité sur des sujets économiques, politiques ou religieux.

Article 11
Certains droits afférents aux œuvres dramatiques et musicales
Les auteurs d'œuvres dramatiques et musicales jouissent du droit exclusif d'autoriser la représentation et l'exécution publiques de leurs œuvres.

Article 11bis
Droits de radiodiffusion et droits connexes
Les auteurs jouissent du droit exclusif d'autoriser la radiodiffusion de leurs œuvres.

Article 11ter
Certains droits afférents aux œuvres littéraires
Les auteurs d'œuvres littéraires jouissent du droit exclusif d'autoriser la récitation publique de leurs œuvres.

Article 12
Droit d'adaptation, d'arrangement et d'autres transformations
Les auteurs jouissent du droit exclusif d'autoriser les adaptations, arrangements et autres transformations de leurs œuvres.

Article 13
Possibilité de limiter le droit d'enregistrement des œuvres musicales et de toutes paroles qui les accompagnent
Chaque pays de l'Union peut établir des réserves et conditions relatives au droit exclusif d'enregistrement sonore d'une œuvre musicale.

Article 14
Droits cinématographiques et droits connexes
Les auteurs jouissent du droit exclusif d'autoriser l'adaptation et la reproduction cinématographiques de leurs œuvres.

Article 14bis
Dispositions particulières concernant les œuvres cinématographiques
L'œuvre cinématographique est protégée comme une œuvre originale.

Article 14ter
« Droit de suite » sur les œuvres d'art et les manuscrits
L'auteur jouit d'un droit inaliénable à être intéressé aux opérations de vente dont l'œuvre est l'objet après la première cession.

Article 15
Droit de faire valoir les droits protégés
Il suffit que le nom de l'auteur soit indiqué sur l'œuvre en la manière usitée pour que celui-ci soit considéré comme tel.

Article 16
Saisie des œuvres contrefaites
Toute œuvre contrefaite peut être saisie dans les pays de l'Union où l'œuvre originale a droit à la protection légale.

Article 17
Possibilité de surveiller la circulation, la représentation et l'exposition des œuvres
Les dispositions de la Convention ne portent aucun préjudice au droit des gouvernements de surveiller la circulation des œuvres.

Article 18
Œuvres existant lors de l'entrée en vigueur de la Convention
La Convention s'applique à toutes les œuvres qui ne sont pas encore tombées dans le domaine public de leur pays d'origine.

Article 19
Protection plus large que celle qui découle de la Convention
Les dispositions de la Convention n'empêchent pas de revendiquer une protection plus large accordée par une législation nationale.

Article 20
Arrangements particuliers entre pays de l'Union
Les gouvernements des pays de l'Union se réservent le droit de prendre entre eux des arrangements particuliers.

Article 21
Dispositions particulières concernant les pays en voie de développement
Des dispositions particulières concernant les pays en voie de développement figurent dans l'Annexe.

Article 22
Assemblée
L'Union a une Assemblée composée des pays de l'Union liés par les articles 22 à 26.

Article 23
Comité exécutif
L'Assemblée a un Comité exécutif.

Article 24
Bureau international
Les tâches administratives incombant à l'Union sont assurées par le Bureau international.

Article 25
Finances
L'Union a un budget.

Article 26
Modifications
Des propositions de modification des articles 22 à 26 peuvent être présentées par tout pays membre de l'Assemblée.

Article 27
Revision
La présente Convention peut être soumise à des revisions en vue d'y introduire les améliorations de nature à perfectionner le système de l'Union.

Article 28
Acceptation et entrée en vigueur de l'Acte pour les pays de l'Union
Chacun des pays de l'Union qui a signé le présent Acte peut le ratifier.

Article 29
Acceptation et entrée en vigueur pour les pays étrangers à l'Union
Tout pays étranger à l'Union peut adhérer au présent Acte et devenir ainsi partie à la présente Convention.

Article 29bis
Effet de l'acceptation de l'Acte aux fins de l'application de l'article 14.2) de la Convention instituant l'OMPI
La ratification du présent Acte ou l'adhésion à celui-ci vaut ratification ou adhésion aux fins de la Convention instituant l'OMPI.

Article 30
Réserves
La ratification ou l'adhésion emporte de plein droit accession à toutes les clauses et admission à tous les avantages de la présente Convention.

Article 31
Applicabilité à certains territoires
Tout pays peut déclarer que le présent Acte est applicable à tout ou partie des territoires dont il assure les relations extérieures.

Article 32
Applicabilité du présent Acte et des Actes antérieurs
Le présent Acte remplace, dans les rapports entre les pays de l'Union, la Convention de Berne et les Actes de revision successifs.

Article 33
Différends
Tout différend entre deux ou plusieurs pays de l'Union peut être porté devant la Cour internationale de Justice.

Article 34
Clôture de certaines dispositions antérieures
Aucun pays ne peut plus adhérer à des Actes antérieurs de la présente Convention.

Article 35
Durée de la Convention ; dénonciation
La présente Convention demeure en vigueur sans limitation de durée.

Article 36
Application de la Convention
Tout pays partie à la présente Convention s'engage à adopter les mesures nécessaires pour en assurer l'application.

Article 37
Clauses finales
Le présent Acte est signé en un seul exemplaire dans les langues française et anglaise.

Article 38
Dispositions transitoires
Les pays de l'Union qui n'ont pas ratifié le présent Acte peuvent exercer les droits prévus aux articles 22 à 26 pendant cinq ans.
`;
