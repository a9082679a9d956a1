/**
 * The demo negotiation's text, written for Travaux in the canonical plain-text format (TX rules): a draft
 * convention with a preamble, chapters, articles, paragraphs, subparagraphs and clauses, some brackets, options,
 * a paragraph alternative and paragraph statuses, as a consolidated text looks mid-negotiation. Seeded on first
 * start.
 */
export const DEMO_CONVENTION_TEXT = `Draft United Nations convention on countering the use of information and communications technologies for criminal purposes

Preamble
PP1. The States Parties to this Convention,
PP2. Bearing in mind the purposes and principles of the Charter of the United Nations,
PP3. Concerned that information and communications technologies, while offering great potential for the development of societies, create new opportunities for offenders and may contribute to the increase in the scale, speed and scope of criminal activities,
PP4. Convinced of the need to pursue, as a matter of priority, a common criminal policy aimed at the protection of society against the criminal use of information and communications technologies,
PP5. Recognizing the importance of [technical assistance and capacity-building] for developing countries in preventing and combating such crime,
PP6. Have agreed as follows:

Chapter I
General provisions

Article 1
Statement of purpose
The purposes of this Convention are: {informals}
    (a) To promote and strengthen measures aimed at preventing and combating the criminal use of information and communications technologies more efficiently and effectively;
    (b) To promote, facilitate and strengthen international cooperation in preventing and combating such crime;
    (c) To promote, facilitate and support technical assistance and capacity-building, in particular for the benefit of developing countries.

Article 2
Use of terms
1. For the purposes of this Convention:
    (a) "Information and communications technology system" shall mean any device or group of interconnected or related devices, one or more of which, pursuant to a program, gathers, stores or processes electronic data;
    (b) "Electronic data" shall mean any representation of facts, information or concepts in a form suitable for processing in an information and communications technology system;
    (c) "Service provider" shall mean any public or private entity that:
        (i) Provides to users of its service the ability to communicate by means of an information and communications technology system; or
        (ii) Processes or stores electronic data on behalf of such a communication service or of users of such a service.
2. Nothing in this article shall affect any definition contained in the domestic law of a State Party.

Article 3
Scope of application
1. This Convention shall apply, except as otherwise stated herein, to the prevention, investigation and prosecution of the offences established in accordance with this Convention.
2. For the purposes of implementing this Convention, it shall not be necessary, except as otherwise stated herein, for the offences set forth in it to result in damage or harm to property. {ad ref}

Article 4
Protection of sovereignty
1. States Parties shall carry out their obligations under this Convention in a manner consistent with the principles of sovereign equality and territorial integrity of States and that of non-intervention in the domestic affairs of other States.
[2. Nothing in this Convention shall entitle a State Party to undertake in the territory of another State the exercise of jurisdiction and performance of functions that are reserved exclusively for the authorities of that other State by its domestic law.]
[2 alt. Nothing in this Convention shall be construed as permitting a State Party to exercise jurisdiction in the territory of another State without the consent of that State.]

Chapter II
Criminalization

Article 5
Illegal access
Each State Party shall adopt such legislative and other measures as may be necessary to establish as a criminal offence under its domestic law, when committed intentionally, the access to the whole or any part of an information and communications technology system without right.

Article 6
Respect for human rights
1. States Parties shall ensure that the implementation of their obligations under this Convention is consistent with their obligations under international human rights law.
2. In the establishment, implementation and application of the powers and procedures provided for in this Convention, each State Party shall respect human rights and fundamental freedoms, including the rights to freedom of expression and to privacy.

Article 7
Illegal interception
Each State Party shall adopt such legislative and other measures as may be necessary to establish as a criminal offence under its domestic law, when committed intentionally, the interception without right, made by technical means, of non-public transmissions of electronic data to, from or within an information and communications technology system.

Chapter III
International cooperation

Article 8
General principles of international cooperation
1. States Parties shall cooperate with each other in accordance with the provisions of this Convention and other applicable international instruments for the purpose of:
    (a) Investigations and prosecutions of the offences established in accordance with this Convention;
    (b) The collection of evidence in electronic form of such offences.
2. In matters of international cooperation, [whenever dual criminality is considered a requirement, it shall be deemed fulfilled] irrespective of whether the laws of the requested State Party place the offence within the same category of offence.

Article 9
Technical assistance and capacity-building
1. States Parties shall, according to their capacity, consider affording one another the widest measure of technical assistance, especially for the benefit of developing countries.
2. Such assistance may include:
    (a) Training of personnel responsible for the prevention, detection, investigation and prosecution of the offences covered by this Convention;
    (b) The exchange of relevant expertise and specialized knowledge;
    (c) The transfer of technology [Option 1: on mutually agreed terms] [Option 2: on voluntary and mutually agreed terms].
`;
