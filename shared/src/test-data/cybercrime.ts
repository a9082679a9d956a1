/**
 * The Council of Europe Convention on Cybercrime (Budapest, 23 November 2001, ETS No. 185), in the plain-text
 * format: its structure as published by the Council of Europe (conventions.coe.int, ETS 185,
 * reproduced at http://www.vixa.com/womenit/cybercrime.html): four chapters, sections restarting in each chapter, titles
 * restarting in each section, articles 1 to 48 with their headings. Article bodies are shortened summaries of
 * the official text (the headings, numbers and nesting are the convention's), enough to exercise every level.
 * Its preamble's opening and closing formulas are the convention's (TX21); its considerations are shortened.
 */
export const CYBERCRIME_TEXT = `Convention on Cybercrime

Preamble
Opening: The member States of the Council of Europe and the other States signatory hereto,
PP1. Considering that the aim of the Council of Europe is to achieve a greater unity between its members;
PP2. Convinced of the need to pursue, as a matter of priority, a common criminal policy aimed at the protection of society against cybercrime;
PP3. Conscious of the profound changes brought about by the digitalisation, convergence and continuing globalisation of computer networks;
Closing: Have agreed as follows:

Chapter I
Use of terms

Article 1
Definitions
For the purposes of this Convention:
    (a) "computer system" means any device or group of interconnected devices which performs automatic processing of data;
    (b) "computer data" means any representation of facts, information or concepts in a form suitable for processing;
    (c) "service provider" means any entity that provides the ability to communicate by means of a computer system, or processes data for it;
    (d) "traffic data" means any computer data relating to a communication by means of a computer system.

Chapter II
Measures to be taken at the national level

Section 1
Substantive criminal law

Title 1
Offences against the confidentiality, integrity and availability of computer data and systems

Article 2
Illegal access
Each Party shall make intentional access without right to a computer system a criminal offence under its domestic law.

Article 3
Illegal interception
Each Party shall make intentional interception without right of non-public transmissions of computer data a criminal offence.

Article 4
Data interference
1. Each Party shall make the intentional damaging, deletion, deterioration, alteration or suppression of computer data without right a criminal offence.
2. A Party may require that the conduct result in serious harm.

Article 5
System interference
Each Party shall make the intentional serious hindering without right of the functioning of a computer system a criminal offence.

Article 6
Misuse of devices
Each Party shall make the following, when committed intentionally and without right, criminal offences:
    (a) the production, sale, procurement for use, import, distribution or otherwise making available of:
        (i) a device designed or adapted primarily for committing an offence of Articles 2 to 5;
        (ii) a computer password, access code or similar data by which a computer system is capable of being accessed;
    (b) the possession of such an item with intent that it be used for committing an offence of Articles 2 to 5.

Title 2
Computer-related offences

Article 7
Computer-related forgery
Each Party shall make the intentional input, alteration, deletion or suppression of computer data resulting in inauthentic data a criminal offence.

Article 8
Computer-related fraud
Each Party shall make the causing of a loss of property by any input or interference with a computer system, with fraudulent intent, a criminal offence.

Title 3
Content-related offences

Article 9
Offences related to child pornography
Each Party shall make the production, offering, distribution, procurement and possession of such material through a computer system criminal offences.

Title 4
Offences related to infringements of copyright and related rights

Article 10
Offences related to infringements of copyright and related rights
Each Party shall make wilful infringements of copyright and related rights on a commercial scale by means of a computer system criminal offences.

Title 5
Ancillary liability and sanctions

Article 11
Attempt and aiding or abetting
Each Party shall make intentional aiding or abetting the commission of the offences of this Convention a criminal offence.

Article 12
Corporate liability
Each Party shall ensure that legal persons can be held liable for the offences of this Convention committed for their benefit.

Article 13
Sanctions and measures
Each Party shall ensure that the offences are punishable by effective, proportionate and dissuasive sanctions.

Section 2
Procedural law

Title 1
Common provisions

Article 14
Scope of procedural provisions
Each Party shall establish the powers and procedures of this section for the purpose of specific criminal investigations or proceedings.

Article 15
Conditions and safeguards
Each Party shall ensure that these powers and procedures are subject to conditions and safeguards that protect human rights and liberties.

Title 2
Expedited preservation of stored computer data

Article 16
Expedited preservation of stored computer data
Each Party shall enable its authorities to order the expeditious preservation of specified computer data.

Article 17
Expedited preservation and partial disclosure of traffic data
Each Party shall ensure that preserved traffic data identify the service providers involved in a communication.

Title 3
Production order

Article 18
Production order
Each Party shall empower its authorities to order a person to submit specified computer data in that person's possession or control.

Title 4
Search and seizure of stored computer data

Article 19
Search and seizure of stored computer data
Each Party shall empower its authorities to search or access a computer system and the data stored in it.

Title 5
Real-time collection of computer data

Article 20
Real-time collection of traffic data
Each Party shall empower its authorities to collect or record in real time traffic data of specified communications.

Article 21
Interception of content data
Each Party shall empower its authorities, for serious offences, to collect or record in real time content data of specified communications.

Section 3
Jurisdiction

Article 22
Jurisdiction
Each Party shall establish jurisdiction over the offences committed in its territory, on its ships or aircraft, or by its nationals.

Chapter III
International co-operation

Section 1
General principles

Title 1
General principles relating to international co-operation

Article 23
General principles relating to international co-operation
The Parties shall co-operate with each other to the widest extent possible for the purposes of investigations or proceedings.

Title 2
Principles relating to extradition

Article 24
Extradition
This article applies to extradition for the offences of this Convention punishable by deprivation of liberty of at least one year.

Title 3
General principles relating to mutual assistance

Article 25
General principles relating to mutual assistance
The Parties shall afford one another mutual assistance to the widest extent possible.

Article 26
Spontaneous information
A Party may, without prior request, forward to another Party information obtained within its own investigations.

Title 4
Procedures pertaining to mutual assistance requests in the absence of applicable international agreements

Article 27
Procedures pertaining to mutual assistance requests in the absence of applicable international agreements
Where no mutual assistance treaty is in force between the Parties, the provisions of this article apply.

Article 28
Confidentiality and limitation on use
The requested Party may make the supply of information conditional on its being kept confidential.

Section 2
Specific provisions

Title 1
Mutual assistance regarding provisional measures

Article 29
Expedited preservation of stored computer data
A Party may request another Party to order the expeditious preservation of data stored in its territory.

Article 30
Expedited disclosure of preserved traffic data
Where the requested Party discovers that another State was involved in the transmission, it shall disclose enough traffic data to identify it.

Title 2
Mutual assistance regarding investigative powers

Article 31
Mutual assistance regarding accessing of stored computer data
A Party may request another Party to search, seize or disclose data stored in its territory.

Article 32
Trans-border access to stored computer data with consent or where publicly available
A Party may, without the authorisation of another Party, access publicly available stored computer data.

Article 33
Mutual assistance in the real-time collection of traffic data
The Parties shall provide mutual assistance in the real-time collection of traffic data.

Article 34
Mutual assistance regarding the interception of content data
The Parties shall provide mutual assistance in the real-time collection or recording of content data.

Title 3
24/7 Network

Article 35
24/7 Network
Each Party shall designate a point of contact available on a twenty-four hour, seven-day-a-week basis.

Chapter IV
Final provisions

Article 36
Signature and entry into force
This Convention shall be open for signature by the member States of the Council of Europe and by non-member States which have participated in its elaboration.

Article 37
Accession to the Convention
After entry into force, the Committee of Ministers may invite any State which has not participated in its elaboration to accede.

Article 38
Territorial application
Any State may specify the territory or territories to which this Convention shall apply.

Article 39
Effects of the Convention
The purpose of this Convention is to supplement applicable treaties or arrangements between the Parties.

Article 40
Declarations
Any State may declare that it avails itself of the possibility of requiring additional elements as provided for in certain articles.

Article 41
Federal clause
A federal State may reserve the right to assume obligations consistent with its fundamental principles.

Article 42
Reservations
Any State may declare that it avails itself of the reservations provided for in the articles that allow them.

Article 43
Status and withdrawal of reservations
A Party that has made a reservation may wholly or partially withdraw it.

Article 44
Amendments
Amendments to this Convention may be proposed by any Party.

Article 45
Settlement of disputes
The Parties shall seek a settlement of any dispute through negotiation or any other peaceful means of their choice.

Article 46
Consultations of the Parties
The Parties shall consult periodically with a view to facilitating the use and implementation of this Convention.

Article 47
Denunciation
Any Party may, at any time, denounce this Convention by means of a notification addressed to the Secretary General of the Council of Europe.

Article 48
Notification
The Secretary General of the Council of Europe shall notify the member States and the other States of signatures, ratifications and declarations.
`;
