/**
 * Frozen word lists for synthetic Norwegian names. Small on purpose: combinations give tens of
 * thousands of names, and a fixed list keeps the data the same for the same seed forever.
 */
export const firstNames: readonly string[] = Object.freeze([
  'Anders', 'Anne', 'Astrid', 'Bjørn', 'Berit', 'Camilla', 'Dag', 'Eirik', 'Elin', 'Emma', 'Erik', 'Frida',
  'Geir', 'Gunn', 'Hans', 'Hanne', 'Harald', 'Ingrid', 'Ida', 'Jon', 'Jorunn', 'Kari', 'Kjetil', 'Knut',
  'Kristin', 'Lars', 'Line', 'Liv', 'Magnus', 'Marit', 'Marte', 'Morten', 'Nils', 'Nora', 'Odd', 'Ola',
  'Per', 'Ragnhild', 'Randi', 'Rune', 'Sigrid', 'Silje', 'Sindre', 'Solveig', 'Stein', 'Sverre', 'Terje',
  'Thea', 'Tone', 'Tor', 'Torunn', 'Trond', 'Turid', 'Vegard', 'Vibeke', 'Øystein', 'Åse',
]);

export const surnames: readonly string[] = Object.freeze([
  'Aasen', 'Amundsen', 'Bakke', 'Berg', 'Brekke', 'Dahl', 'Eide', 'Fjeld', 'Foss', 'Haugen', 'Hagen',
  'Halvorsen', 'Hansen', 'Holm', 'Iversen', 'Jakobsen', 'Johansen', 'Karlsen', 'Kristiansen', 'Larsen',
  'Lie', 'Lund', 'Moen', 'Myhre', 'Nilsen', 'Nygaard', 'Olsen', 'Pedersen', 'Rasmussen', 'Solberg',
  'Strand', 'Sæther', 'Tangen', 'Thorsen', 'Vik', 'Viken', 'Wold', 'Ødegård', 'Aune', 'Bråten',
]);

/** Place-like first words of a business name. */
export const placeWords: readonly string[] = Object.freeze([
  'Fjord', 'Nordlys', 'Vestkyst', 'Fjell', 'Havbris', 'Solvik', 'Elvebakken', 'Lysaker', 'Sandvik',
  'Bjørkely', 'Granli', 'Moheim', 'Skogly', 'Dalen', 'Øvre', 'Nedre', 'Strand', 'Torget', 'Bryggen', 'Kvam',
]);

/** What the business does; the last word of its name. */
export const trades: readonly string[] = Object.freeze([
  'Bygg', 'Rørlegger', 'Elektro', 'Frisør', 'Regnskap', 'Transport', 'Maling', 'Snekkerverksted',
  'Bakeri', 'Kafé', 'Rådgivning', 'Data', 'Eiendom', 'Landskap', 'Renhold', 'Bilverksted', 'Design',
  'Fysioterapi', 'Catering', 'Tannhelse',
]);
