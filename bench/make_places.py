"""Generate hrtracker/extract/data/places.json (dev-only; the runtime never imports this).

Codes and official English names come from pycountry; everything a news reader needs beyond
that (short names, Spanish names, demonyms, cities, regions, leaders, the ambiguity lists) is
hand-written below and was checked by hand for Latin America. Run:

    python bench/make_places.py            # rewrites the JSON
    python bench/make_places.py --check    # exits 1 if the JSON is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parent.parent / "hrtracker" / "extract" / "data" / "places.json"

# The 193 UN member states, ISO alpha-3.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()  # noqa: SIM905 (a block reads better than 193 quoted codes)

# Observers and territories that news reports name as if they were countries.
EXTRA = ["PSE", "XKX", "TWN", "HKG", "PRI", "ESH", "VAT", "GUF", "GRL"]
KOSOVO = {"code3": "XKX", "code2": "XK", "official": "Republic of Kosovo"}

# code3: English short name | Spanish short name. Only where pycountry's differ from news use.
NAMES = """
BOL Bolivia | Bolivia
VEN Venezuela | Venezuela
IRN Iran | Irán
SYR Syria | Siria
RUS Russia | Rusia
KOR South Korea | Corea del Sur
PRK North Korea | Corea del Norte
VNM Vietnam | Vietnam
LAO Laos | Laos
TZA Tanzania | Tanzania
MDA Moldova | Moldavia
CZE Czechia | Chequia
COD Democratic Republic of the Congo | República Democrática del Congo
COG Republic of the Congo | República del Congo
CIV Ivory Coast | Costa de Marfil
USA United States | Estados Unidos
GBR United Kingdom | Reino Unido
PSE Palestine | Palestina
TWN Taiwan | Taiwán
FSM Micronesia | Micronesia
BRN Brunei | Brunéi
VAT Vatican City | Ciudad del Vaticano
TUR Turkey | Turquía
CPV Cape Verde | Cabo Verde
TLS East Timor | Timor Oriental
DZA Algeria | Argelia
TUN Tunisia | Túnez
SUR Suriname | Surinam
NER Niger | Níger
COM Comoros | Comoras
MDV Maldives | Maldivas
BHS Bahamas | Bahamas
GMB Gambia | Gambia
SAU Saudi Arabia | Arabia Saudita
BFA Burkina Faso | Burkina Faso
BGD Bangladesh | Bangladés
BHR Bahrain | Baréin
QAT Qatar | Catar
KEN Kenya | Kenia
MWI Malawi | Malaui
XKX Kosovo | Kosovo
GNB Guinea-Bissau | Guinea-Bisáu
SWZ Eswatini | Esuatini
MKD North Macedonia | Macedonia del Norte
MMR Myanmar | Myanmar
"""

# Extra names matched in text (besides the short names). English and Spanish, canonical
# spelling with accents: the runtime adds accent-less, apostrophe and hyphen variants.
ALIASES = """
USA United States of America; U.S.; US; USA; U.S.A.; America; Estados Unidos de América; EE.UU.; EEUU; EE. UU.; EUA
GBR Britain; Great Britain; UK; U.K.; England; Scotland; Wales; Northern Ireland; Gran Bretaña; Inglaterra; Escocia; Irlanda del Norte
RUS Russian Federation; Federación Rusa
BOL Plurinational State of Bolivia; Estado Plurinacional de Bolivia
VEN Bolivarian Republic of Venezuela; República Bolivariana de Venezuela
MEX Méjico; United Mexican States; Estados Unidos Mexicanos
COL Republic of Colombia; República de Colombia
PER Republic of Peru; República del Perú
ECU Republic of Ecuador; República del Ecuador
CHL Republic of Chile; República de Chile
ARG Argentine Republic; República Argentina
BRA Federative Republic of Brazil; República Federativa do Brasil
SLV Republic of El Salvador; República de El Salvador
DOM República Dominicana; Dominican Republic
HTI Republic of Haiti; República de Haití
CUB Republic of Cuba; República de Cuba
NIC Republic of Nicaragua; República de Nicaragua
HND Republic of Honduras; República de Honduras
GTM Republic of Guatemala; República de Guatemala
PAN Republic of Panama; República de Panamá
CRI Republic of Costa Rica; República de Costa Rica
PRY Republic of Paraguay; República del Paraguay
URY Oriental Republic of Uruguay; República Oriental del Uruguay
COD DR Congo; DRC; D.R. Congo; Democratic Republic of Congo; Congo-Kinshasa; Congo; RDC; RD Congo; República Democrática del Congo
COG Republic of Congo; Congo Republic; Congo-Brazzaville; República del Congo
CIV Côte d'Ivoire; Cote d'Ivoire
KOR Republic of Korea; Corea del Sur
PRK Democratic People's Republic of Korea; DPRK; Corea del Norte
IRN Islamic Republic of Iran; República Islámica de Irán; Persia
SYR Syrian Arab Republic
VNM Viet Nam
LAO Lao People's Democratic Republic
TZA United Republic of Tanzania
MDA Republic of Moldova; Moldavia
CZE Czech Republic; República Checa
TUR Türkiye; Turkiye
MMR Burma
SWZ Swaziland; Suazilandia
MKD Macedonia; Macedonia del Norte
CPV Cabo Verde
TLS Timor-Leste; East Timor
NLD the Netherlands; Netherlands; Holland; Holanda; Países Bajos
ARE UAE; Emiratos Árabes Unidos; Emiratos Árabes
PSE State of Palestine; Estado de Palestina; Palestinian territories; occupied Palestinian territory; Territorios Palestinos
VAT Holy See; Vatican; Santa Sede; Vaticano
FSM Federated States of Micronesia
BHS The Bahamas; Commonwealth of the Bahamas; las Bahamas
GMB The Gambia
PNG Papúa Nueva Guinea
GNQ Guinea Ecuatorial
TTO Trinidad y Tobago; Trinidad & Tobago
ATG Antigua y Barbuda; Antigua & Barbuda
KNA Saint Kitts and Nevis; St Kitts and Nevis; St. Kitts and Nevis; San Cristóbal y Nieves; St Kitts
VCT Saint Vincent and the Grenadines; St Vincent and the Grenadines; St. Vincent and the Grenadines; San Vicente y las Granadinas; St Vincent
LCA Saint Lucia; St Lucia; St. Lucia
STP Sao Tome and Principe; São Tomé and Príncipe; Santo Tomé y Príncipe
BIH Bosnia; Bosnia-Herzegovina; Bosnia y Herzegovina
SAU Arabia Saudí; Arabia Saudita; KSA
ZAF Sudáfrica
CAF Central African Republic; República Centroafricana
SSD South Sudan; Sudán del Sur
TWN Republic of China
HKG Hong Kong SAR
ESH Western Sahara; Sahara Occidental
XKX Republic of Kosovo
GUF Guayana Francesa
GRL Groenlandia
GEO Republic of Georgia; Sakartvelo
"""

# Forms that are official names of a country but ambiguous or common words in running text:
# they stay available to lookup_country() (the name, name_es fields) but are never matched.
NOT_MATCHED = {
    "GEO": {"Georgia"},  # also a US state; see "unresolved"
    "COG": {"Congo"},  # bare "Congo" means the DRC in most reporting
    "GRD": {"Granada"},  # Spanish for Grenada, also cities in Spain and Nicaragua
    "MUS": {"Mauricio"},  # Spanish for Mauritius, also a common given name
    "LCA": {"Santa Lucía"},  # dozens of towns in Latin America
    "SLB": {"Salomón"},
    "ATG": {"Antigua"},  # also Antigua Guatemala, and "antigua" = old
    "DZA": {"Argelia"},  # Spanish for Algeria, also a town in Cauca, Colombia
    "ARM": {"Armenia"},  # also the capital of Quindío, Colombia
    "LBR": {"Liberia"},  # also the capital of Guanacaste, Costa Rica
}

# English demonyms | Spanish demonyms (masculine singular; the runtime does not inflect, this
# generator does). A "+" marks a form whose plural is generated.
DEMONYMS = """
AFG Afghan | afgano
ALB Albanian | albanés
DZA Algerian | argelino
AND Andorran | andorrano
AGO Angolan | angoleño
ATG Antiguan; Barbudan | antiguano
ARG Argentine; Argentinian; Argentinean | argentino
ARM Armenian | armenio
AUS Australian | australiano
AUT Austrian | austriaco; austríaco
AZE Azerbaijani; Azeri | azerbaiyano; azerí
BHS Bahamian | bahameño
BHR Bahraini | bareiní
BGD Bangladeshi | bangladesí
BRB Barbadian; Bajan | barbadense
BLR Belarusian; Belarussian | bielorruso
BEL Belgian | belga
BLZ Belizean | beliceño
BEN Beninese | beninés
BTN Bhutanese | butanés
BOL Bolivian | boliviano
BIH Bosnian | bosnio
BWA Botswanan; Motswana; Batswana | botsuano
BRA Brazilian | brasileño; brasilero
BRN Bruneian | bruneano
BGR Bulgarian | búlgaro
BFA Burkinabe; Burkinabè | burkinés
BDI Burundian | burundés
CPV Cape Verdean | caboverdiano
KHM Cambodian | camboyano
CMR Cameroonian | camerunés
CAN Canadian | canadiense
CAF Central African | centroafricano
TCD Chadian | chadiano
CHL Chilean | chileno
CHN Chinese | chino
COL Colombian | colombiano
COM Comorian | comorense
COG
CRI Costa Rican | costarricense
CIV Ivorian | marfileño
HRV Croatian; Croat | croata
CUB Cuban | cubano
CYP Cypriot | chipriota
CZE Czech | checo
PRK North Korean | norcoreano
COD Congolese | congoleño; congolés
DNK Danish; Dane | danés
DJI Djiboutian | yibutiano
DMA
DOM Dominican | dominicano
ECU Ecuadorian; Ecuadorean | ecuatoriano
EGY Egyptian | egipcio
SLV Salvadoran; Salvadorean; Salvadorian | salvadoreño
GNQ Equatorial Guinean | ecuatoguineano
ERI Eritrean | eritreo
EST Estonian | estonio
SWZ Swazi | suazi
ETH Ethiopian | etíope
FJI Fijian | fiyiano
FIN Finnish; Finn | finlandés
FRA Frenchman; Frenchmen; Frenchwoman; Frenchwomen |
GAB Gabonese | gabonés
GMB Gambian | gambiano
GEO
DEU German | alemanes; alemana; alemanas
GHA Ghanaian | ghanés
GRC Greek | griego
GRD Grenadian |
GTM Guatemalan | guatemalteco
GIN Guinean | guineano
GNB Bissau-Guinean | bisauguineano
GUY Guyanese | guyanés
HTI Haitian | haitiano
HND Honduran | hondureño
HUN Hungarian | húngaro
ISL Icelandic; Icelander | islandés
IND Indian |
IDN Indonesian | indonesio
IRN Iranian | iraní
IRQ Iraqi | iraquí
IRL Irish | irlandés
ISR Israeli | israelí
ITA Italian | italiano
JAM Jamaican | jamaicano; jamaiquino
JPN Japanese | japonés
JOR Jordanian | jordano
KAZ Kazakh; Kazakhstani | kazajo
KEN Kenyan | keniano; keniata
KIR I-Kiribati |
KWT Kuwaiti | kuwaití
KGZ Kyrgyz | kirguís
LAO Laotian | laosiano
LVA Latvian | letón
LBN Lebanese | libanés
LSO Basotho; Mosotho | lesotense
LBR Liberian | liberiano
LBY Libyan | libio
LIE Liechtensteiner |
LTU Lithuanian | lituano
LUX Luxembourger; Luxembourgish | luxemburgués
MDG Malagasy | malgache
MWI Malawian | malauí
MYS Malaysian | malasio
MDV Maldivian | maldivo
MLI Malian | maliense
MLT Maltese | maltés
MHL Marshallese |
MRT Mauritanian | mauritano
MUS Mauritian | mauriciano
MEX Mexican | mexicano
FSM Micronesian |
MCO Monegasque | monegasco
MNG Mongolian |
MNE Montenegrin | montenegrino
MAR Moroccan | marroquí
MOZ Mozambican | mozambiqueño
MMR Burmese | birmano
NAM Namibian | namibio
NRU Nauruan |
NPL Nepali; Nepalese | nepalí
NLD Dutch | neerlandés; holandés
NZL New Zealander | neozelandés
NIC Nicaraguan | nicaragüense
NER Nigerien | nigerino
NGA Nigerian | nigeriano
MKD Macedonian; North Macedonian | macedonio
NOR Norwegian | noruego
OMN Omani | omaní
PAK Pakistani | pakistaní; paquistaní
PLW Palauan |
PAN Panamanian | panameño
PNG Papua New Guinean | papú
PRY Paraguayan | paraguayo
PER Peruvian | peruano
PHL Filipino; Filipina; Philippine | filipino
POL Polish; Pole | polaco
PRT |
QAT Qatari | catarí
KOR South Korean | surcoreano
MDA Moldovan | moldavo
ROU Romanian | rumano
RUS Russian | ruso
RWA Rwandan | ruandés
KNA Kittitian; Nevisian |
LCA Saint Lucian |
VCT Vincentian | sanvicentino
WSM Samoan | samoano
SMR Sammarinese | sanmarinense
STP Santomean | santotomense
SAU Saudi; Saudi Arabian | saudí
SEN Senegalese | senegalés
SRB Serbian; Serb | serbio
SYC Seychellois | seychellense
SLE Sierra Leonean | sierraleonés
SGP Singaporean | singapurense
SVK Slovak | eslovaco
SVN Slovenian; Slovene | esloveno
SLB Solomon Islander |
SOM Somali | somalí
ZAF South African | sudafricano
SSD South Sudanese | sursudanés
ESP Spaniard | españoles; española; españolas
LKA Sri Lankan | esrilanqués; ceilanés
SDN Sudanese | sudanés
SUR Surinamese | surinamés
SWE Swedish; Swede | sueco
CHE Swiss | suizo
SYR Syrian | sirio
TJK Tajik | tayiko
THA Thai | tailandés
TLS Timorese; East Timorese | timorense
TGO Togolese | togolés
TON Tongan | tongano
TTO Trinidadian; Tobagonian | trinitense
TUN Tunisian | tunecino
TUR Turkish; Turk | turco
TKM Turkmen | turcomano
TUV Tuvaluan |
UGA Ugandan | ugandés
UKR Ukrainian | ucraniano
ARE Emirati | emiratí
GBR British; Briton | británico
TZA Tanzanian | tanzano
USA American | estadounidense; norteamericano
URY Uruguayan | uruguayo
UZB Uzbek | uzbeko
VUT Ni-Vanuatu | vanuatuense
VEN Venezuelan | venezolano
VNM Vietnamese | vietnamita
YEM Yemeni | yemení
ZMB Zambian | zambiano
ZWE Zimbabwean | zimbabuense
PSE Palestinian | palestino
XKX Kosovar; Kosovan | kosovar
TWN Taiwanese | taiwanés
HKG Hong Konger; Hongkonger | hongkonés
PRI Puerto Rican; Boricua | puertorriqueño; boricua
ESH Sahrawi; Saharawi | saharaui
VAT |
GUF French Guianese | guayanés francés
GRL Greenlandic; Greenlander | groenlandés
"""

# Capital | main cities. Each ";"-separated. Ambiguous names (cities of the same name in
# several countries, or common given names) are left out on purpose.
CITIES = """
AFG Kabul | Kandahar; Herat; Mazar-i-Sharif; Jalalabad; Kunduz
ALB Tirana | Durrës; Vlorë; Shkodër
DZA Algiers | Oran; Constantine; Annaba
AND Andorra la Vella |
AGO Luanda | Huambo; Benguela; Lobito; Cabinda
ATG |
ARG Buenos Aires | La Plata; Mar del Plata; San Miguel de Tucumán; San Salvador de Jujuy; Neuquén; Bariloche; Bahía Blanca; Ushuaia
ARM Yerevan | Gyumri; Vanadzor
AUS Canberra | Sydney; Melbourne; Brisbane
AUT Vienna | Graz; Linz; Salzburg; Innsbruck
AZE Baku | Ganja; Sumgait
BHS Nassau |
BHR Manama |
BGD Dhaka | Chittagong; Chattogram; Khulna; Sylhet; Cox's Bazar
BRB Bridgetown |
BLR Minsk | Gomel; Grodno; Vitebsk
BEL Brussels | Antwerp; Ghent; Liège; Bruselas
BLZ Belmopan | Belize City; Ciudad de Belice
BEN Porto-Novo | Cotonou; Parakou
BTN Thimphu |
BOL La Paz | El Alto; Santa Cruz de la Sierra; Cochabamba; Oruro; Potosí; Tarija; Sacaba; Senkata; Cobija; Riberalta
BIH Sarajevo | Banja Luka; Mostar; Srebrenica; Tuzla
BWA Gaborone | Francistown
BRA Brasília | São Paulo; Rio de Janeiro; Belo Horizonte; Manaus; Recife; Belém; Porto Alegre; Curitiba; Fortaleza
BRN Bandar Seri Begawan |
BGR Sofia | Plovdiv; Varna; Burgas
BFA Ouagadougou | Bobo-Dioulasso; Djibo
BDI Gitega | Bujumbura
CPV Praia | Mindelo
KHM Phnom Penh | Siem Reap; Battambang; Sihanoukville
CMR Yaoundé | Douala; Bamenda; Buea; Maroua
CAN Ottawa | Toronto; Montreal; Montréal; Vancouver; Calgary; Edmonton; Winnipeg; Halifax
CAF Bangui | Bambari; Berbérati
TCD N'Djamena | Abéché; Moundou
CHL Santiago | Valparaíso; Viña del Mar; Antofagasta; Temuco; Iquique; Arica; Puerto Montt; Santiago de Chile
CHN Beijing | Shanghai; Guangzhou; Shenzhen; Wuhan; Chongqing; Urumqi; Lhasa; Pekín; Peking
COL Bogotá | Cali; Medellín; Barranquilla; Cartagena; Cartagena de Indias; Popayán; Pasto; Bucaramanga; Cúcuta; Santa Marta; Ibagué; Manizales; Villavicencio; Montería; Neiva; Tumaco; Buenaventura; Quibdó; Riohacha; Valledupar; Sincelejo; Apartadó; Necoclí; Soacha; Jamundí; Puerto Asís; Tibú; Yopal; Pereira; Santa Fe de Bogotá; Buenos Aires, Cauca; Buenos Aires (Cauca); Armenia, Quindío; Armenia (Quindío); Argelia, Cauca; Argelia (Cauca)
COM Moroni |
COG Brazzaville | Pointe-Noire
CRI San José | Limón; Puerto Limón; Puntarenas; Alajuela
CIV Yamoussoukro | Abidjan; Bouaké
HRV Zagreb | Rijeka; Osijek; Dubrovnik
CUB Havana | La Habana; Santiago de Cuba; Camagüey; Holguín; Cienfuegos; Pinar del Río; Bayamo; San Antonio de los Baños; Habana
CYP Nicosia | Limassol; Larnaca
CZE Prague | Brno; Ostrava; Praga
PRK Pyongyang |
COD Kinshasa | Goma; Lubumbashi; Bukavu; Kisangani; Bunia; Mbuji-Mayi; Kananga
DNK Copenhagen | Aarhus; Odense; Copenhague
DJI Djibouti City |
DMA Roseau |
DOM Santo Domingo | Santiago de los Caballeros; Punta Cana; La Romana; San Pedro de Macorís; Puerto Plata; Dajabón; Higüey
ECU Quito | Guayaquil; Cuenca; Esmeraldas; Machala; Portoviejo; Ambato; Lago Agrio; Nueva Loja; Riobamba; Latacunga
EGY Cairo | Alexandria; Giza; Port Said; Suez; Luxor; Aswan; El Cairo
SLV San Salvador | Soyapango; Apopa; Mejicanos; Ilopango; Usulután; Zacatecoluca; Tecoluca
GNQ Malabo |
ERI Asmara | Massawa; Assab
EST Tallinn | Tartu; Narva
SWZ Mbabane | Manzini; Lobamba
ETH Addis Ababa | Mekelle; Gondar; Bahir Dar; Dire Dawa; Adís Abeba
FJI Suva |
FIN Helsinki | Tampere; Turku; Espoo
FRA Paris | Marseille; Lyon; Toulouse; Bordeaux; Lille; Strasbourg; París; Marsella
GAB Libreville | Port-Gentil
GMB Banjul | Serekunda
GEO Tbilisi | Batumi; Kutaisi; Tiflis
DEU Berlin | Hamburg; Munich; Frankfurt; Cologne; Stuttgart; Düsseldorf; Berlín; Múnich
GHA Accra | Kumasi; Tamale
GRC Athens | Thessaloniki; Patras; Atenas
GRD |
GTM Guatemala City | Ciudad de Guatemala; Quetzaltenango; Xela; Huehuetenango; Escuintla; Cobán; Mixco; Villa Nueva; Chimaltenango; Antigua Guatemala; Puerto Barrios; Nebaj
GIN Conakry | Nzérékoré; Kankan
GNB Bissau |
GUY Georgetown | New Amsterdam
HTI Port-au-Prince | Cap-Haïtien; Gonaïves; Les Cayes; Jacmel; Pétion-Ville; Cité Soleil; Croix-des-Bouquets; Jérémie; Martissant; Tabarre; Léogâne; Mirebalais; Hinche; Puerto Príncipe
HND Tegucigalpa | San Pedro Sula; La Ceiba; Choloma; Comayagua; Choluteca; Juticalpa; Tocoa; Danlí
HUN Budapest | Debrecen; Szeged
ISL Reykjavík | Akureyri
IND New Delhi | Delhi; Mumbai; Kolkata; Chennai; Bangalore; Bengaluru; Srinagar; Imphal; Nueva Delhi
IDN Jakarta | Surabaya; Bandung; Medan; Makassar; Jayapura; Yakarta
IRN Tehran | Mashhad; Isfahan; Tabriz; Shiraz; Zahedan; Teherán
IRQ Baghdad | Basra; Mosul; Erbil; Kirkuk; Najaf; Karbala; Fallujah; Bagdad
IRL Dublin | Cork; Galway; Limerick; Dublín
ISR Tel Aviv | Haifa; Beersheba; Eilat; Jerusalem; Jerusalén
ITA Rome | Milan; Naples; Turin; Palermo; Venice; Lampedusa; Milán; Nápoles
JAM Kingston | Montego Bay; Spanish Town
JPN Tokyo | Osaka; Yokohama; Kyoto; Hiroshima; Nagasaki; Fukushima; Tokio
JOR Amman | Zarqa; Irbid; Aqaba; Ammán
KAZ Astana | Almaty; Shymkent; Nur-Sultan
KEN Nairobi | Mombasa; Kisumu; Nakuru; Eldoret
KIR Tarawa | South Tarawa
KWT Kuwait City |
KGZ Bishkek |
LAO Vientiane | Luang Prabang
LVA Riga | Daugavpils
LBN Beirut | Sidon; Tyre; Baalbek; Tripoli, Lebanon
LSO Maseru |
LBR Monrovia |
LBY Tripoli | Benghazi; Misrata; Sirte; Derna; Trípoli; Bengasi
LIE Vaduz |
LTU Vilnius | Kaunas; Klaipėda
LUX Luxembourg City |
MDG Antananarivo | Toamasina
MWI Lilongwe | Blantyre
MYS Kuala Lumpur | Penang; Johor Bahru; Kota Kinabalu
MDV Malé |
MLI Bamako | Timbuktu; Kidal; Mopti; Tombuctú
MLT Valletta |
MHL Majuro |
MRT Nouakchott | Nouadhibou
MUS Port Louis |
MEX Mexico City | Ciudad de México; CDMX; Guadalajara; Monterrey; Tijuana; Ciudad Juárez; Acapulco; Culiacán; Reynosa; Matamoros; Nuevo Laredo; Iguala; Ayotzinapa; Cancún; Puebla; Chilpancingo; Morelia; Tapachula; Hermosillo; Mazatlán; Ecatepec; Ciudad Obregón; Celaya; Irapuato; Uruapan; Apatzingán; Ciudad Victoria
FSM Palikir |
MCO Monaco-Ville |
MNG Ulaanbaatar | Ulan Bator
MNE Podgorica |
MAR Rabat | Casablanca; Marrakesh; Marrakech; Fez; Tangier; Tánger
MOZ Maputo | Beira; Nampula
MMR Naypyidaw | Yangon; Rangoon; Mandalay; Sittwe; Naypyitaw
NAM Windhoek |
NRU Yaren |
NPL Kathmandu | Pokhara
NLD Amsterdam | Rotterdam; Utrecht; Ámsterdam
NZL Wellington | Auckland; Christchurch
NIC Managua | Masaya; Matagalpa; Estelí; Jinotega; Chinandega; Bluefields; Bilwi; Puerto Cabezas; Monimbó; Jinotepe; Diriamba
NER Niamey | Zinder; Maradi; Agadez; Tillabéri
NGA Abuja | Lagos; Kano; Ibadan; Port Harcourt; Maiduguri; Kaduna
MKD Skopje |
NOR Oslo | Bergen; Trondheim
OMN Muscat | Salalah; Mascate
PAK Islamabad | Karachi; Lahore; Peshawar; Quetta; Rawalpindi; Faisalabad
PLW Ngerulmud |
PAN Panama City | Ciudad de Panamá; San Miguelito; Bocas del Toro; Metetí; Yaviza; Bajo Chiquito; Changuinola
PNG Port Moresby |
PRY Asunción | Ciudad del Este; Encarnación; Pedro Juan Caballero; Curuguaty
PER Lima | Juliaca; Puno; Cusco; Cuzco; Arequipa; Ayacucho; Andahuaylas; Trujillo; Chiclayo; Piura; Iquitos; Huancayo; Tacna; Chimbote; Abancay; Huamanga; Ilave; Callao; Huancavelica; Cajamarca; Pucallpa; Puerto Maldonado; Tumbes; San Juan de Lurigancho
PHL Manila | Quezon City; Davao; Cebu; Marawi; Zamboanga
POL Warsaw | Kraków; Krakow; Łódź; Wrocław; Gdańsk; Varsovia
PRT Lisbon | Porto; Lisboa; Oporto
QAT Doha |
KOR Seoul | Busan; Incheon; Gwangju; Daegu; Seúl
MDA Chișinău | Chisinau; Tiraspol
ROU Bucharest | Cluj-Napoca; Timișoara; Iași; Bucarest
RUS Moscow | Novosibirsk; Yekaterinburg; Kazan; Grozny; Moscú; San Petersburgo
RWA Kigali | Butare; Gisenyi
KNA Basseterre |
LCA Castries |
VCT Kingstown |
WSM Apia |
SMR City of San Marino |
STP São Tomé |
SAU Riyadh | Jeddah; Mecca; Dammam; Riad
SEN Dakar | Touba; Thiès
SRB Belgrade | Novi Sad; Belgrado
SYC |
SLE Freetown | Kenema
SGP Singapore |
SVK Bratislava | Košice
SVN Ljubljana | Maribor
SLB Honiara |
SOM Mogadishu | Hargeisa; Kismayo; Baidoa; Mogadiscio
ZAF Pretoria | Johannesburg; Cape Town; Durban; Soweto; Marikana; Port Elizabeth; Gqeberha; Johannesburgo; Ciudad del Cabo
SSD Juba | Malakal; Bentiu
ESP Madrid | Barcelona; Seville; Sevilla; Bilbao; Zaragoza; Málaga; Ceuta; Melilla
LKA Colombo | Kandy; Jaffna; Sri Jayawardenepura Kotte
SDN Khartoum | Omdurman; Port Sudan; El Fasher; Nyala; El Geneina; Jartum
SUR Paramaribo |
SWE Stockholm | Gothenburg; Malmö; Estocolmo
CHE Bern | Zurich; Basel; Lausanne; Berna; Zúrich
SYR Damascus | Aleppo; Homs; Idlib; Raqqa; Deir ez-Zor; Daraa; Latakia; Hama; Damasco; Alepo
TJK Dushanbe | Khujand
THA Bangkok | Chiang Mai; Phuket; Pattani
TLS Dili |
TGO Lomé |
TON Nuku'alofa |
TTO Port of Spain | Port-of-Spain; Chaguanas; Puerto España
TUN Tunis | Sfax; Sousse
TUR Ankara | Istanbul; Izmir; İzmir; Diyarbakır; Gaziantep; Antakya; Estambul
TKM Ashgabat |
TUV Funafuti |
UGA Kampala | Gulu; Entebbe; Mbarara
UKR Kyiv | Kiev; Kharkiv; Kharkov; Odesa; Odessa; Mariupol; Lviv; Dnipro; Zaporizhzhia; Kherson; Bucha; Donetsk; Luhansk
ARE Abu Dhabi | Dubai; Sharjah; Dubái
GBR London | Manchester; Liverpool; Glasgow; Edinburgh; Belfast; Cardiff; Londres
TZA Dodoma | Dar es Salaam; Arusha; Zanzibar; Mwanza
USA Washington | New York; Los Angeles; Miami; Houston; Chicago; El Paso; San Diego; New Orleans; Minneapolis; Boston; Philadelphia; Phoenix; Atlanta; Nueva York; Washington, D.C.; Washington D.C.; Washington DC; Los Ángeles; Nueva Orleans
URY Montevideo | Punta del Este; Paysandú; Ciudad de la Costa
UZB Tashkent | Samarkand; Bukhara; Andijan; Nukus
VUT Port Vila |
VEN Caracas | Maracaibo; Barquisimeto; Maracay; Ciudad Guayana; Puerto Ordaz; Maturín; Cumaná; Ciudad Bolívar; Petare; Barinas; El Callao; Tumeremo; San Fernando de Apure; Puerto Ayacucho; Guasdualito; Coro; Los Teques; Puerto La Cruz
VNM Hanoi | Ho Chi Minh City; Saigon; Da Nang; Haiphong; Hanói
YEM Sanaa | Sana'a; Aden; Taiz; Hodeidah; Marib; Saná
ZMB Lusaka | Ndola; Kitwe
ZWE Harare | Bulawayo; Mutare
PSE Ramallah | Gaza; Gaza City; Gaza Strip; West Bank; East Jerusalem; Khan Younis; Rafah; Jenin; Nablus; Hebron; Bethlehem; Franja de Gaza; Cisjordania; Jerusalén Este
XKX Pristina | Prishtina; Prizren; Mitrovica
TWN Taipei | Kaohsiung; Taichung
HKG |
PRI | Mayagüez; Bayamón; Caguas
ESH Laayoune | El Aaiún; Dakhla
VAT |
GUF |
GRL Nuuk |
"""

# Sub-national regions reporting names (Latin America in depth, a few elsewhere).
REGIONS = """
ARG Jujuy; Chubut; Neuquén; Tucumán; Entre Ríos; Provincia de Buenos Aires
BOL Cochabamba; Chapare; Pando; Yungas; Oruro; Potosí; Chuquisaca; Tarija
BRA Roraima; Rondônia; Mato Grosso; Mato Grosso do Sul; Bahia; Minas Gerais; Maranhão; Pernambuco; Ceará; Amapá; Tocantins; Rio Grande do Sul; Santa Catarina; Espírito Santo; Paraíba; Piauí; Goiás; Vale do Javari; Javari Valley
CAN Quebec; Québec; Ontario; British Columbia; Manitoba; Saskatchewan; Nova Scotia; New Brunswick; Nunavut; Yukon
CHL Araucanía; La Araucanía; Biobío; Bío Bío; Valparaíso; Atacama; Tarapacá; Magallanes; Los Lagos; Ñuble; Maule
COL Antioquia; Cauca; Valle del Cauca; Nariño; Chocó; Putumayo; Caquetá; Arauca; Norte de Santander; Catatumbo; Huila; Tolima; La Guajira; Guajira; Cundinamarca; Boyacá; Casanare; Guaviare; Vaupés; Vichada; Guainía; Risaralda; Quindío; Urabá; Bajo Cauca; Montes de María; Magdalena Medio; Sur de Bolívar; Norte del Cauca; Sierra Nevada de Santa Marta; Nudo de Paramillo
CRI Guanacaste; Puntarenas; Talamanca
CUB Matanzas; Guantánamo Province
DOM Dajabón; Elías Piña; Monte Plata
ECU Guayas; Pichincha; Manabí; Sucumbíos; Orellana; Pastaza; Morona Santiago; Zamora Chinchipe; Imbabura; Cotopaxi; Chimborazo; Azuay; Loja; El Oro; Galápagos; Napo
GTM Petén; Alta Verapaz; Baja Verapaz; Izabal; Quiché; El Quiché; Totonicapán; Sololá; Huehuetenango; Sacatepéquez; Jutiapa; Retalhuleu; Suchitepéquez; Chiquimula; Zacapa
HND Olancho; Bajo Aguán; Aguán; Atlántida; Yoro; Copán; Choluteca; Comayagua; La Mosquitia; Mosquitia; Intibucá
HTI Artibonite; Nord-Ouest; Grand'Anse; Plateau Central; Nippes
MEX Guerrero; Michoacán; Chiapas; Oaxaca; Tamaulipas; Sinaloa; Jalisco; Chihuahua; Sonora; Veracruz; Zacatecas; Guanajuato; Baja California; Baja California Sur; Nuevo León; Coahuila; Morelos; Tabasco; Querétaro; Yucatán; Quintana Roo; Campeche; Nayarit; Aguascalientes; San Luis Potosí; Tlaxcala; Colima; Durango; Estado de México; Edomex; Tierra Caliente
NIC Masaya; Carazo; Matagalpa; Jinotega; Nueva Segovia; Río San Juan; RACCN; RACCS; North Caribbean Coast Autonomous Region; Región Autónoma de la Costa Caribe Norte; Chontales
PAN Darién; Darien Gap; Darién Gap; Tapón del Darién; Selva del Darién; Bocas del Toro; Chiriquí; Veraguas; Guna Yala; Ngäbe-Buglé; Comarca Ngäbe-Buglé; Panama Canal; Canal de Panamá; Panamá Oeste; Coclé
PER Puno; Cusco; Cuzco; Ayacucho; Apurímac; Arequipa; Junín; Huancavelica; Huánuco; Cajamarca; Lambayeque; Piura; Loreto; Ucayali; Madre de Dios; Tacna; Moquegua; Áncash; Ancash; Tumbes; Pasco; VRAEM; Vraem; Valle de los ríos Apurímac, Ene y Mantaro; Callao
PRY Caaguazú; Canindeyú; Amambay; San Pedro del Ycuamandiyú; Alto Paraná; Chaco paraguayo
SLV Usulután; Chalatenango; Sonsonate; Ahuachapán; Cuscatlán
URY Paysandú; Tacuarembó
USA Texas; California; Florida; Arizona; New Mexico; New England; Nevada; Illinois; Louisiana; Massachusetts; Minnesota; Ohio; Oregon; Washington state; New Jersey; Pennsylvania; Michigan; Alaska; Hawaii; Guam; American Samoa; U.S. Virgin Islands; Capitol Hill; Rio Grande Valley
VEN Zulia; Táchira; Carabobo; Aragua; Anzoátegui; Apure; Barinas; Monagas; Delta Amacuro; Nueva Esparta; Guárico; Yaracuy; Cojedes; La Guaira; Arco Minero; Orinoco Mining Arc
GUY Essequibo; Guayana Esequiba; Esequibo
IND Manipur; Jammu and Kashmir; Assam; Uttar Pradesh
MMR Rakhine; Kachin; Shan State; Karen State; Chin State; Sagaing
CHN Xinjiang; Tibet; Inner Mongolia; Guangdong
ETH Tigray; Amhara; Oromia; Afar
SDN Darfur; North Darfur; South Darfur; West Darfur; Kordofan; South Kordofan; Blue Nile
COD North Kivu; South Kivu; Ituri; Kasai; Katanga; Kivu
NGA Borno; Niger Delta; Zamfara; Benue; Plateau State; Kaduna State
CMR Ambazonia
MOZ Cabo Delgado
UKR Crimea; Donbas; Donbass; Zaporizhzhia region; Kherson region; Luhansk region; Donetsk region
RUS Chechnya; Dagestan; Siberia
ISR Negev
IRQ Kurdistan Region; Iraqi Kurdistan; Anbar; Nineveh
SYR Rojava; Idlib province
PHL Mindanao; Sulu; Bangsamoro
IDN Papua; West Papua; Aceh
PAK Balochistan; Khyber Pakhtunkhwa; Sindh; Waziristan
AFG Helmand; Panjshir
YEM Hadramout; Hadramawt
MLI Azawad
BFA
"""

# Heads of state/government (and a few figures reported as such). Full names always match;
# a bare surname is listed only when it is distinctive in this kind of reporting. Left out
# on purpose as bare surnames: Castro, Morales, Castillo, Hernández, Henry, Fernández, Arce,
# Ortega, Murillo, Medina, Santos, Uribe, Chávez, Correa, Moreno, Funes, Lobo, Zelaya,
# Colom, Lugo, Peña, Vázquez, Mesa, Paz, Alvarado, Chaves, Solís, Varela, Ali, Granger,
# Harper, Carney, Moïse, Merino, García, Jerí, Arévalo, Mujica? (kept: distinctive enough).
# Michelle Bachelet is left out entirely: as UN rights chief she spoke about other countries.
LEADERS = """
ARG Javier Milei; Milei; Alberto Fernández; Cristina Fernández de Kirchner; Cristina Kirchner; Cristina Fernández; Kirchner; Néstor Kirchner; Mauricio Macri; Macri
BOL Evo Morales; Evo; Luis Arce; Luis Arce Catacora; Jeanine Áñez; Áñez; Añez; Carlos Mesa; Rodrigo Paz; Rodrigo Paz Pereira; David Choquehuanca
BRA Luiz Inácio Lula da Silva; Lula da Silva; Lula; Jair Bolsonaro; Bolsonaro; Dilma Rousseff; Rousseff; Dilma; Michel Temer; Temer
CHL Gabriel Boric; Boric; Sebastián Piñera; Piñera; José Antonio Kast; Kast
COL Gustavo Petro; Gustavo Petro Urrego; Petro; Iván Duque; Iván Duque Márquez; Duque; Juan Manuel Santos; Álvaro Uribe; Álvaro Uribe Vélez; Francia Márquez
ECU Daniel Noboa; Noboa; Guillermo Lasso; Lasso; Lenín Moreno; Rafael Correa
PER Dina Boluarte; Dina Boluarte Zegarra; Boluarte; Pedro Castillo; Martín Vizcarra; Vizcarra; Pedro Pablo Kuczynski; Kuczynski; PPK; Ollanta Humala; Humala; Manuel Merino; Francisco Sagasti; Sagasti; José Jerí; Alan García; Alberto Fujimori; Fujimori; Keiko Fujimori
PRY Santiago Peña; Mario Abdo Benítez; Abdo Benítez; Horacio Cartes; Cartes; Fernando Lugo; Federico Franco
URY Yamandú Orsi; Orsi; Luis Lacalle Pou; Lacalle Pou; Tabaré Vázquez; José Mujica; Pepe Mujica
VEN Nicolás Maduro; Maduro; Hugo Chávez; Juan Guaidó; Guaidó; Delcy Rodríguez; Diosdado Cabello
GUY Irfaan Ali; Mohamed Irfaan Ali; David Granger; Donald Ramotar
SUR Chan Santokhi; Santokhi; Dési Bouterse; Desi Bouterse; Bouterse; Jennifer Geerlings-Simons
MEX Claudia Sheinbaum; Sheinbaum; Andrés Manuel López Obrador; López Obrador; AMLO; Enrique Peña Nieto; Peña Nieto; Felipe Calderón
GTM Bernardo Arévalo; Alejandro Giammattei; Giammattei; Jimmy Morales; Otto Pérez Molina; Pérez Molina; Álvaro Colom
SLV Nayib Bukele; Bukele; Salvador Sánchez Cerén; Sánchez Cerén; Mauricio Funes
HND Xiomara Castro; Xiomara Castro de Zelaya; Juan Orlando Hernández; Porfirio Lobo; Pepe Lobo; Manuel Zelaya; Mel Zelaya; Nasry Asfura; Asfura
NIC Daniel Ortega; Rosario Murillo; Ortega-Murillo; Ortega Murillo
CRI Rodrigo Chaves; Carlos Alvarado; Luis Guillermo Solís; Laura Chinchilla
PAN José Raúl Mulino; Mulino; Laurentino Cortizo; Cortizo; Juan Carlos Varela; Ricardo Martinelli; Martinelli
BLZ Johnny Briceño; Dean Barrow
CUB Miguel Díaz-Canel; Díaz-Canel; Raúl Castro; Fidel Castro
DOM Luis Abinader; Abinader; Danilo Medina; Leonel Fernández
HTI Ariel Henry; Jovenel Moïse; Michel Martelly; Martelly; René Préval; Garry Conille; Alix Didier Fils-Aimé; Fils-Aimé; Jocelerme Privert
JAM Andrew Holness; Holness
TTO Keith Rowley; Kamla Persad-Bissessar; Persad-Bissessar
BRB Mia Mottley; Mottley
USA Joe Biden; Biden; Donald Trump; Donald J. Trump; Trump; Barack Obama; Obama; Kamala Harris
CAN Justin Trudeau; Trudeau; Mark Carney; Stephen Harper
RUS Vladimir Putin; Putin
UKR Volodymyr Zelensky; Volodymyr Zelenskyy; Zelensky; Zelenskyy
CHN Xi Jinping
ISR Benjamin Netanyahu; Netanyahu
TUR Recep Tayyip Erdoğan; Erdoğan; Erdogan
IND Narendra Modi; Modi
PRK Kim Jong Un; Kim Jong-un
SYR Bashar al-Assad; Assad
IRN Ali Khamenei; Khamenei; Ebrahim Raisi; Masoud Pezeshkian
EGY Abdel Fattah el-Sisi; Abdel Fattah al-Sisi; el-Sisi; al-Sisi
FRA Emmanuel Macron; Macron
GBR Keir Starmer; Starmer; Rishi Sunak; Sunak; Boris Johnson
ITA Giorgia Meloni; Meloni
RWA Paul Kagame; Kagame
UGA Yoweri Museveni; Museveni
ETH Abiy Ahmed
MMR Min Aung Hlaing
PHL Rodrigo Duterte; Duterte; Ferdinand Marcos Jr.; Bongbong Marcos
BLR Alexander Lukashenko; Lukashenko
HUN Viktor Orbán; Orbán
COD Félix Tshisekedi; Tshisekedi
ZAF Cyril Ramaphosa; Ramaphosa
NGA Bola Tinubu; Tinubu
ZWE Emmerson Mnangagwa; Mnangagwa
SAU Mohammed bin Salman
"""

# Regions above the country: matched so they consume their words ("Latin America" must not
# yield "America"), reported with code3 null.
SUPRANATIONAL = """
Latin America; Latin American; Latin Americans; Latin-American; the Americas; Americas;
Central America; Central American; Central Americans; South America; South American;
South Americans; North America; North American; North Americans; Western Hemisphere;
the Caribbean; Caribbean; Caribbean Community; CARICOM; Southern Cone; Northern Triangle;
Mesoamerica; Hispaniola; Patagonia; Gran Chaco; Andean region; the Andes; Amazon basin;
Amazon rainforest; Organization of American States; OAS; Inter-American; InterAmerican;
inter-American; Pan-American; Pan American; Ibero-American; Iberoamerican; Summit of the Americas;
Europe; European Union; European; Europeans; Africa; African; Africans;
sub-Saharan Africa; Sahel; Horn of Africa; West Africa; East Africa; North Africa;
Southern Africa; Middle East; Middle Eastern; Asia; Asian; Asians; Southeast Asia;
South Asia; Central Asia; East Asia; Asia-Pacific; Balkans; Oceania; Persian Gulf;
Gulf of Mexico; Gulf of America; Caribbean Sea; South China Sea;
América Latina; Latinoamérica; latinoamericano; latinoamericana; latinoamericanos;
latinoamericanas; Centroamérica; América Central; centroamericano; centroamericana;
centroamericanos; centroamericanas; Sudamérica; Suramérica; América del Sur;
sudamericano; sudamericana; sudamericanos; sudamericanas; suramericano; suramericana;
suramericanos; suramericanas; Norteamérica; América del Norte; las Américas;
Hemisferio Occidental; el Caribe; Cono Sur; Triángulo Norte;
Organización de los Estados Americanos; OEA; CIDH; IACHR; Interamericano; Interamericana;
Europa; Unión Europea; europeo; europea; europeos; europeas; África; africano;
africana; africanos; africanas; Oriente Medio; Medio Oriente; Asia Central;
Sudeste Asiático; América
"""

# Ambiguous place names: matched (so they consume their words) but assigned no country.
# Reported as kind "region" with code3 null.
UNRESOLVED = """
Georgia; Georgian; Georgians; Korea; Korean; Koreans; Corea; coreano; coreana; coreanos;
coreanas; New Guinea; Guantanamo; Guantánamo; Guantanamo Bay; Guantánamo Bay; Kurdistan;
Kashmir; Punjab; Santa Cruz; San Juan; Córdoba; Sucre; Bolívar; Mérida; Valencia; Granada;
León; Trinidad; Colón; San Cristóbal; Concepción; La Libertad; Amazonas; Santa Ana;
San Miguel; San Martín; Guayana; Beni; Santa Fe; Chaco; Tierra del Fuego; Santa Elena;
Argelia; Armenia; Liberia; Altamira; Cartago
"""

# Consumed silently: phrases whose words would otherwise match a place.
STOP = """
Voice of America; Bank of America; Captain America; America First; Washington Post;
Washington Office on Latin America; Georgetown University; Georgetown Law; Native American;
Native Americans; African American; African Americans; American Indian; American Indians;
Mexican American; Mexican Americans; Mexican-American; Indian Ocean; West Indies;
West Indian; chile pepper; chile peppers; chili pepper; Brazil nut; Brazil nuts;
Panama Papers; Panama hat; guinea pig; guinea pigs; lima bean; lima beans; Turkish delight;
Jordan River; Jordan Valley; American dream; All-American; Mexican standoff;
Dutch Caribbean; Washington Consensus; American Airlines; Pan Am; Americas Watch;
Americas Society; Americas Quarterly; Sierra Nevada; Prince of Wales; New South Wales;
Cuba Libre; Chad Valley; Peru Libre; Cumbre de Alaska
"""

# Forms that are also personal names: rejected next to another capitalized word that is
# not a title or function word ("Chad Smith", "Michael Jordan", "Israel Hernández").
NAME_LIKE = """
Chad; Jordan; Israel; India; Santiago; Sydney; Trujillo; Pereira; Holland; Lima; Washington;
Kingston; Georgetown; Guerrero; Morelos; Colombo; Durango; Bahia; Cartago; Loja; Napo;
Pando; Coro; Wau; Juba; Gao; Limón; Osh; Tyre; Praia; Dane; Finn; Pole; Turk; Sofia;
Santa Marta; Florida; Nevada; Loreto; Puebla; Cuenca; Yoro; Ohio; Zamora Chinchipe;
Galway; Cork; Tabasco; Colima; Phoenix; Atlanta; Boston; Mecca; Beira; Hama; Luxor; Suez;
Porto; Matamoros; Encarnación; Milan; German; Orellana; Magallanes; Atacama; Maule;
Lasso; Duque; Petro; Evo; Lula; Dilma; Macri; Trump; Temer; Modi; Kast; Assad; Boric;
Maduro; Orsi; Cortizo; Mulino; Abinader; Martinelli; Humala; Cartes; Noboa; Asfura;
Sagasti; Kirchner; Fujimori; Alexandria; Paris; Houston; America; Cuba; England; Wales;
Scotland; London; Constantine; Obama; Biden; Putin; Milei; Bolsonaro; Guaidó; Vizcarra;
Giammattei; Bukele; Boluarte; Sheinbaum; Piñera; Lacalle Pou; Holness; Mottley; Martelly;
Temer; Rousseff; Trudeau; Macron; Meloni; Starmer; Sunak; Kagame; Museveni; Duterte;
Lukashenko; Orbán; Tshisekedi; Ramaphosa; Tinubu; Mnangagwa; Netanyahu; Erdogan; Erdoğan;
Zelensky; Khamenei; Santokhi; Bouterse; Kuczynski; Áñez; Añez; Abdo Benítez; Díaz-Canel
"""

# Common given names. A one-word city, capital or region right after one of them is a
# person's surname ("Oliver Salzburg", "Luis Lima", "Roy Wellington").
GIVEN_NAMES = """
Aaron; Adam; Adrian; Adrián; Adriana; Agustín; Alan; Albert; Alberto; Alejandra; Alejandro;
Alex; Alexander; Alexis; Alfredo; Alice; Álvaro; Amanda; Amy; Ana; Andrea; Andrew; Andrés;
Ángel; Angela; Ann; Anna; Anne; Anthony; Antonio; Antônio; Armando; Arthur; Arturo; Ashley;
Barbara; Beatriz; Ben; Benjamin; Benjamín; Betty; Bill; Billy; Bob; Brenda; Brian; Bruce;
Bryan; Camila; Camilo; Carl; Carla; Carlos; Carmen; Carol; Carolina; Catalina; Catherine;
Cecilia; César; Cesar; Charles; Charlotte; Chris; Christian; Christina; Christine;
Christopher; Claire; Claudia; Colin; Cristian; Cristina; Cynthia; Daniel; Daniela; Danielle;
Dave; David; Deborah; Denise; Dennis; Diana; Diane; Diego; Dolores; Donald; Donna; Douglas;
Dylan; Edgar; Eduardo; Edward; Edwin; Elena; Elizabeth; Emilio; Emily; Emma; Enrique; Eric;
Ernesto; Esteban; Ethan; Eugene; Evelyn; Fabián; Felipe; Fernanda; Fernando; Francisco;
Frank; Gabriel; Gabriela; Gary; George; Gerardo; Germán; Gilberto; Gloria; Gonzalo; Grace;
Gregory; Guadalupe; Guillermo; Gustavo; Hannah; Harold; Harry; Heather; Héctor; Helen;
Henry; Hernán; Hugo; Humberto; Ian; Ignacio; Inés; Irene; Isabel; Isabella; Iván; Ivan;
Jack; Jacob; James; Jane; Janet; Jason; Javier; Jean; Jeffrey; Jennifer; Jeremy; Jerry;
Jessica; Jesús; Jim; Joan; João; Joaquín; Joe; John; Jonathan; Jorge; José; Joseph;
Joshua; Juan; Juana; Judith; Julia; Julie; Julio; Justin; Karen; Kate; Katherine; Keith;
Kelly; Kenneth; Kevin; Kyle; Larry; Laura; Lauren; Lawrence; Leonardo; Leticia; Lewis;
Liliana; Linda; Lisa; Lorena; Lorenzo; Louis; Lucas; Lucía; Lucy; Luis; Luisa; Luiz; Luke;
Manuel; Marcelo; Marco; Marcos; Margaret; Margarita; María; Maria; Mariana; Marie; Mario;
Mark; Martha; Martín; Martin; Mary; Mateo; Matthew; Mauricio; Max; Megan; Melissa;
Mercedes; Michael; Michelle; Miguel; Mike; Mónica; Nancy; Natalia; Natalie; Nathan; Neil;
Nelson; Nicholas; Nick; Nicolás; Nicole; Noah; Nora; Norma; Olga; Olivia; Oliver; Orlando;
Óscar; Oscar; Pablo; Pamela; Patricia; Patrick; Paul; Paula; Paulo; Pedro; Peter; Philip;
Pilar; Rachel; Rafael; Ramón; Raquel; Raúl; Raymond; Rebecca; Ricardo; Richard; Robert;
Roberto; Rocío; Rodrigo; Roger; Rolando; Ronald; Rosa; Roy; Rubén; Russell; Ruth; Ryan;
Sam; Samuel; Sandra; Sara; Sarah; Scott; Sean; Sebastián; Sergio; Sérgio; Sharon; Silvia;
Simon; Sofía; Sophia; Stephanie; Stephen; Steve; Steven; Susan; Teresa; Thomas; Thiago;
Tim; Timothy; Tom; Tomás; Tyler; Valentina; Verónica; Victor; Víctor; Vincent; Walter;
William; Wilson; Ximena; Yolanda; Zachary
"""

# Forms that must keep their capitalization even though the kind is case-insensitive
# (English demonyms that are also lowercase words).
CASE_SENSITIVE = """
Polish; Pole; Poles; Turk; Turks; Dane; Danes; Finn; Finns; Swede; Swedes; Chinese;
Indian; Indians; Dutch; Thai; Thais; Swiss; German; Germans; Italian; Italians; Russian;
Russians; Greek; Greeks; American; Americans; Afghan; Afghans; Kazakh; Kazakhs; Uzbek;
Uzbeks; Tajik; Tajiks; Czech; Czechs; Slovak; Slovaks; Somali; Somalis; Saudi; Saudis;
Bajan; Bajans; Burmese; Japanese; Irish; Nepali; Nepalis; Laotian; Laotians; Guinean;
Guineans; Chilean; Chileans; Cuban; Cubans; Dominican; Dominicans; Jordanian; Jordanians
"""

# Forms whose accent-less spelling means something else ("San Jose" is also in California).
ACCENT_STRICT = """
San José; América; Limón; Colón; León; Malé; Perú Libre; Mérida
"""

# Capitalized words that may follow or precede a NAME_LIKE form without making it a name.
NAME_LIKE_OK_NEIGHBORS = """
A; An; The; In; On; At; Of; For; From; To; By; With; And; Or; But; As; Is; Was; Were; Has;
Had; Have; Will; Would; Said; Says; After; Before; During; Since; Under; Over; Across;
Against; Between; Into; Near; While; When; Where; That; This; These; Those; It; Its; Both;
Neither; Nor; Unlike; Like; Including; Outside; Inside; Visiting; Leaving; Welcome;
El; La; Los; Las; Lo; De; Del; En; Y; E; O; Con; Por; Para; Desde; Hacia; Sobre; Entre;
Según; Que; Tras; Durante; Ante; Sin; Contra; Hasta; President; Presidents; Prime;
Minister; Ministers; Ministry; Chancellor; Foreign; Defense; Defence; Interior; Army;
Armed; Forces; Force; Air; Navy; Police; National; Government; Embassy; Embassies;
Security; Supreme; Court; Congress; Parliament; Senate; Senator; State; States; Republic;
Border; Human; Rights; Attorney; General; Public; Office; Ombudsman; Constitutional;
Electoral; Central; Bank; North; South; East; West; Northern; Southern; Eastern; Western;
Presidente; Presidenta; Ministro; Ministra; Ministerio; Gobierno; Policía; Ejército;
Fuerzas; Armada; Embajada; Congreso; Senado; Corte; Fiscalía; Defensoría; Nacional;
Estado; Frontera; Province; Provincia; Department; Departamento; Region; Región; City;
Ciudad; Mayor; Alcalde; Alcaldesa; Governor; Gobernador; Gobernadora; Mr.; Mrs.; Ms.;
Dr.; Sen.; Rep.; Gen.; Col.; Lt.; Reuters; AP; AFP; EFE; Municipality; Municipio;
Downtown; Metropolitan; Greater; Administration; Cartel; Valley; Airport; Aeropuerto;
Prison; Penitentiary; Jail; Cárcel; Penal; Jr.; Sr.; Government's; Monday; Tuesday;
Wednesday; Thursday; Friday; Saturday; Sunday; January; February; March; April; May;
June; July; August; September; October; November; December; Lunes; Martes; Miércoles;
Jueves; Viernes; Sábado; Domingo; Enero; Febrero; Marzo; Abril; Mayo; Junio; Julio;
Agosto; Septiembre; Octubre; Noviembre; Diciembre; I; He; She; They; We; His; Her; Their
"""

# A place right after one of these words names a street, square or neighborhood
# ("avenida Brasil", "plaza Italia", "colonia Guerrero"): consumed, not reported.
STREET_WORDS = """
plaza; avenida; av.; avda.; calle; jirón; jr.; paseo; carrera; bulevar; boulevard; barrio;
colonia; vereda; parque; estadio; puente; hospital; colegio; escuela; hotel; pasaje;
urbanización; sector; caserío
"""

# The country most often reporting *about* others in this kind of news, and the words
# that mark one of its mentions as the speaker rather than the scene (see places.py).
SPEAKER_COUNTRIES = ["USA"]
SPEAKER_WORDS = """
secretary; secretaries; ambassador; ambassadors; embassy; embassies; envoy; envoys;
diplomat; diplomats; diplomacy; congress; congressman; congressmen; congresswoman;
congresswomen; congressional; lawmaker; lawmakers; legislator; legislators; senator;
senators; senate; representative; representatives; official; officials; officer;
government; administration; president; vice; department; state; treasury; aid; assistance;
funding; funds; sanctions; delegation; delegations; authorities; military; forces; troops;
southern; command; southcom; agency; agencies; intelligence; cooperation; policy; policies;
strategy; partner; partners; ally; allies; support; backed; based; led; -backed; -based;
-led; embajador; embajadora; embajada; secretario; secretaria; gobierno; congresistas;
legisladores; senadores; funcionarios; autoridades; departamento; administración; ayuda;
cooperación; sanciones; delegación; presidente; diplomático; diplomáticos; diplomacia;
capitol; house; white; justice; homeland; customs; border; patrol; immigration
"""


def split_items(block: str) -> list[str]:
    return [s.strip() for s in block.replace("\n", " ").split(";") if s.strip()]


def table(block: str) -> dict[str, str]:
    """Lines "CODE rest" -> {CODE: rest}."""
    out: dict[str, str] = {}
    for line in block.strip().splitlines():
        code, _, rest = line.strip().partition(" ")
        out[code] = rest.strip()
    return out


def english_plural(word: str) -> list[str]:
    last = word.split()[-1]
    if last.endswith(("ese", "ish", "ch", "ss", "ois", "y", "z", "men", "sh", "x", "o", "ana")):
        if last.endswith(("ino", "ina")):
            return [word, word + "s"]
        return [word]
    if word in {"Basotho", "Mosotho", "Motswana", "Batswana", "Ni-Vanuatu", "I-Kiribati"}:
        return [word]
    return [word, word + "s"]


def spanish_inflect(word: str) -> list[str]:
    """Masculine singular Spanish demonym -> its four forms (fewer when invariable)."""
    if " " in word or word.endswith(("os", "as", "es")) and not word.endswith("és"):
        return [word]  # given explicitly (plural or feminine only)
    plain = word[:-2] + word[-2:].translate(str.maketrans("áéíóú", "aeiou"))
    if word.endswith("o"):
        stem = word[:-1]
        return [word, stem + "a", stem + "os", stem + "as"]
    if word.endswith(("és", "án", "ín")):
        stem = plain
        return [word, stem + "a", stem + "es", stem + "as"]
    if word.endswith("ol"):
        return [word, word + "a", word + "es", word + "as"]
    if word.endswith("í"):
        return [word, word + "es", word + "s"]
    if word.endswith(("e", "a", "i", "ú")):
        return [word, word + "s"]
    if word.endswith("r"):  # kosovar
        return [word, word + "es"]
    return [word]


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def build() -> dict[str, Any]:
    names = {code: tuple(p.strip() for p in rest.split("|")) for code, rest in table(NAMES).items()}
    aliases = {code: split_items(rest) for code, rest in table(ALIASES).items()}
    demonyms = table(DEMONYMS)
    cities = table(CITIES)
    regions = {code: split_items(rest) for code, rest in table(REGIONS).items()}
    leaders = {code: split_items(rest) for code, rest in table(LEADERS).items()}
    import gettext

    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])

    countries = []
    for code3 in UN_MEMBERS + EXTRA:
        if code3 == "XKX":
            code2, official, iso_name = KOSOVO["code2"], KOSOVO["official"], "Kosovo"
        else:
            rec = pycountry.countries.get(alpha_3=code3)
            assert rec is not None, code3
            code2 = rec.alpha_2
            official = getattr(rec, "official_name", "")
            iso_name = rec.name
        if code3 in names:
            name, name_es = names[code3]
        else:
            name = iso_name
            name_es = es.gettext(iso_name)
        assert "," not in name and "," not in name_es, (code3, name, name_es)
        forms = [name, name_es, *aliases.get(code3, [])]
        if official and "," not in official:
            forms.append(official.removeprefix("the "))
        excluded = NOT_MATCHED.get(code3, set())
        dem_en, _, dem_es = demonyms.get(code3, "").partition("|")
        dem_forms: list[str] = []
        for form in split_items(dem_en):
            dem_forms += english_plural(form)
        for form in split_items(dem_es):
            dem_forms += spanish_inflect(form)
        capital, _, rest = cities.get(code3, "").partition("|")
        entry: dict[str, Any] = {
            "code3": code3,
            "code2": code2,
            "name": name,
            "name_es": name_es,
            "aliases": dedupe([f for f in forms if f not in excluded]),
            "demonyms": dedupe(dem_forms),
            "capital": split_items(capital),
            "cities": dedupe([c for c in split_items(rest) if c not in split_items(capital)]),
            "regions": dedupe(regions.get(code3, [])),
            "leaders": dedupe(leaders.get(code3, [])),
        }
        countries.append(entry)
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193
    return {
        "version": 1,
        "countries": countries,
        "supranational": dedupe(split_items(SUPRANATIONAL)),
        "unresolved": dedupe(split_items(UNRESOLVED)),
        "stop": dedupe(split_items(STOP)),
        "name_like": dedupe(split_items(NAME_LIKE)),
        "name_like_ok_neighbors": dedupe(split_items(NAME_LIKE_OK_NEIGHBORS)),
        "given_names": dedupe(split_items(GIVEN_NAMES)),
        "case_sensitive": dedupe(split_items(CASE_SENSITIVE)),
        "accent_strict": dedupe(split_items(ACCENT_STRICT)),
        "street_words": dedupe(split_items(STREET_WORDS)),
        "speaker_countries": SPEAKER_COUNTRIES,
        "speaker_words": dedupe(split_items(SPEAKER_WORDS)),
    }


def dump(data: dict[str, Any]) -> str:
    # One country per line keeps diffs and hand review readable.
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if key == "countries":
            lines.append('  "countries": [')
            for j, entry in enumerate(value):
                sep = "," if j < len(value) - 1 else ""
                lines.append("    " + json.dumps(entry, ensure_ascii=False) + sep)
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = dump(build())
    if "--check" in sys.argv[1:]:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
